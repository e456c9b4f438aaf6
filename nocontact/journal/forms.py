from __future__ import annotations

from typing import Any

from django import forms

from nocontact import messages
from nocontact.domain.feelings import FEELINGS
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


INTENSITY_CHOICES = [(i, str(i)) for i in range(1, 6)]


class CheckInForm(CalmLabels, forms.Form):
    """Several feelings, each with an intensity, plus words of one's own and a note."""

    own = forms.CharField(required=False, max_length=40, label="In your own words (optional)")
    # Nothing chosen in advance; left unchosen, the feeling counts as 3 (see the view).
    own_intensity = forms.TypedChoiceField(
        choices=[("", messages.CHOOSE), *INTENSITY_CHOICES],
        coerce=int,
        empty_value=None,
        required=False,
        label="How strong",
    )
    note = forms.CharField(
        required=False, max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 2}), label="Note (optional)"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for feeling in FEELINGS:
            self.fields[f"f_{feeling}"] = forms.TypedChoiceField(
                choices=[("", "—"), *INTENSITY_CHOICES],
                coerce=int,
                empty_value=None,
                required=False,
                label=feeling.capitalize(),
            )

    def feeling_fields(self) -> list[forms.BoundField]:
        return [self[f"f_{feeling}"] for feeling in FEELINGS]
