"""Minimal contact: reading a plan's boundaries, as stored and as the pure checker takes them."""

from __future__ import annotations

from datetime import datetime

from nocontact.boundaries.models import PlanBoundaries
from nocontact.domain.checker import Boundaries
from nocontact.domain.checker.check import allows
from nocontact.domain.days import zone
from nocontact.plans.models import Plan


def boundaries_of(plan: Plan) -> PlanBoundaries | None:
    try:
        return plan.boundaries
    except PlanBoundaries.DoesNotExist:
        return None


def domain_boundaries(plan: Plan | None) -> Boundaries:
    row = boundaries_of(plan) if plan is not None else None
    if row is None:
        return Boundaries()
    own = {name: tuple(words) for name, words in (row.own_topics or {}).items()}
    allowed = set(row.topics or []) | set(own)
    return Boundaries(
        topics=frozenset(allowed) if allowed else None,
        own_topics=own,
        channels=frozenset(row.channels) if row.channels else None,
        days=frozenset(row.days) if row.days else None,
        start_hour=row.start_hour,
        end_hour=row.end_hour,
    )


def within_boundaries(plan: Plan, *, channel: str, at: datetime) -> bool:
    """Whether a contact's channel, day and hour fall inside the plan's boundaries."""
    return allows(domain_boundaries(plan), channel=channel, when_local=at.astimezone(zone(plan.tz)))
