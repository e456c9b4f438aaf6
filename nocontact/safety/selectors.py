"""Reads for the safety log."""

from __future__ import annotations

from nocontact.domain.contacts import Mode
from nocontact.plans.models import Plan
from nocontact.safety.models import Incident


def log_open(plan: Plan) -> bool:
    """Whether the plan has a safety log to show: it is a safety plan, or it was one and entries were kept.

    New entries need safety mode; what was recorded stays readable, exportable, correctable and removable
    after the plan leaves it, on the web, in the API and on the command line alike.
    """
    return plan.mode == Mode.SAFETY.value or Incident.objects.filter(plan=plan).exists()


def incident_list(plan: Plan, *, newest_first: bool = False) -> list[Incident]:
    """A plan's safety log, oldest first (newest first for the page), each entry knowing its plan."""
    order = ("-at", "-pk") if newest_first else ("at", "pk")
    incidents = list(Incident.objects.filter(plan=plan).order_by(*order))
    for incident in incidents:
        incident.plan = plan  # the owner is at hand: no query per entry to decrypt its details
    return incidents
