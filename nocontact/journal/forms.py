from __future__ import annotations

from typing import Any

from django import forms

from nocontact import messages
from nocontact.domain.feelings import FEELINGS, INTENSITY_MAX, INTENSITY_MIN, OWN_WORDS_MAX
from nocontact.forms import CalmLabels
from nocontact.journal.models import FEELING_CHOICES
from nocontact.journal.services import NOTE_MAX, TEXT_MAX


class DateInput(forms.DateInput):
    input_type = "date"


class EntryForm(CalmLabels, forms.Form):
    text = forms.CharField(
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 12}),
        label="Your entry",
        help_text="You can use *italics*, **bold** and lists (a line starting with -). Kept encrypted.",
    )
    entry_date = forms.DateField(label="Date", widget=DateInput())
    mood = forms.ChoiceField(choices=[("", "(none)"), *FEELING_CHOICES], required=False, label="Mood, if you like")
    tags = forms.CharField(
        required=False, max_length=1000, label="Tags", help_text="Words separated by spaces or commas."
    )
    sealed_until = forms.DateField(
        required=False,
        widget=DateInput(),
        label="Seal as a letter to open later",
        help_text="Leave empty for an ordinary entry. A sealed letter stays closed until this date.",
    )
    prompt = forms.CharField(required=False, widget=forms.HiddenInput())


class SearchForm(CalmLabels, forms.Form):
    q = forms.CharField(required=False, max_length=200, label="Search your journal")


INTENSITY_CHOICES = [(i, str(i)) for i in range(INTENSITY_MIN, INTENSITY_MAX + 1)]
FEELING_PREFIX = "f_"  # each feeling's strength is posted as f_<feeling>: f_grief=4


def strength_field(label: str) -> forms.TypedChoiceField:
    """How strong, from 1 to 5, as one row of radios; nothing chosen in advance."""
    return forms.TypedChoiceField(
        choices=INTENSITY_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        label=label,
        error_messages={"invalid_choice": messages.MOOD_BAD_STRENGTH},
    )


class CheckInForm(CalmLabels, forms.Form):
    """Several feelings, each a row whose strength is chosen in one tap, plus words of one's own and a note."""

    own = forms.CharField(
        required=False,
        max_length=OWN_WORDS_MAX,
        label="In your own words (optional)",
        error_messages={"max_length": messages.MOOD_OWN_WORDS_LONG.format(max=OWN_WORDS_MAX)},
    )
    # Nothing chosen in advance; left unchosen, the feeling counts as 3 (see the view).
    own_intensity = strength_field("How strong")
    note = forms.CharField(
        required=False, max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 2}), label="Note (optional)"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for feeling in FEELINGS:
            self.fields[f"{FEELING_PREFIX}{feeling}"] = strength_field(feeling.capitalize())
        self.order_fields([f"{FEELING_PREFIX}{feeling}" for feeling in FEELINGS])  # as on the page, top down

    def feeling_fields(self) -> list[forms.BoundField]:
        return [self[f"{FEELING_PREFIX}{feeling}"] for feeling in FEELINGS]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # A feeling this page does not offer (an old page, a changed address): said, not silently dropped.
        unknown = sorted(
            key.removeprefix(FEELING_PREFIX)[:OWN_WORDS_MAX]
            for key in self.data
            if key.startswith(FEELING_PREFIX) and key not in self.fields and self.data.get(key)
        )
        if unknown:
            self.add_error(None, messages.MOOD_UNKNOWN_FEELING.format(names=", ".join(unknown)))
        if cleaned.get("own_intensity") is not None and not (cleaned.get("own") or "").strip():
            self.add_error("own", messages.MOOD_OWN_WORDS_NEEDED)
        return cleaned
