"""The safety log: what they did, dated, with details encrypted. Kept apart from the contact log."""

from __future__ import annotations

from django.db import models

from nocontact import crypto
from nocontact.domain.contacts import IncidentKind
from nocontact.ids import new_public_id
from nocontact.plans.models import CHANNEL_CHOICES, Plan

KIND_CHOICES = [
    (IncidentKind.MESSAGE.value, "A message or call"),
    (IncidentKind.TURNED_UP.value, "They turned up"),
    (IncidentKind.THREAT.value, "A threat"),
    (IncidentKind.THROUGH_OTHERS.value, "Through other people"),
    (IncidentKind.ONLINE.value, "Online: accounts, posts, tracking"),
    (IncidentKind.HARM.value, "They hurt me, or damaged something"),
    (IncidentKind.OTHER.value, "Something else"),
]
INCIDENT_CHANNEL_CHOICES = [*CHANNEL_CHOICES, ("other", "Other")]


class Incident(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="incidents")
    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    at = models.DateTimeField()
    kind = models.CharField(max_length=20, choices=KIND_CHOICES)
    channel = models.CharField(max_length=20, choices=INCIDENT_CHANNEL_CHOICES)
    details_encrypted = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["plan", "at"], name="incident_plan_at")]

    def __str__(self) -> str:
        return f"{self.kind} at {self.at:%Y-%m-%d %H:%M}"

    @property
    def details(self) -> str:
        return crypto.decrypt_text(
            self.plan.user, table="incident", field="details", row=self.public_id, token=self.details_encrypted
        )

    def set_details(self, text: str) -> None:
        self.details_encrypted = crypto.encrypt_text(
            self.plan.user, table="incident", field="details", row=self.public_id, text=text
        )
