from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.core.validators import MaxLengthValidator, RegexValidator

from nocontact import messages
from nocontact.accounts.models import THEMES, User
from nocontact.forms import CalmLabels

username_validator = RegexValidator(
    r"^[A-Za-z0-9_.]{3,30}$",
    "Use 3 to 30 letters, numbers, dots or underscores. It doesn't have to be your real name.",
)


def new_password_field(label: str, *, hint: bool) -> forms.CharField:
    """A new password, as the browser's password manager should treat it."""
    return forms.CharField(
        label=label,
        strip=False,
        max_length=256,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 10 characters." if hint else "",
    )


def check_new_passwords(form: forms.Form, data: dict[str, Any], first: str, second: str) -> None:
    """The two new passwords match and pass the validators; errors go on the fields."""
    p1, p2 = data.get(first), data.get(second)
    if p1 and p2 and p1 != p2:
        form.add_error(second, messages.PASSWORDS_DIFFER)
    elif p1:
        try:
            password_validation.validate_password(p1, User(username=data.get("username", "")))
        except forms.ValidationError as exc:
            form.add_error(first, exc)


class SignupForm(CalmLabels, forms.Form):
    username = forms.CharField(
        max_length=30,
        label="A name for your account",
        validators=[username_validator],
        help_text="Any name you like; it doesn't have to be your real one. We add a number to it, "
        "so nobody can find out who else uses this app.",
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    password1 = new_password_field("Password", hint=True)
    password2 = new_password_field("Password again", hint=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_new_passwords(self, data, "password1", "password2")
        return data


class LoginForm(CalmLabels, AuthenticationForm):
    error_messages = {
        "invalid_login": messages.LOGIN_FAILED,
        "inactive": messages.LOGIN_FAILED,
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"autocapitalize": "none", "aria-describedby": "login-name-help"})
        self.fields["password"].validators.append(MaxLengthValidator(256))


class EraseForm(CalmLabels, forms.Form):
    confirmation = forms.CharField(
        max_length=100,
        label="Type “erase everything” to confirm",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"}),
    )


class TokenForm(CalmLabels, forms.Form):
    name = forms.CharField(max_length=80, label="What is it for?", initial="API token")


class TimeZoneForm(CalmLabels, forms.Form):
    tz = forms.CharField(
        max_length=64,
        label="Your time zone",
        help_text="An IANA name, e.g. Europe/London or America/Chicago.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
    )


class ThemeForm(CalmLabels, forms.Form):
    theme = forms.ChoiceField(
        choices=THEMES,
        required=False,
        widget=forms.RadioSelect,
        label="Light or dark",
        error_messages={"invalid_choice": messages.THEME_UNKNOWN},
    )


class CalmPasswordChangeForm(CalmLabels, PasswordChangeForm):
    pass


class WelcomeForm(CalmLabels, forms.Form):
    """Typed once more on the welcome page, beside the real login name, so a browser saves the pair."""

    password = forms.CharField(
        label="Your password, once more",
        strip=False,
        max_length=256,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class RecoverForm(CalmLabels, forms.Form):
    username = forms.CharField(
        max_length=150,
        label="Login name",
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}),
    )
    code = forms.CharField(
        max_length=60,
        label="Recovery code",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )
    new_password1 = new_password_field("New password", hint=True)
    new_password2 = new_password_field("New password again", hint=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_new_passwords(self, data, "new_password1", "new_password2")
        return data
