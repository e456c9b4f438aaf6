from __future__ import annotations

from typing import Any

from django import forms

from nocontact.domain.imports.sources import FORMATS
from nocontact.forms import CalmLabels

FORMAT_LABELS = {
    "whatsapp": "WhatsApp chat export (.txt or .zip)",
    "telegram": "Telegram Desktop export (result.json)",
    "sms-xml": "SMS Backup & Restore: messages (.xml)",
    "calls-xml": "SMS Backup & Restore: call log (.xml)",
    "instagram": "Instagram data download (message_1.json or .zip)",
    "messenger": "Facebook Messenger data download (message_1.json or .zip)",
}


# Discreet mode: the labels and help texts that would give the page away, in plain words (None: kept).
DISCREET_LABELS: dict[str, tuple[str | None, str | None]] = {
    "answered_within_hours": (
        None,
        "A message of theirs you answered this soon is logged as a conversation, both ways. 0: never.",
    ),
    "group_counts": ("In a group chat, count my messages as written to them", None),
}


class ImportForm(CalmLabels, forms.Form):
    file = forms.FileField(label="The exported file", help_text="Message text is read, never kept.")
    person = forms.CharField(
        max_length=120,
        label="Their name as the export shows it, or their number",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
    )
    format = forms.ChoiceField(
        choices=[("auto", "Work it out from the file"), *((f, FORMAT_LABELS[f]) for f in FORMATS)],
        initial="auto",
        label="Kind of export",
    )
    me = forms.CharField(
        required=False, max_length=120, label="Your own name in it (optional)", help_text="Needed in group chats."
    )
    date_order = forms.ChoiceField(
        required=False,
        choices=[("", "Work it out from the file"), ("dmy", "Day first (31/12)"), ("mdy", "Month first (12/31)")],
        label="Dates in the file",
    )
    answered_within_hours = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=168,
        initial=6,
        label="Hours within which your reply makes it a conversation",
        help_text="A message of theirs you answered this soon is logged as contact both ways. 0: never.",
    )
    group_counts = forms.BooleanField(
        required=False,
        label="In a group chat, count my messages as contact with them",
        help_text="Off: writing in a shared group is not writing to them.",
    )

    def __init__(self, *args: Any, discreet: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if discreet:
            for name, (label, help_text) in DISCREET_LABELS.items():
                if label is not None:
                    self.fields[name].label = label
                if help_text is not None:
                    self.fields[name].help_text = help_text
