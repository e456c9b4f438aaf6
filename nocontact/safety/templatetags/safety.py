"""The safety log's piece on a plan's page: where the log is, once the plan has left safety mode."""

from __future__ import annotations

from typing import Any

from django import template

from nocontact.domain.contacts import Mode
from nocontact.plans.models import Plan
from nocontact.safety.selectors import log_open

register = template.Library()


@register.inclusion_tag("safety/_kept_log.html", takes_context=True)
def kept_safety_log(context: template.Context, plan: Plan) -> dict[str, Any]:
    """A plan that left safety mode keeps its safety log: say where it is."""
    kept = plan.mode != Mode.SAFETY.value and log_open(plan)
    return {"plan": plan, "show": kept, "discreet": context.get("discreet", False)}
