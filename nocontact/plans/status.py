"""A plan's figures as plain fields: the one shape the API and `nocontact status --json` both give."""

from __future__ import annotations

from typing import Any

from nocontact.domain.days import zone
from nocontact.domain.figures import Figures
from nocontact.plans.models import Plan


def status_fields(plan: Plan, figures: Figures) -> dict[str, Any]:
    return {
        "name": plan.name,
        "mode": plan.mode,
        "since": plan.started_at.astimezone(zone(plan.tz)).isoformat(),
        "goal_days": plan.goal_days,
        "current_streak_days": figures.current_streak_days,
        "longest_streak_days": figures.longest_streak_days,
        "clean_days_total": figures.clean_days_total,
        "slips": figures.slips,
        "indirect_streak_days": figures.indirect_streak_days,
        "next_milestone_days": figures.next_milestone_days,
        "goal_reached": figures.goal_reached,
    }
