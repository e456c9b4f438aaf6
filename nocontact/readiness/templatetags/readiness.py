"""The readiness check's pieces on the plan pages: offered on the dashboard once the goal is reached, and
available from the plan's page (never for a safety plan: domain/readiness.py decides)."""

from __future__ import annotations

from typing import Any

from django import template

from nocontact.domain.figures import Streak
from nocontact.plans.models import Plan
from nocontact.readiness.services import availability

register = template.Library()


@register.inclusion_tag("readiness/_offer.html")
def readiness_offer(plan: Plan, streak: Streak) -> dict[str, Any]:
    """The dashboard's note, when the goal is reached."""
    return {"plan": plan, "show": availability(plan, streak).offered}


@register.inclusion_tag("readiness/_link.html")
def readiness_link(plan: Plan, streak: Streak) -> dict[str, Any]:
    """The plan page's link, whenever the check can be taken."""
    return {"plan": plan, "show": availability(plan, streak).available}
