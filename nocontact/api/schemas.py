from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Schema
from ninja.params.functions import Query

from nocontact.accounts.models import User
from nocontact.errors import ServiceError

ModeT = Literal["strict", "minimal", "safety"]
ChannelT = Literal["call", "text", "message", "social", "in_person", "via_friend", "checked_profile"]
DirectionT = Literal["outgoing", "incoming", "both"]


class ErrorBody(Schema):
    code: str
    message: str
    fields: dict[str, list[str]] | None = None


class ErrorOut(Schema):
    error: ErrorBody


# Paging: out of range is a 422, not a database overflow.
LIMIT_MAX = 500
OFFSET_MAX = 1_000_000_000


def limit_param(default: int = 100) -> Any:
    return Query(default, ge=1, le=LIMIT_MAX, description=f"how many, 1 to {LIMIT_MAX}")


def offset_param() -> Any:
    return Query(0, ge=0, le=OFFSET_MAX, description="how many to skip, from the newest")


# The error answers every route documents (the body is always ErrorOut). 413: a body over the size limit.
ERRORS = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 413: ErrorOut, 422: ErrorOut}
# Where a validation error's location names the request's part, not a field the caller sent.
_PARTS = ("body", "payload", "query", "path")


def invalid_fields(errors: Iterable[Mapping[str, Any]]) -> dict[str, list[str]]:
    """Pydantic's (or ninja's) validation errors as the error shape's ``fields``: each field's messages."""
    fields: dict[str, list[str]] = {}
    for item in errors:
        loc = [str(part) for part in item.get("loc", []) if part not in _PARTS]
        fields.setdefault(".".join(loc) or "request", []).append(str(item.get("msg", "invalid")))
    return fields


def service_error_fields(exc: ServiceError) -> dict[str, list[str]] | None:
    """A service's refusal as the error shape's ``fields``, when it names the field it belongs to."""
    return {exc.field: [exc.message]} if exc.field else None


def request_user(request: HttpRequest) -> User:
    """The account the API token authenticated (set by TokenAuth)."""
    return request.user  # type: ignore[return-value]


class PlanOut(Schema):
    id: str
    name: str
    mode: ModeT
    since: datetime
    goal_days: int
    tz: str
    count_indirect: bool
    reason: str
    created_at: datetime


class PlanIn(Schema):
    name: str = Field(max_length=200)
    since: datetime = Field(description="The last contact. Without an offset it is read in `tz`.")
    tz: str = Field(max_length=64, description="IANA time zone, e.g. Europe/Berlin")
    goal_days: int = 30
    mode: ModeT = "strict"
    count_indirect: bool = False
    reason: str = Field("", max_length=10000)


class PlanPatch(Schema):
    name: str | None = Field(None, max_length=200)
    since: datetime | None = None
    tz: str | None = Field(None, max_length=64)
    goal_days: int | None = None
    mode: ModeT | None = None
    count_indirect: bool | None = None
    reason: str | None = Field(None, max_length=10000)


class StatusOut(Schema):
    name: str
    mode: ModeT
    since: datetime
    goal_days: int
    as_of: datetime
    current_streak_days: int
    longest_streak_days: int
    clean_days_total: int
    slips: int
    indirect_streak_days: int
    next_milestone_days: int
    goal_reached: bool
    last_slip_date: date | None


class ContactOut(Schema):
    id: str
    plan: str
    at: datetime
    channel: ChannelT
    direction: DirectionT
    permitted: bool
    strayed: bool
    note: str
    slip: bool


class ContactIn(Schema):
    at: datetime | None = Field(
        None, description="When it happened; now if left out. Without an offset, read in the plan's time zone."
    )
    channel: ChannelT
    direction: DirectionT
    permitted: bool = False
    strayed: bool = Field(False, description="outside a minimal plan's boundaries (with permitted: it was necessary)")
    note: str = Field("", max_length=10000)


class ContactPatch(Schema):
    at: datetime | None = None
    channel: ChannelT | None = None
    direction: DirectionT | None = None
    permitted: bool | None = None
    note: str | None = Field(None, max_length=10000)
