"""The pause as a plain form: it works with no JavaScript at all, and is always POSTed."""

from __future__ import annotations

from typing import Any

from django import forms

from nocontact import messages
from nocontact.domain.alert_ways import ADDRESS_MAX, FIELD_MAX, FIELDS, WayProblem, build
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


# The ways an alert can reach someone (domain/alert_ways.py), and each way's fields in a person's words.
WAY_LABELS = {
    "email": "E-mail",
    "ntfy": "ntfy, an app for alerts",
    "signal": "Signal",
    "telegram": "Telegram",
    "matrix": "Matrix",
    "sms": "Text message (SMS), through Twilio",
    "other": "Something else (advanced)",
}
# How a person's alert is named in the circle's list.
WAY_SHORT = {
    "email": "e-mail",
    "ntfy": "ntfy",
    "signal": "Signal",
    "telegram": "Telegram",
    "matrix": "Matrix",
    "sms": "text message",
    "other": "something else",
}
_LEFT_EMPTY_PHONE = "Left empty: the phone number above."
# (label, hint, secret) for each way's fields; "other" is the raw address, kept as the field it always was.
WAY_FIELDS: dict[str, dict[str, tuple[str, str, bool]]] = {
    "email": {
        "to": ("Their e-mail address", "Left empty: the e-mail address above.", False),
        "sender": ("Your e-mail address, to send it from", "", False),
        "password": ("Its password", "Many providers ask for an app password made just for this.", True),
        "server": (
            "Your provider's sending server, if it needs one",
            "Not needed for Gmail, Outlook, Yahoo, GMX, Fastmail or Zoho. Otherwise like smtp.example.org, "
            "or smtp.example.org:465.",
            False,
        ),
    },
    "ntfy": {
        "server": ("The ntfy server", "ntfy.sh, or your own, like https://ntfy.example.org.", False),
        "topic": ("The topic they follow", "In the ntfy app: one word, hard to guess, like robin-7fq2.", False),
    },
    "signal": {
        "server": ("Your Signal sending server", "A signal-cli REST server, like http://192.168.1.5:8080.", False),
        "sender": ("The number it sends from", "With the country code, like +44 7700 900123.", False),
        "to": ("Their Signal number", _LEFT_EMPTY_PHONE, False),
    },
    "telegram": {
        "bot": ("Your bot's token", "From @BotFather in Telegram, like 123456789:AAH…", True),
        "chat": ("Their chat ID", "A number. They need to have written to your bot once.", False),
    },
    "matrix": {
        "to": ("Their Matrix address", "Like @sam:matrix.org, or a room like #friends:matrix.org.", False),
        "server": ("Your home server", "Where your Matrix account is, like matrix.org.", False),
        "sender": ("Your Matrix account", "Like robin, or @robin:matrix.org.", False),
        "password": ("Its password", "", True),
    },
    "sms": {
        "to": ("Their mobile number", _LEFT_EMPTY_PHONE, False),
        "sender": ("Your Twilio number", "", False),
        "account": ("Your Twilio account SID", "It starts with AC; your Twilio console shows it.", False),
        "secret": ("Your Twilio auth token", "", True),
    },
    "other": {
        "address": (
            "Alert address",
            "Any address apprise understands, like json://hooks.example.org/alert (see docs/notifications.md).",
            False,
        ),
    },
}
WAY_INITIAL = {("ntfy", "server"): "ntfy.sh", ("matrix", "server"): "matrix.org"}
# Where a refusal of the whole address is shown: the field that names the server it goes to.
WAY_ADDRESS_FIELD = {
    "email": "server",
    "ntfy": "server",
    "signal": "server",
    "telegram": "bot",
    "matrix": "server",
    "sms": "account",
    "other": "address",
}


def way_field_name(way: str, field: str) -> str:
    """The form field for one of a way's fields. The raw address keeps its old name, so old forms still work."""
    return "notify_url" if way == "other" else f"{way}_{field}"


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
    way = forms.ChoiceField(
        choices=[("", "No alert for now"), *WAY_LABELS.items()],
        required=False,
        widget=forms.RadioSelect,
        label="How the alert reaches them",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for way, fields in WAY_FIELDS.items():
            for field, (label, hint, secret) in fields.items():
                widget: forms.Widget = (
                    forms.PasswordInput(render_value=True, attrs={"autocomplete": "new-password"})
                    if secret
                    else forms.TextInput(attrs={"autocomplete": "off"})
                )
                self.fields[way_field_name(way, field)] = forms.CharField(
                    required=False,
                    max_length=ADDRESS_MAX if way == "other" else FIELD_MAX,
                    label=label,
                    help_text=hint,
                    widget=widget,
                    initial=WAY_INITIAL.get((way, field), ""),
                    strip=True,
                )

    def about(self) -> list[Any]:
        """The fields about the person, shown before the alert's."""
        return [self[name] for name in ("name", "phone", "email", "preferred", "message")]

    def way_groups(self) -> list[dict[str, Any]]:
        """Each way with its fields, for the page: all are shown without JavaScript, under their headings."""
        return [
            {"way": way, "label": label, "fields": [self[way_field_name(way, f)] for f in FIELDS[way]]}
            for way, label in WAY_LABELS.items()
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        way = str(data.get("way") or "")
        typed = [w for w in WAY_FIELDS if any(self._typed(w, f) for f in FIELDS[w])]
        if not way and typed == ["other"] and self.add_prefix("way") not in self.data:
            way = "other"  # a raw address sent without a way, as the form used to be: "something else"
        elif not way and typed:
            self.add_error("way", messages.ALERT_WAY_UNCHOSEN)  # kept as typed, not dropped
        names = {f: way_field_name(way, f) for f in FIELDS.get(way, ())}
        values = {f: str(data.get(name) or "") for f, name in names.items()}
        data["way"], data["notify_url"] = way, ""
        if not way or any(name in self.errors for name in names.values()):
            return data
        if "to" in values and not values["to"]:
            values["to"] = str(data.get("email" if way == "email" else "phone") or "")
        try:
            data["notify_url"] = build(way, values)
        except WayProblem as problem:
            target = names.get(problem.field, "way")
            self.add_error(target, messages.ALERT_WAY_PROBLEMS[problem.problem])
        return data

    def _typed(self, way: str, field: str) -> bool:
        """Whether something was typed into a way's field (more than the value it starts with)."""
        value = self.cleaned_data.get(way_field_name(way, field)) or ""
        return bool(value) and value != WAY_INITIAL.get((way, field), "")

    def address_field(self) -> str:
        """The field on which a refusal of the whole address is shown."""
        way = self.cleaned_data.get("way") or "other"
        return way_field_name(way, WAY_ADDRESS_FIELD[way])

    def person_data(self) -> dict[str, Any]:
        """What the service stores."""
        keys = ("name", "phone", "email", "preferred", "message", "alert_on_pause", "notify_url")
        return {k: self.cleaned_data[k] for k in keys}


class HelperForm(CalmLabels, forms.Form):
    text = forms.CharField(
        max_length=120, label="Something that helps you", help_text="A walk, a song, a call, a hobby."
    )
