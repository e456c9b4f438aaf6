"""Minimal contact: what a plan's boundaries allow."""

from __future__ import annotations

from django.db import models

from nocontact import crypto
from nocontact.plans.models import Plan


class PlanBoundaries(models.Model):
    """What a minimal-contact plan allows: topics, channels, days and hours. Empty means "any".

    The topics (built-in names, and the person's own topics with their words) are encrypted: they say what
    this person and their ex still have to talk about. Channels, days and hours are plain choices."""

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="boundaries")
    topics_encrypted = models.TextField(blank=True, default="")  # JSON: built-in topic names
    own_topics_encrypted = models.TextField(blank=True, default="")  # JSON: {"name": ["word", ...]}
    channels = models.JSONField(default=list, blank=True)
    days = models.JSONField(default=list, blank=True)  # 0 = Monday
    start_hour = models.PositiveSmallIntegerField(null=True, blank=True)
    end_hour = models.PositiveSmallIntegerField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    topics = crypto.Encrypted(table="plan_boundaries", empty=list[str], owner="plan.user", row="plan.public_id")
    own_topics = crypto.Encrypted(
        table="plan_boundaries", empty=dict[str, list[str]], owner="plan.user", row="plan.public_id"
    )

    def __str__(self) -> str:
        return f"Boundaries of {self.plan_id}"
