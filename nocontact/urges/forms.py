"""The pause as a plain form: it works with no JavaScript at all, and is always POSTed."""

from __future__ import annotations

from typing import Any

from django import forms

from nocontact import messages
from nocontact.domain.urges import HELPED, OUTCOMES, STRENGTH_MAX, STRENGTH_MIN, URGE_FEELINGS
from nocontact.forms import CalmLabels
from nocontact.urges.models import PREFERRED_CHOICES

FEELING_LABELS = {f: f.capitalize() for f in URGE_FEELINGS}
TRIGGER_LABELS = {
    "reassurance": "Reassurance",
    "closure": "Closure",
    "to_be_noticed": "To be noticed",
    "boredom": "Something to do",
    "anger": "To let out anger",
    "saw_something": "I saw something of theirs",
    "practical": "A practical matter",
    "other": "Something else",
}
HELPED_LABELS = {
    "timer": "Waiting",
    "breathing": "Breathing",
    "reason": "My reason",
    "friend": "A friend",
    "writing": "Writing it down",
    "activity": "Doing something else",
}
OUTCOME_LABELS = {"passed": "It passed", "still_want": "I still want to", "contacted": "I contacted them"}
# Discreet mode: the same answers, in words a glance at the screen would take for a notes app.
OUTCOME_LABELS_DISCREET = OUTCOME_LABELS | {"contacted": "I reached out"}
CHANNELS = (
    ("message", "Message"),
    ("text", "Text"),
    ("call", "Call"),
    ("social", "Social media"),
    ("in_person", "In person"),
)


class PauseForm(CalmLabels, forms.Form):
    key = forms.CharField(min_length=8, max_length=64, widget=forms.HiddenInput)
    started_at = forms.DateTimeField(required=False, widget=forms.HiddenInput)
    plan = forms.ChoiceField(required=False)
    strength_before = forms.IntegerField(min_value=STRENGTH_MIN, max_value=STRENGTH_MAX, required=False)
    feeling = forms.ChoiceField(choices=list(FEELING_LABELS.items()), required=False, widget=forms.RadioSelect)
    feeling_words = forms.CharField(max_length=200, required=False)
    trigger = forms.ChoiceField(choices=list(TRIGGER_LABELS.items()), required=False, widget=forms.RadioSelect)
    unsent = forms.CharField(required=False, widget=forms.Textarea)
    strength_after = forms.IntegerField(min_value=STRENGTH_MIN, max_value=STRENGTH_MAX, required=False)
    outcome = forms.ChoiceField(choices=[(o, OUTCOME_LABELS[o]) for o in OUTCOMES], widget=forms.RadioSelect)
    # Optional, and only asked if they reached out; left unchosen, the pause keeps "message" (see the view).
    channel = forms.ChoiceField(choices=[("", messages.CHOOSE), *CHANNELS], required=False)
    helped = forms.MultipleChoiceField(
        choices=[(h, HELPED_LABELS[h]) for h in HELPED], required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, plans: list[dict[str, Any]], discreet: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Nothing is chosen in advance (a lone plan is the only answer, so it stays, hidden); in discreet
        # mode no name shows until the list is opened.
        blank = [("", messages.CHOOSE)] if discreet or len(plans) != 1 else []
        plan = self.fields["plan"]
        assert isinstance(plan, forms.ChoiceField)
        plan.choices = blank + [(p["id"], p["label"]) for p in plans]
        self.only_plan = str(plans[0]["id"]) if len(plans) == 1 else ""
        outcome = self.fields["outcome"]
        assert isinstance(outcome, forms.ChoiceField)
        outcome.error_messages["required"] = messages.URGE_NEEDS_OUTCOME
        if discreet:
            outcome.choices = [(o, OUTCOME_LABELS_DISCREET[o]) for o in OUTCOMES]
            outcome.error_messages["required"] = messages.URGE_NEEDS_OUTCOME_DISCREET

    def clean_plan(self) -> str:
        """The plan chosen; with a single plan (its list hidden), that one: there is nothing else to choose."""
        return str(self.cleaned_data.get("plan") or self.only_plan)


class PersonForm(CalmLabels, forms.Form):
    name = forms.CharField(max_length=80)
    phone = forms.CharField(max_length=40, required=False)
    email = forms.EmailField(required=False, label="E-mail")
    preferred = forms.ChoiceField(choices=PREFERRED_CHOICES, label="Best way")
    message = forms.CharField(
        max_length=300,
        required=False,
        label="Your message to them",
        help_text=f"Left empty: “{messages.SUPPORT_DEFAULT_MESSAGE}”",
    )
    alert_on_pause = forms.BooleanField(required=False, label="Alert them when I start a pause")
    notify_url = forms.CharField(
        max_length=500,
        required=False,
        label="Alert address",
        help_text="Where the alert goes, e.g. mailto://user:password@example.org?to=friend@example.org. "
        "Any address apprise understands; see docs/notifications.md.",
    )


class HelperForm(CalmLabels, forms.Form):
    text = forms.CharField(
        max_length=120, label="Something that helps you", help_text="A walk, a song, a call, a hobby."
    )
