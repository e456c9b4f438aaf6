"""Reads for the safety log."""

from __future__ import annotations

from nocontact.plans.models import Plan
from nocontact.safety.models import Incident


def incident_list(plan: Plan, *, newest_first: bool = False) -> list[Incident]:
    """A plan's safety log, oldest first (newest first for the page), each entry knowing its plan."""
    order = ("-at", "-pk") if newest_first else ("at", "pk")
    incidents = list(Incident.objects.filter(plan=plan).order_by(*order))
    for incident in incidents:
        incident.plan = plan  # the owner is at hand: no query per entry to decrypt its details
    return incidents
