"""Forms parse what people type; the services decide what is allowed."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django import forms

from nocontact import messages
from nocontact.domain import readiness
from nocontact.domain.contacts import Mode
from nocontact.domain.days import BadDateTime, BadTimeZone, DateOutOfRange, parse_datetime, zone
from nocontact.forms import CalmLabels
from nocontact.plans.models import CHANNEL_CHOICES, DIRECTION_CHOICES, MODE_CHOICES
from nocontact.plans.services import GOAL_MAX, GOAL_MIN, NAME_MAX, NOTE_MAX, REASON_MAX

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class LocalDateTimeInput(forms.TextInput):
    input_type = "datetime-local"


def wall_clock(moment: datetime, tz_name: str) -> str:
    """A moment as the datetime-local value someone in ``tz_name`` would see."""
    return moment.astimezone(zone(tz_name)).strftime(DATETIME_LOCAL)


# A browser's clock can run a little ahead of the server's: a moment this close ahead counts as now.
NOW_GRACE = timedelta(minutes=5)


def as_now_if_just_ahead(moment: datetime | None, now: datetime) -> datetime | None:
    """``moment``, or ``now`` when it is only a few minutes ahead (a form's "now", from a faster clock)."""
    if moment is not None and now < moment <= now + NOW_GRACE:
        return now
    return moment


def parse_local(form: forms.Form, field: str, tz_name: str) -> datetime | None:
    raw = form.cleaned_data.get(field, "")
    try:
        return parse_datetime(raw, zone(tz_name))
    except DateOutOfRange:
        form.add_error(field, messages.DATETIME_OUT_OF_RANGE)
    except BadDateTime:
        form.add_error(field, messages.BAD_DATETIME.format(text=raw))
    except BadTimeZone:
        pass  # reported on the tz field
    return None


# Discreet mode: each field's label and, where it gives things away, its help text.
DISCREET_LABELS: dict[str, tuple[str, str | None]] = {
    "name": ("A name for this plan", "Only you will see it."),
    "started_at": ("When did this start?", None),
    "count_indirect": ("Count the small steps too", "Looking at profiles, or asking friends. Off: noted separately."),
}
DISCREET_MODE_CHOICES = [
    (Mode.STRICT.value, "Strict"),
    (Mode.MINIMAL.value, "Limited, within boundaries"),
    (Mode.SAFETY.value, "Strict, with dated records"),
]


class PlanForm(CalmLabels, forms.Form):
    name = forms.CharField(
        max_length=NAME_MAX,
        label="Who are you keeping distance from?",
        help_text="A name or nickname only you will see.",
    )
    mode = forms.ChoiceField(choices=MODE_CHOICES, widget=forms.RadioSelect, initial="strict", label="Kind of plan")
    started_at = forms.CharField(
        label="When was your last contact?",
        help_text="Your best guess is fine; you can change it later.",
        widget=LocalDateTimeInput(),
    )
    tz = forms.CharField(
        max_length=64,
        label="Your time zone",
        help_text="Days are counted in this zone, e.g. Europe/London or America/Chicago.",
        widget=forms.TextInput(attrs={"data-browser-tz": "", "autocomplete": "off", "autocapitalize": "none"}),
    )
    goal_days = forms.IntegerField(
        min_value=GOAL_MIN,
        max_value=GOAL_MAX,
        initial=30,
        label="Goal, in days",
        help_text="30 days is a common first goal. You can extend it at any time.",
    )
    reason = forms.CharField(
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Why you are doing this, in your own words",
        help_text="We'll show it back to you on hard days. It is stored encrypted.",
    )
    count_indirect = forms.BooleanField(
        required=False,
        label="Count indirect contact as a slip",
        help_text="Looking at their profiles, or asking friends about them. Off: it is tracked separately.",
    )

    def __init__(self, *args: Any, discreet: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if discreet:  # the same questions, in words a glance at the screen would take for a habit app
            for name, (label, help_text) in DISCREET_LABELS.items():
                self.fields[name].label = label
                if help_text is not None:
                    self.fields[name].help_text = help_text
            mode = self.fields["mode"]
            assert isinstance(mode, forms.ChoiceField)
            mode.choices = DISCREET_MODE_CHOICES

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        tz_name = data.get("tz", "")
        try:
            data["tz"] = zone(tz_name).key
        except BadTimeZone:
            self.add_error("tz", messages.PLAN_BAD_TZ.format(tz=tz_name))
            return data
        data["started_at"] = parse_local(self, "started_at", data["tz"])
        return data


class NewPlanForm(PlanForm):
    """A new plan also asks, gently and optionally, the screening questions that suggest safety mode."""

    screened = forms.BooleanField(required=False, widget=forms.HiddenInput)
    # The default "now" as the page showed it, and the zone it was shown in: sent back unchanged, it means
    # that moment, whatever zone is chosen (the form then works unchanged in every zone, with or without a script).
    shown_now = forms.CharField(required=False, widget=forms.HiddenInput)
    shown_tz = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i, (key, text) in enumerate(readiness.SCREENING):
            self.fields[f"screen_{key}"] = forms.BooleanField(
                required=False,
                label=text,
                help_text="Optional, and only used to suggest a kind of plan. Not stored." if i == 0 else "",
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        shown_now, shown_tz = data.pop("shown_now", ""), data.pop("shown_tz", "")
        unchanged = shown_now and self.data.get("started_at") == shown_now
        if unchanged and not self.has_error("started_at") and not self.has_error("tz"):
            try:
                data["started_at"] = parse_datetime(shown_now, zone(shown_tz))
            except (BadDateTime, BadTimeZone):
                pass  # not as shown after all: read in the chosen zone, as above
        return data

    def screening(self) -> dict[str, bool]:
        return {key: bool(self.cleaned_data.pop(f"screen_{key}", False)) for key, _ in readiness.SCREENING}


class ContactForm(CalmLabels, forms.Form):
    at = forms.CharField(label="When", widget=LocalDateTimeInput())
    # Nothing is chosen in advance: one careless tap must not log a slip (issue 15).
    channel = forms.ChoiceField(choices=[("", "Choose one"), *CHANNEL_CHOICES], label="How")
    direction = forms.ChoiceField(choices=DIRECTION_CHOICES, widget=forms.RadioSelect, label="Who reached out")
    boundaries = forms.ChoiceField(
        choices=[
            ("within", "Within our agreed boundaries"),
            ("necessary", "Outside them, but it was necessary (say why in the note)"),
            ("outside", "Outside our boundaries"),
        ],
        widget=forms.RadioSelect,
        label="Did it stay within the boundaries?",
        help_text="The topic, channel and time you agreed on.",
    )
    note = forms.CharField(
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Note (optional)",
        help_text="Stored encrypted.",
    )

    def __init__(self, *args: Any, tz_name: str, minimal: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tz_name = tz_name
        if not minimal:
            del self.fields["boundaries"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["at"] = parse_local(self, "at", self.tz_name)
        choice = data.pop("boundaries", None)
        data["permitted"] = choice in ("within", "necessary")
        data["strayed"] = choice in ("necessary", "outside")
        return data


def boundaries_choice(permitted: bool, strayed: bool) -> str:
    if strayed:
        return "necessary" if permitted else "outside"
    return "within"


QUICK_BOUNDARIES_CHOICES = [("within", "Within our agreed boundaries"), ("outside", "Outside them")]


class QuickLogForm(CalmLabels, forms.Form):
    """The dashboard's quick log: nothing preselected, and a slip is confirmed before it is written."""

    channel = forms.ChoiceField(choices=CHANNEL_CHOICES, label="How")
    direction = forms.ChoiceField(choices=DIRECTION_CHOICES, label="Who reached out")
    boundaries = forms.ChoiceField(choices=QUICK_BOUNDARIES_CHOICES, required=False, label="The boundaries")
    confirm = forms.BooleanField(required=False)

    def __init__(self, *args: Any, minimal: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.minimal = minimal

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        choice = data.get("boundaries") or ""
        # A minimal plan asks one more thing of what you did: within the boundaries, or not.
        if self.minimal and not choice and data.get("direction") not in (None, "incoming"):
            self.add_error("boundaries", messages.QUICK_LOG_NEEDS_BOUNDARIES)
        if choice and not self.minimal:
            choice = ""
        data["permitted"] = choice == "within"
        data["strayed"] = choice == "outside"
        return data

    def entry(self) -> dict[str, Any]:
        """What to write: the fields ``services.contact_log`` takes."""
        return {k: self.cleaned_data[k] for k in ("channel", "direction", "permitted", "strayed")}
