"""Minimal contact in the JSON API: a plan's boundaries, the message checker, and reading a message of theirs."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema

from nocontact.api.schemas import ERRORS, ChannelT, request_user
from nocontact.boundaries.selectors import boundaries_of
from nocontact.boundaries.services import boundaries_set, check_draft, message_read, result_dict
from nocontact.plans import selectors

router = Router(tags=["minimal contact"])


class BoundariesIO(Schema):
    topics: list[str] = Field(default_factory=list, description="built-in topics that are fine; empty: all")
    own_topics: dict[str, list[str]] = Field(
        default_factory=dict, description='your own topics and their words, e.g. {"band": ["gig"]}'
    )
    channels: list[ChannelT] = Field(default_factory=list, description="channels that are fine; empty: any")
    days: list[int] = Field(default_factory=list, description="0 = Monday … 6 = Sunday; empty: any")
    start_hour: int | None = None
    end_hour: int | None = None


class CheckIn(Schema):
    text: str = Field(max_length=20_000)
    plan: str | None = Field(None, description="a minimal-contact plan's id: use its boundaries")
    topics: list[str] | None = Field(None, description="allowed topics (overrides the plan's)")
    channel: ChannelT | None = None


class FlagOut(Schema):
    kind: str
    excerpt: str
    why: str


class MessageCheckOut(Schema):
    verdict: str
    flags: list[FlagOut]
    suggestion: str | None


@router.get("/plans/{plan_id}/boundaries", response={200: BoundariesIO, **ERRORS}, summary="A plan's boundaries")
def get_boundaries(request: HttpRequest, plan_id: str) -> BoundariesIO:
    row = boundaries_of(selectors.plan_get(request_user(request), plan_id))
    if row is None:
        return BoundariesIO()
    return BoundariesIO(
        topics=row.topics,
        own_topics=row.own_topics,
        channels=row.channels,
        days=row.days,
        start_hour=row.start_hour,
        end_hour=row.end_hour,
    )


@router.put("/plans/{plan_id}/boundaries", response={200: BoundariesIO, **ERRORS}, summary="Set a plan's boundaries")
def put_boundaries(request: HttpRequest, plan_id: str, payload: BoundariesIO) -> BoundariesIO:
    plan = selectors.plan_get(request_user(request), plan_id)
    boundaries_set(plan=plan, **payload.dict())
    return get_boundaries(request, plan_id)


@router.post("/check", response={200: MessageCheckOut, **ERRORS}, summary="Check a draft message")
def check(request: HttpRequest, payload: CheckIn) -> MessageCheckOut:
    plan = selectors.plan_get(request_user(request), payload.plan) if payload.plan else None
    result = check_draft(
        text=payload.text, plan=plan, topics=payload.topics, channel=payload.channel, now=timezone.now()
    )
    return MessageCheckOut(**result_dict(result))


class ReadMessageIn(Schema):
    text: str = Field(max_length=20_000, description="the message they sent; it is read and forgotten, never stored")
    plan: str | None = Field(None, description="one of your plans' ids (optional; it must exist)")


class ReadMessageOut(Schema):
    practical: list[str] = Field(description="the practical sentences, in order, in calmer words")
    needs_answer: list[str] = Field(description="those of them that ask for an answer or an action")
    folded: int = Field(description="how many other sentences were folded away (their text is not returned)")
    suggested_reply: str = Field(description="a brief, neutral reply to fill in; or none at all")


@router.post(
    "/read-message",
    response={200: ReadMessageOut, **ERRORS},
    summary="Read a message they sent for its practical part only",
    description="Only what is practical and what needs an answer; the rest is folded away and only counted. "
    "Nothing of the message is stored or logged.",
)
def read_their_message(request: HttpRequest, payload: ReadMessageIn) -> ReadMessageOut:
    if payload.plan:
        selectors.plan_get(request_user(request), payload.plan)  # another person's plan, or none: a 404
    return ReadMessageOut(**message_read(text=payload.text).as_dict())
