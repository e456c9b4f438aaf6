"""Minimal contact's forms: a plan's boundaries, a message to check, and a message of theirs to read."""

from __future__ import annotations

from typing import Any

from django import forms

from nocontact import messages
from nocontact.boundaries.services import TOPICS
from nocontact.forms import CalmLabels
from nocontact.plans.models import CHANNEL_CHOICES, Plan
from nocontact.plans.selectors import plan_labels

DAY_CHOICES = [(0, "Mon"), (1, "Tue"), (2, "Wed"), (3, "Thu"), (4, "Fri"), (5, "Sat"), (6, "Sun")]


class BoundariesForm(CalmLabels, forms.Form):
    topics = forms.MultipleChoiceField(
        choices=[(t, t.capitalize()) for t in TOPICS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Topics that are fine",
        help_text="Leave all unticked to allow every built-in topic.",
    )
    own_topics = forms.CharField(
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Your own topics",
        help_text="One per line: a name, a colon, then words that belong to it. E.g. “band: rehearsal, gig, van”.",
    )
    channels = forms.MultipleChoiceField(
        choices=CHANNEL_CHOICES[:5],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Channels that are fine",
        help_text="Leave all unticked to allow any.",
    )
    days = forms.TypedMultipleChoiceField(
        choices=DAY_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Days",
        help_text="Leave all unticked for any day.",
    )
    start_hour = forms.IntegerField(min_value=0, max_value=24, required=False, label="From (hour, 0–24)")
    end_hour = forms.IntegerField(min_value=0, max_value=24, required=False, label="Until (hour, 0–24)")

    def clean_own_topics(self) -> dict[str, list[str]]:
        own: dict[str, list[str]] = {}
        for line in self.cleaned_data["own_topics"].splitlines():
            if not line.strip():
                continue
            name, sep, words = line.partition(":")
            if not sep:
                raise forms.ValidationError(messages.BOUNDARIES_BAD_OWN_TOPIC)
            own[name.strip()] = [w.strip() for w in words.split(",") if w.strip()]
        return own


class CheckForm(CalmLabels, forms.Form):
    text = forms.CharField(
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        label="The message",
        help_text="A draft you want to send, or one you received and are about to answer. Nothing is sent or kept.",
    )
    plan = forms.ChoiceField(required=False, label="Check against the boundaries of")
    channel = forms.ChoiceField(choices=[("", "(any)"), *CHANNEL_CHOICES[:5]], required=False, label="Sending by")

    def __init__(self, *args: Any, plans: list[Plan], discreet: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plans = {p.public_id: p for p in plans}
        field = self.fields["plan"]
        assert isinstance(field, forms.ChoiceField)
        labels = plan_labels(plans, discreet=discreet)  # in discreet mode, no name shows in the closed list
        field.choices = [("", "(every practical topic)")] + [(p.public_id, labels[p.public_id]) for p in plans]


class ReadForm(CalmLabels, forms.Form):
    text = forms.CharField(
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        label="Their message",
        help_text="Paste what they sent. It is read here, in a moment, and nothing of it is kept.",
    )
