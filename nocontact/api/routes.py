"""Thin handlers: parse, call one service or selector, shape the answer."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Status

from nocontact import messages
from nocontact.api.schemas import (
    ERRORS,
    ContactIn,
    ContactOut,
    ContactPatch,
    PlanIn,
    PlanOut,
    PlanPatch,
    StatusOut,
    limit_param,
    offset_param,
    request_user,
)
from nocontact.domain.days import BadTimeZone, DateOutOfRange, check_as_of, localize, zone
from nocontact.errors import ServiceError
from nocontact.plans import selectors, services
from nocontact.plans.models import Contact, Plan
from nocontact.plans.status import status_fields

router = Router()


def aware(moment: datetime, tz_name: str) -> datetime:
    """A datetime from JSON: kept if it has an offset, else read in the plan's zone.

    A wall-clock time the clocks skipped (02:30 on a spring-forward night) is read with the offset from
    before the change, so it becomes 03:30; one they showed twice (fall back) is the first of the two.
    The answer's ``at``/``since`` is the instant it became. Before 1900: a 400 that says so."""
    if moment.tzinfo is not None:
        return moment
    try:
        return localize(moment, zone(tz_name))
    except BadTimeZone:
        return aware(moment, "UTC")  # the service reports the bad zone
    except DateOutOfRange:
        raise ServiceError(messages.DATETIME_OUT_OF_RANGE) from None


def plan_out(plan: Plan) -> PlanOut:
    return PlanOut(
        id=plan.public_id,
        name=plan.name,
        mode=plan.mode,  # type: ignore[arg-type]
        since=plan.started_at,
        goal_days=plan.goal_days,
        tz=plan.tz,
        count_indirect=plan.count_indirect,
        reason=plan.reason,
        created_at=plan.created_at,
    )


def contact_out(contact: Contact) -> ContactOut:
    return ContactOut(
        id=contact.public_id,
        plan=contact.plan.public_id,
        at=contact.at,
        channel=contact.channel,  # type: ignore[arg-type]
        direction=contact.direction,  # type: ignore[arg-type]
        permitted=contact.permitted,
        strayed=contact.strayed,
        note=contact.note,
        slip=services.contact_is_slip(contact),
    )


@router.get("/plans", response={200: list[PlanOut], **ERRORS}, summary="Your plans")
def list_plans(request: HttpRequest) -> list[PlanOut]:
    return [plan_out(p) for p in selectors.plan_list(request_user(request))]


@router.post("/plans", response={201: PlanOut, **ERRORS}, summary="Start a plan")
def create_plan(request: HttpRequest, payload: PlanIn) -> Status[Any]:
    plan = services.plan_create(
        user=request_user(request),
        name=payload.name,
        started_at=aware(payload.since, payload.tz),
        tz=payload.tz,
        goal_days=payload.goal_days,
        mode=payload.mode,
        count_indirect=payload.count_indirect,
        reason=payload.reason,
        now=timezone.now(),
    )
    return Status(201, plan_out(plan))


@router.get("/plans/{plan_id}", response={200: PlanOut, **ERRORS}, summary="One plan")
def get_plan(request: HttpRequest, plan_id: str) -> PlanOut:
    return plan_out(selectors.plan_get(request_user(request), plan_id))


@router.patch("/plans/{plan_id}", response={200: PlanOut, **ERRORS}, summary="Change a plan")
def update_plan(request: HttpRequest, plan_id: str, payload: PlanPatch) -> PlanOut:
    plan = selectors.plan_get(request_user(request), plan_id)
    changes = payload.dict(exclude_unset=True)
    if changes.get("since") is None:
        changes.pop("since", None)
    else:
        changes["started_at"] = aware(changes.pop("since"), changes.get("tz") or plan.tz)
    for key in ("name", "tz", "goal_days", "mode", "count_indirect", "reason"):
        if key in changes and changes[key] is None:
            raise ServiceError(messages.API_NOT_NULL.format(key=key), field=key, code="null")
    services.plan_update(plan=plan, now=timezone.now(), **changes)
    return plan_out(plan)


@router.delete("/plans/{plan_id}", response={204: None, **ERRORS}, summary="Delete a plan and its log")
def delete_plan(request: HttpRequest, plan_id: str) -> Status[Any]:
    services.plan_delete(plan=selectors.plan_get(request_user(request), plan_id))
    return Status(204, None)


@router.get("/plans/{plan_id}/status", response={200: StatusOut, **ERRORS}, summary="The plan's figures")
def plan_status(request: HttpRequest, plan_id: str, as_of: datetime | None = None) -> StatusOut:
    plan = selectors.plan_get(request_user(request), plan_id)
    now = timezone.now()
    moment = now
    if as_of:
        try:
            moment = check_as_of(aware(as_of, plan.tz), now=now)
        except (DateOutOfRange, ServiceError):
            raise ServiceError(messages.AS_OF_OUT_OF_RANGE, field="as_of") from None
    figures = selectors.plan_figures(plan, as_of=moment)
    return StatusOut(**status_fields(plan, figures), as_of=moment, last_slip_date=figures.last_slip_date)


@router.get(
    "/plans/{plan_id}/contacts", response={200: list[ContactOut], **ERRORS}, summary="The plan's log, newest first"
)
def list_contacts(
    request: HttpRequest, plan_id: str, limit: int = limit_param(), offset: int = offset_param()
) -> list[ContactOut]:
    plan = selectors.plan_get(request_user(request), plan_id)
    return [contact_out(c) for c in selectors.contact_list(plan)[offset : offset + limit]]


@router.post("/plans/{plan_id}/contacts", response={201: ContactOut, **ERRORS}, summary="Log contact")
def create_contact(request: HttpRequest, plan_id: str, payload: ContactIn) -> Status[Any]:
    plan = selectors.plan_get(request_user(request), plan_id)
    now = timezone.now()
    contact = services.contact_log(
        plan=plan,
        at=aware(payload.at, plan.tz) if payload.at else now,
        channel=payload.channel,
        direction=payload.direction,
        permitted=payload.permitted,
        strayed=payload.strayed,
        note=payload.note,
        now=now,
    )
    return Status(201, contact_out(contact))


@router.get("/contacts/{contact_id}", response={200: ContactOut, **ERRORS}, summary="One entry")
def get_contact(request: HttpRequest, contact_id: str) -> ContactOut:
    return contact_out(selectors.contact_get(request_user(request), contact_id))


@router.patch("/contacts/{contact_id}", response={200: ContactOut, **ERRORS}, summary="Correct an entry")
def update_contact(request: HttpRequest, contact_id: str, payload: ContactPatch) -> ContactOut:
    contact = selectors.contact_get(request_user(request), contact_id)
    changes = payload.dict(exclude_unset=True)
    for key, value in list(changes.items()):
        if value is None:
            raise ServiceError(messages.API_NOT_NULL.format(key=key), field=key, code="null")
    if "at" in changes:
        changes["at"] = aware(changes["at"], contact.plan.tz)
    services.contact_update(contact=contact, now=timezone.now(), **changes)
    return contact_out(contact)


@router.delete("/contacts/{contact_id}", response={204: None, **ERRORS}, summary="Delete an entry")
def delete_contact(request: HttpRequest, contact_id: str) -> Status[Any]:
    services.contact_delete(contact=selectors.contact_get(request_user(request), contact_id))
    return Status(204, None)
