"""Imports of chat and call history exports: each one a batch, previewed, then written, and undone as one."""

from __future__ import annotations

from typing import Any

from django.db import models

from nocontact import crypto
from nocontact.ids import new_public_id
from nocontact.plans.models import Plan


class ImportBatch(models.Model):
    """One import of a chat or call export into a plan's log: previewed, then written, and undone as one."""

    PREVIEW, DONE, UNDONE = "preview", "done", "undone"
    STATUS_CHOICES = [(PREVIEW, "Previewed"), (DONE, "Imported"), (UNDONE, "Undone")]

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="imports")
    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    created_at = models.DateTimeField()
    format = models.CharField(max_length=20)
    file_name_encrypted = models.TextField()  # a file's name can hold a name ("WhatsApp Chat with …")
    file_sha256 = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default=PREVIEW)
    # Counts and times, and the person's name or number as given (no message text): encrypted.
    summary_encrypted = models.TextField(blank=True, default="")
    pending_encrypted = models.TextField(blank=True, default="")  # the entries, while only previewed
    added = models.PositiveIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"import {self.public_id} ({self.status})"

    file_name = crypto.Encrypted(table="import", owner="plan.user")
    # What the import found: the command line's JSON report (person, counts, times).
    summary = crypto.Encrypted(table="import", empty=dict[str, Any], owner="plan.user")
