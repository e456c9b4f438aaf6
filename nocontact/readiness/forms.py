from __future__ import annotations

from typing import Any

from django import forms

from nocontact.domain import readiness
from nocontact.forms import CalmLabels
from nocontact.readiness.services import EXTEND_MAX


class ReadinessForm(CalmLabels, forms.Form):
    """One field per question, in order: choices as radio buttons, the open question as a text box."""

    def __init__(self, *args: Any, discreet: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for q in readiness.QUESTIONS:
            if q.free_text:
                self.fields[q.key] = forms.CharField(
                    label=q.shown(discreet),
                    required=False,
                    max_length=readiness.ANSWER_MAX,
                    widget=forms.Textarea(attrs={"rows": 3}),
                    help_text="Optional. Only you will see it; it is stored encrypted.",
                )
            else:
                self.fields[q.key] = forms.ChoiceField(
                    label=q.shown(discreet), choices=q.options, widget=forms.RadioSelect
                )


class ChoiceForm(CalmLabels, forms.Form):
    outcome = forms.ChoiceField(choices=[(o.value, o.value) for o in readiness.Outcome])
    extend_days = forms.IntegerField(
        required=False, min_value=1, max_value=EXTEND_MAX, initial=30, label="How many more days?"
    )
