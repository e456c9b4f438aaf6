"""The safety log: what they did, dated, with details encrypted. Kept apart from the contact log.

Append-only: a correction or a withdrawal is a new entry referring to an earlier one, which is kept. Each
entry stores its number in the plan's log and its chain hash (see nocontact/domain/safety_chain.py).
"""

from __future__ import annotations

import secrets

from django.db import models

from nocontact import crypto
from nocontact.domain.contacts import IncidentKind
from nocontact.domain.safety_chain import Action
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
ACTION_CHOICES = [(Action.RECORD, "Recorded"), (Action.CORRECT, "Correction"), (Action.WITHDRAW, "Withdrawal")]


class Incident(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="incidents")
    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    at = models.DateTimeField()
    kind = models.CharField(max_length=20, choices=KIND_CHOICES)
    channel = models.CharField(max_length=20, choices=INCIDENT_CHANNEL_CHOICES)
    details_encrypted = models.TextField(blank=True, default="")
    created_at = models.DateTimeField()  # when it was entered: part of the chained content, so set by the service
    # Never changed once written; for entries from before the log was append-only, when they were last edited.
    updated_at = models.DateTimeField(auto_now=True)
    # Its place in the plan's log (1, 2, ...), what it does, and the earlier entry it corrects or withdraws.
    number = models.PositiveIntegerField(default=0)
    action = models.CharField(max_length=10, choices=ACTION_CHOICES, default=Action.RECORD)
    refers_to = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    # SHA-256 of the previous entry's chain hash and this entry's plaintext content; empty until sealed.
    chain_hash = models.CharField(max_length=64, blank=True, default="")
    # A random value hashed with the content, encrypted: the chain hash cannot confirm a guess of the details.
    nonce_encrypted = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["number", "pk"]
        indexes = [models.Index(fields=["plan", "at"], name="incident_plan_at")]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="incident_plan_number")]

    def __str__(self) -> str:
        return f"{self.kind} at {self.at:%Y-%m-%d %H:%M}"

    details = crypto.Encrypted(table="incident", owner="plan.user")
    nonce = crypto.Encrypted(table="incident", owner="plan.user")

    def new_nonce(self) -> None:
        self.nonce = secrets.token_hex(16)
