from __future__ import annotations

from typing import Any

from django import forms

from nocontact import messages
from nocontact.forms import CalmLabels
from nocontact.plans.forms import LocalDateTimeInput, parse_local
from nocontact.safety.models import INCIDENT_CHANNEL_CHOICES, KIND_CHOICES
from nocontact.safety.services import DETAILS_MAX, IDLE_MAX, IDLE_MIN, PIN_MAX, PIN_MIN


class IncidentForm(CalmLabels, forms.Form):
    at = forms.CharField(label="When", widget=LocalDateTimeInput())
    # Nothing is chosen in advance: a neutral first entry, and a kind word if it is left there.
    kind = forms.ChoiceField(
        choices=[("", messages.CHOOSE), *KIND_CHOICES],
        label="What happened",
        error_messages={"required": messages.INCIDENT_NEEDS_KIND},
    )
    channel = forms.ChoiceField(
        choices=[("", messages.CHOOSE), *INCIDENT_CHANNEL_CHOICES],
        label="How",
        error_messages={"required": messages.INCIDENT_NEEDS_CHANNEL},
    )
    details = forms.CharField(
        required=False,
        max_length=DETAILS_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        label="Details (optional)",
        help_text="What was said or done, where, and who saw it. Stored encrypted.",
    )

    def __init__(self, *args: Any, tz_name: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tz_name = tz_name

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["at"] = parse_local(self, "at", self.tz_name)
        return data


class SafeguardsForm(CalmLabels, forms.Form):
    quick_exit = forms.BooleanField(
        required=False,
        label="Show the quick exit",
        help_text="A button on every page; Escape, or Shift pressed three times, does the same.",
    )
    exit_url = forms.CharField(
        required=False,
        max_length=300,
        label="Where the quick exit goes (optional)",
        help_text="A neutral web page. Empty: the default for this server.",
        widget=forms.URLInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
    )
    discreet = forms.BooleanField(
        required=False,
        label="Discreet mode",
        help_text="A neutral name, title and icon, and neutral words in notifications.",
    )
    idle_lock_minutes = forms.IntegerField(
        required=False,
        min_value=IDLE_MIN,
        max_value=IDLE_MAX,
        label="Sign out after this many quiet minutes (optional)",
        help_text="Empty: stay signed in until you log out.",
    )


class TrustDeviceForm(CalmLabels, forms.Form):
    pin = forms.CharField(
        min_length=PIN_MIN,
        max_length=PIN_MAX,
        label="A PIN for this device",
        help_text=f"{PIN_MIN} to {PIN_MAX} digits. Choose one nobody else knows.",
        widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    password = forms.CharField(
        strip=False,
        max_length=256,
        label="Your password",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That isn't your current password.")
        return password


class UnlockForm(CalmLabels, forms.Form):
    pin = forms.CharField(
        max_length=PIN_MAX,
        label="Your PIN",
        widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
