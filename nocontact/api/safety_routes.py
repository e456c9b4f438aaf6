"""The safety log in the JSON API: what they did, dated; details encrypted at rest.

Recording needs a safety plan. Entries kept from before a plan left safety mode stay listed and removable,
as on the web and on the command line.
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
from nocontact.safety.selectors import incident_list

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
    created_at: datetime


def _out(incident: Incident) -> IncidentOut:
    return IncidentOut(
        id=incident.public_id,
        at=incident.at,
        kind=incident.kind,
        channel=incident.channel,
        details=incident.details,
        created_at=incident.created_at,
    )


@router.get("/plans/{plan_id}/safety-log", response={200: list[IncidentOut], **ERRORS}, summary="The safety log")
def list_incidents(request: HttpRequest, plan_id: str) -> list[IncidentOut]:
    plan = selectors.plan_get(request_user(request), plan_id)
    return [_out(i) for i in incident_list(plan)]


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


@router.delete("/safety-log/{incident_id}", response={204: None, **ERRORS}, summary="Remove an entry")
def delete_incident(request: HttpRequest, incident_id: str) -> Status[Any]:
    incident = get_object_or_404(Incident, plan__user=request_user(request), public_id=incident_id)
    services.incident_delete(incident=incident)
    return Status(204, None)
