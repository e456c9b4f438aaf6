"""The pause's own endpoints, for the signed-in browser session (the page's JavaScript), not for API tokens.

Session auth with CSRF, as django-ninja's ``SessionAuth`` does it: send the ``csrftoken`` cookie's value in
``X-CSRFToken`` with every POST. The sync takes pauses kept on the device; each is judged alone, so one that
can't be saved never holds back the others (its result carries the API's error shape).
"""

from __future__ import annotations

from typing import Any

import pydantic
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.security import SessionAuth

from nocontact import messages
from nocontact.api.schemas import (
    ERRORS,
    ErrorBody,
    ErrorOut,
    invalid_fields,
    request_user,
    service_error_fields,
)
from nocontact.domain.urges import STRENGTH_MAX, STRENGTH_MIN
from nocontact.errors import ServiceError
from nocontact.plans.models import Plan
from nocontact.textguard import nul_at
from nocontact.urges import selectors, services
from nocontact.urges.services import UNSENT_MAX

SYNC_MAX_ITEMS = 200
PAUSE_PREFIX = "/api/v1/pause/"

router = Router(tags=["pause (signed-in session)"], auth=SessionAuth())
# A POST without the session's CSRF token: 403, csrf_failed.
SESSION_ERRORS = {**ERRORS, 403: ErrorOut}


class PausePlanOut(Schema):
    id: str
    name: str
    label: str = Field(
        description='how a list shows the plan: its name, or in discreet mode its start ("Since 4 March")'
    )
    mode: str
    reason: str
    streak: int = Field(description="the current run, in days")


class SupportPersonOut(Schema):
    name: str
    phone: str
    email: str
    preferred: str
    message: str


class PauseDataOut(Schema):
    plans: list[PausePlanOut]
    circle: list[SupportPersonOut]
    helpers: list[str]


class PauseKeyOut(Schema):
    key: str = Field(description="AES-256 key, base64, for what the pause keeps on this device")
    tag: str = Field(description="names this person's sealed items on the device")


class PauseIn(Schema):
    """One pause, as the page recorded it. Values from a list are checked by the service, which says which."""

    key: str = Field(min_length=8, max_length=64, description="made by the device; the same key is stored once")
    plan: str | None = Field(None, max_length=64, description="a plan's id; needed when the outcome is contacted")
    started_at: pydantic.AwareDatetime
    ended_at: pydantic.AwareDatetime | None = None
    outcome: str = Field(max_length=20, description="passed, still_want or contacted")
    strength_before: int | None = Field(None, ge=STRENGTH_MIN, le=STRENGTH_MAX, strict=True)
    strength_after: int | None = Field(None, ge=STRENGTH_MIN, le=STRENGTH_MAX, strict=True)
    feeling: str = Field("", max_length=40)
    feeling_words: str = Field("", max_length=200)
    trigger: str = Field("", max_length=40)
    unsent: str = Field("", max_length=UNSENT_MAX)
    helped: list[str] = Field(default_factory=list, max_length=20)
    channel: str = Field("message", max_length=20, description="how, if the outcome is contacted")


class SyncIn(Schema):
    urges: list[Any] = Field(
        max_length=SYNC_MAX_ITEMS,
        description=f"pauses in the order they happened (each a PauseIn), {SYNC_MAX_ITEMS} at most",
    )


class SyncResult(Schema):
    key: str | None
    status: str = Field(description="saved, already (stored before, unchanged) or error")
    error: ErrorBody | None = None


class SyncOut(Schema):
    results: list[SyncResult]


class AlertOut(Schema):
    queued: int = Field(description="how many alerts were queued to the support circle")


def _refused(key: str | None, code: str, message: str, fields: dict[str, list[str]] | None = None) -> SyncResult:
    return SyncResult(key=key, status="error", error=ErrorBody(code=code, message=message, fields=fields))


def _record(request: HttpRequest, item: Any, plans: dict[str, Plan], now: Any) -> SyncResult:
    if not isinstance(item, dict):
        return _refused(None, "invalid", messages.API_INVALID, {"request": [messages.API_NOT_AN_OBJECT]})
    raw_key = item.get("key")
    key = raw_key if isinstance(raw_key, str) and "\x00" not in raw_key else None
    where = nul_at(item)
    if where is not None:  # PostgreSQL can't even look such a key up
        return _refused(key, "invalid", messages.TEXT_HAS_NUL, {where: [messages.TEXT_HAS_NUL]})
    try:
        pause = PauseIn.model_validate(item)
    except pydantic.ValidationError as exc:
        return _refused(key, "invalid", messages.API_INVALID, invalid_fields(exc.errors()))
    plan = plans.get(pause.plan or "")
    try:
        _, created = services.urge_record(
            user=request_user(request),
            plan=plan,
            now=now,
            **pause.model_dump(exclude={"plan"}),
        )
    except ServiceError as exc:
        return _refused(key, exc.code, exc.message, service_error_fields(exc))
    return SyncResult(key=key, status="saved" if created else "already")


@router.get("/pause/data", response={200: PauseDataOut, **SESSION_ERRORS}, summary="What the pause page needs, fresh")
def pause_data(request: HttpRequest) -> dict[str, Any]:
    """The cached pause page opens at once, then brings its plans, streaks and circle up to date from here."""
    return selectors.pause_data(request_user(request), now=timezone.now())


@router.get("/pause/key", response={200: PauseKeyOut, **SESSION_ERRORS}, summary="This person's key for the device")
def pause_key(request: HttpRequest, response: HttpResponse) -> PauseKeyOut:
    """The key that seals what the pause keeps on the device. Only to a signed-in session; never cached."""
    key, tag = services.offline_key(user=request_user(request))
    response["Cache-Control"] = "no-store"
    return PauseKeyOut(key=key, tag=tag)


@router.post(
    "/pause/sync",
    response={200: SyncOut, **SESSION_ERRORS},
    summary="Save pauses kept on the device",
    exclude_none=True,
)
def pause_sync(request: HttpRequest, payload: SyncIn) -> SyncOut:
    """Pauses recorded on the device, in order. Each is stored once, however often it arrives."""
    user = request_user(request)
    plans = {p.public_id: p for p in Plan.objects.filter(user=user)}
    for plan in plans.values():
        plan.user = user
    now = timezone.now()
    return SyncOut(results=[_record(request, item, plans, now) for item in payload.urges])


@router.post("/pause/alert", response={200: AlertOut, **SESSION_ERRORS}, summary="Alert the circle: a pause began")
def pause_alert(request: HttpRequest) -> AlertOut:
    """Queues alerts to the people who asked for them; never waits on the network."""
    return AlertOut(queued=services.alert_circle(user=request_user(request)))
