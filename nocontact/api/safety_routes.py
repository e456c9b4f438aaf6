"""The safety log in the JSON API: what they did, dated; details encrypted at rest.

Recording needs a safety plan. The log is append-only: a correction (`POST .../correction`) is a new entry
that supersedes the one it corrects, and `DELETE` withdraws an entry: it stays in the log, marked withdrawn.
The list shows the entries as they stand now (what a client showed before); `?history=true` lists every
entry, corrected, withdrawn and the withdrawals too, each with its status and chain hash. Entries kept from
before a plan left safety mode stay listed, correctable and withdrawable, as on the web and the command line.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from nocontact.api.routes import aware
from nocontact.api.schemas import ERRORS, request_user
from nocontact.domain.contacts import IncidentKind
from nocontact.plans import selectors
from nocontact.safety import services
from nocontact.safety.models import Incident
from nocontact.safety.selectors import incident_list, status

router = Router(tags=["safety log"])


class IncidentIn(Schema):
    at: datetime = Field(description="when it happened; without an offset it is read in the plan's zone")
    kind: IncidentKind
    channel: str = Field(max_length=20, description="call, text, message, social, in_person, … or other")
    details: str = Field("", max_length=20_000)


class IncidentOut(Schema):
    id: str
    at: datetime
    kind: str
    channel: str
    details: str
    created_at: datetime = Field(description="when this entry was entered")
    entry: int = Field(description="its place in the plan's log: 1, 2, …")
    action: str = Field(description="record, correct (supersedes refers_to) or withdraw (withdraws refers_to)")
    refers_to: str | None = Field(description="the id of the entry this one corrects or withdraws")
    status: str = Field(description="current, corrected, withdrawn, or withdrawal (an entry withdrawing another)")
    chain_hash: str = Field(description="SHA-256 over the previous entry's chain hash and this entry's content")


def _out(incident: Incident, *, ids: dict[int, str] | None = None, state: str = "current") -> IncidentOut:
    refers_to = None
    if incident.refers_to_id is not None:
        refers_to = ids[incident.refers_to_id] if ids is not None else incident.refers_to.public_id  # type: ignore[union-attr]
    return IncidentOut(
        id=incident.public_id,
        at=incident.at,
        kind=incident.kind,
        channel=incident.channel,
        details=incident.details,
        created_at=incident.created_at,
        entry=incident.number,
        action=incident.action,
        refers_to=refers_to,
        status=state,
        chain_hash=incident.chain_hash,
    )


def _incident(request: HttpRequest, incident_id: str) -> Incident:
    incident = get_object_or_404(
        Incident.objects.select_related("plan", "refers_to"), plan__user=request_user(request), public_id=incident_id
    )
    incident.plan.user = request_user(request)
    return incident


@router.get("/plans/{plan_id}/safety-log", response={200: list[IncidentOut], **ERRORS}, summary="The safety log")
def list_incidents(request: HttpRequest, plan_id: str, history: bool = False) -> list[IncidentOut]:
    plan = selectors.plan_get(request_user(request), plan_id)
    entries = incident_list(plan)
    ids = {incident.pk: incident.public_id for incident in entries}
    listed = [(incident, status(incident)) for incident in entries]
    return [_out(i, ids=ids, state=state) for i, state in listed if history or state == "current"]


@router.post("/plans/{plan_id}/safety-log", response={201: IncidentOut, **ERRORS}, summary="Record something")
def create_incident(request: HttpRequest, plan_id: str, payload: IncidentIn) -> Status[Any]:
    plan = selectors.plan_get(request_user(request), plan_id)
    incident = services.incident_record(
        plan=plan,
        at=aware(payload.at, plan.tz),
        kind=payload.kind,
        channel=payload.channel,
        details=payload.details,
        now=timezone.now(),
    )
    return Status(201, _out(incident))


@router.post(
    "/safety-log/{incident_id}/correction",
    response={201: IncidentOut, **ERRORS},
    summary="Correct an entry (a new entry; the original is kept, marked corrected)",
)
def correct_incident(request: HttpRequest, incident_id: str, payload: IncidentIn) -> Status[Any]:
    incident = _incident(request, incident_id)
    correction = services.incident_correct(
        incident=incident,
        at=aware(payload.at, incident.plan.tz),
        kind=payload.kind,
        channel=payload.channel,
        details=payload.details,
        now=timezone.now(),
    )
    return Status(201, _out(correction))


@router.delete(
    "/safety-log/{incident_id}",
    response={204: None, **ERRORS},
    summary="Withdraw an entry (it stays in the log, marked withdrawn)",
)
def withdraw_incident(request: HttpRequest, incident_id: str) -> Status[Any]:
    incident = _incident(request, incident_id)
    services.incident_withdraw(incident=incident, now=timezone.now())
    return Status(204, None)
