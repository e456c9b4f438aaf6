"""Reads for the safety log."""

from __future__ import annotations

from dataclasses import dataclass, field

from nocontact.domain.contacts import Mode
from nocontact.domain.safety_chain import Action
from nocontact.plans.models import Plan
from nocontact.safety.models import Incident


def log_open(plan: Plan) -> bool:
    """Whether the plan has a safety log to show: it is a safety plan, or it was one and entries were kept.

    New entries need safety mode; what was recorded stays readable, exportable, correctable and withdrawable
    after the plan leaves it, on the web, in the API and on the command line alike.
    """
    return plan.mode == Mode.SAFETY.value or Incident.objects.filter(plan=plan).exists()


def incident_list(plan: Plan, *, newest_first: bool = False) -> list[Incident]:
    """Every entry of a plan's safety log (corrections and withdrawals too), in the order they were entered.

    Each entry knows its plan, and ``superseded_by``: the later entry that corrects or withdraws it, if any.
    """
    order = ("-number", "-pk") if newest_first else ("number", "pk")
    incidents = list(Incident.objects.filter(plan=plan).order_by(*order))
    by_pk = {incident.pk: incident for incident in incidents}
    for incident in incidents:
        incident.plan = plan  # the owner is at hand: no query per entry to decrypt its details
        incident.superseded_by = None  # type: ignore[attr-defined]
    for incident in incidents:
        target = by_pk.get(incident.refers_to_id or 0)
        if target is not None:
            target.superseded_by = incident  # type: ignore[attr-defined]
    return incidents


def status(incident: Incident) -> str:
    """``current``, ``corrected``, ``withdrawn``, or ``withdrawal`` (an entry withdrawing another).

    Needs an entry from incident_list, which knows what supersedes it.
    """
    if incident.action == Action.WITHDRAW:
        return "withdrawal"
    later: Incident | None = getattr(incident, "superseded_by", None)
    if later is None:
        return "current"
    return "withdrawn" if later.action == Action.WITHDRAW else "corrected"


@dataclass
class Thread:
    """One thing that happened: its entry as it stands now, and the versions it replaced, newest first."""

    current: Incident
    earlier: list[Incident] = field(default_factory=list)
    withdrawal: Incident | None = None


def log_threads(plan: Plan) -> list[Thread]:
    """The log as the page shows it: each thing that happened once, newest first, with its history."""
    incidents = incident_list(plan)
    by_pk = {incident.pk: incident for incident in incidents}
    threads = []
    for incident in incidents:
        if incident.action == Action.WITHDRAW or status(incident) == "corrected":
            continue
        thread = Thread(current=incident, withdrawal=getattr(incident, "superseded_by", None))
        before = by_pk.get(incident.refers_to_id or 0)
        while before is not None:
            thread.earlier.append(before)
            before = by_pk.get(before.refers_to_id or 0)
        threads.append(thread)
    threads.sort(key=lambda t: (t.current.at, t.current.number), reverse=True)
    return threads
