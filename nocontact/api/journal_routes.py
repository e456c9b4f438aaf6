"""The journal and mood check-ins in the JSON API. Same services as the pages and the CLI."""

from __future__ import annotations

from datetime import date as Day
from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from nocontact import messages
from nocontact.accounts.models import User
from nocontact.api.schemas import ERRORS, limit_param, offset_param, request_user
from nocontact.domain.feelings import BadFeeling, make_feeling
from nocontact.errors import ServiceError
from nocontact.journal import selectors, services
from nocontact.journal.models import JournalEntry, MoodCheckIn

router = Router(tags=["journal"])


class EntryOut(Schema):
    id: str
    date: Day
    sealed_until: Day | None
    sealed: bool
    text: str | None = Field(description="null while the entry is a sealed letter")
    tags: list[str] | None
    mood: str
    prompt: str
    created_at: datetime
    updated_at: datetime


class EntryIn(Schema):
    text: str = Field(max_length=100_000)
    date: Day | None = None
    tags: list[str] = []
    mood: str = ""
    prompt: str = ""
    sealed_until: Day | None = None


class EntryPatch(Schema):
    text: str | None = Field(None, max_length=100_000)
    date: Day | None = None
    tags: list[str] | None = None
    mood: str | None = None
    sealed_until: Day | None = None


class FeelingIn(Schema):
    name: str = Field(max_length=40, description="one of the listed feelings, or your own words")
    intensity: int = 3


class FeelingOut(Schema):
    name: str
    words: str
    intensity: int


class CheckInIn(Schema):
    feelings: list[FeelingIn]
    note: str = Field("", max_length=2000)


class CheckInOut(Schema):
    id: str
    at: datetime
    feelings: list[FeelingOut]
    note: str


def entry_out(entry: JournalEntry, *, today: Day) -> EntryOut:
    sealed = selectors.is_sealed(entry, today=today)
    return EntryOut(
        id=entry.public_id,
        date=entry.entry_date,
        sealed_until=entry.sealed_until,
        sealed=sealed,
        text=None if sealed else entry.text,
        tags=None if sealed else entry.tags,
        mood=entry.mood,
        prompt=entry.prompt,
        created_at=entry.created_at,
        updated_at=entry.updated_at,
    )


def checkin_out(checkin: MoodCheckIn, user: User) -> CheckInOut:
    return CheckInOut(
        id=checkin.public_id,
        at=checkin.at,
        note=checkin.note,
        feelings=[
            FeelingOut(name=f.name, words=f.own_words if f.name == "own" else f.name, intensity=f.intensity)
            for f in checkin.feelings.all()
        ],
    )


def _today(request: HttpRequest) -> Day:
    return selectors.user_today(request_user(request), now=timezone.now())


@router.get("/journal", response={200: list[EntryOut], **ERRORS}, summary="Your journal, newest first")
def list_entries(
    request: HttpRequest, q: str = "", limit: int = limit_param(), offset: int = offset_param()
) -> list[EntryOut]:
    today = _today(request)
    query = q.strip()[:200]
    entries = (
        selectors.entry_search(request_user(request), query, today=today)
        if query
        else selectors.entry_list(request_user(request))
    )
    return [entry_out(e, today=today) for e in entries[offset : offset + limit]]


@router.post("/journal", response={201: EntryOut, **ERRORS}, summary="Write an entry")
def create_entry(request: HttpRequest, payload: EntryIn) -> Status[Any]:
    today = _today(request)
    entry = services.entry_create(
        user=request_user(request),
        text=payload.text,
        today=today,
        entry_date=payload.date,
        tags=payload.tags,
        mood=payload.mood,
        prompt=payload.prompt,
        sealed_until=payload.sealed_until,
    )
    return Status(201, entry_out(entry, today=today))


@router.get("/journal/{entry_id}", response={200: EntryOut, **ERRORS}, summary="One entry")
def get_entry(request: HttpRequest, entry_id: str) -> EntryOut:
    return entry_out(selectors.entry_get(request_user(request), entry_id), today=_today(request))


@router.patch("/journal/{entry_id}", response={200: EntryOut, **ERRORS}, summary="Change an entry")
def update_entry(request: HttpRequest, entry_id: str, payload: EntryPatch) -> EntryOut:
    entry = selectors.entry_get(request_user(request), entry_id)
    today = _today(request)
    changes = payload.dict(exclude_unset=True)
    if "date" in changes:
        changes["entry_date"] = changes.pop("date")
    for key in ("text", "tags", "mood", "entry_date"):
        if key in changes and changes[key] is None:
            raise ServiceError(messages.API_NOT_NULL.format(key=key), field=key, code="null")
    services.entry_update(entry=entry, today=today, **changes)
    return entry_out(entry, today=today)


@router.delete("/journal/{entry_id}", response={204: None, **ERRORS}, summary="Delete an entry for good")
def delete_entry(request: HttpRequest, entry_id: str) -> Status[Any]:
    services.entry_delete(entry=selectors.entry_get(request_user(request), entry_id))
    return Status(204, None)


@router.get("/moods", response={200: list[CheckInOut], **ERRORS}, summary="Your mood check-ins, newest first")
def list_checkins(request: HttpRequest, limit: int = limit_param()) -> list[CheckInOut]:
    user = request_user(request)
    return [checkin_out(c, user) for c in selectors.checkin_list(user)[:limit]]


@router.post("/moods", response={201: CheckInOut, **ERRORS}, summary="Check in")
def create_checkin(request: HttpRequest, payload: CheckInIn) -> Status[Any]:
    user = request_user(request)
    try:
        feelings = [make_feeling(f.name, f.intensity) for f in payload.feelings]
    except BadFeeling:
        raise ServiceError(messages.MOOD_BAD_FEELING.format(text="…"), field="feelings") from None
    checkin = services.checkin_create(user=user, feelings=feelings, note=payload.note, at=timezone.now())
    return Status(201, checkin_out(checkin, user))


@router.delete("/moods/{checkin_id}", response={204: None, **ERRORS}, summary="Delete a check-in")
def delete_checkin(request: HttpRequest, checkin_id: str) -> Status[Any]:
    services.checkin_delete(checkin=selectors.checkin_get(request_user(request), checkin_id))
    return Status(204, None)
