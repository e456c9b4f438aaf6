"""What every form here shares."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from nocontact import messages

if TYPE_CHECKING:
    from django import forms

    from nocontact.errors import ServiceError


class CalmLabels:
    """Labels without Django's trailing colon: they read as plain questions, and match accessible names."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


def add_service_error(form: forms.Form, exc: ServiceError, *, discreet: bool = False) -> None:
    """Show a service's refusal on the field it names, or above the form if the form has no such field.

    In discreet mode, a refusal whose words would give the app away is said in plain ones.
    """
    text = messages.DISCREET_WORDS.get(exc.message, exc.message) if discreet else exc.message
    form.add_error(exc.field if exc.field in form.fields else None, text)
