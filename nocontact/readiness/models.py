"""Readiness checks: the answers (encrypted), what they suggested, and what the person chose."""

from __future__ import annotations

from django.db import models

from nocontact import crypto
from nocontact.ids import new_public_id
from nocontact.plans.models import Plan

OUTCOME_CHOICES = [
    ("not_yet", "Not yet: give it more time"),
    ("go_slowly", "Go slowly, with boundaries"),
    ("stay", "Stay in no contact"),
]


class ReadinessCheck(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="readiness_checks")
    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    created_at = models.DateTimeField()
    streak_days = models.PositiveIntegerField()  # the current streak when it was taken
    answers_encrypted = models.TextField()
    suggested = models.CharField(max_length=10, choices=OUTCOME_CHOICES)
    chosen = models.CharField(max_length=10, choices=OUTCOME_CHOICES, blank=True, default="")
    extend_days = models.PositiveIntegerField(null=True, blank=True)
    chosen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"readiness check {self.public_id}"

    answers = crypto.Encrypted(table="readiness", empty=dict[str, str], owner="plan.user")
