"""Minimal contact: setting a plan's boundaries, checking a draft message against them, and reading a message
from the other person for its practical part."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from nocontact import messages
from nocontact.boundaries.models import PlanBoundaries
from nocontact.boundaries.selectors import boundaries_of, domain_boundaries
from nocontact.domain.checker import CheckResult, check_message
from nocontact.domain.checker.read import Reading, read_message
from nocontact.domain.checker.topics import BUILT_IN_TOPICS
from nocontact.domain.contacts import Channel, Mode
from nocontact.domain.days import zone
from nocontact.errors import ServiceError
from nocontact.plans.models import Plan

TOPICS = tuple(BUILT_IN_TOPICS)
DRAFT_MAX = 20_000


def _clean_own_topics(own: Any) -> dict[str, list[str]]:
    bad = ServiceError(messages.BOUNDARIES_BAD_OWN_TOPIC, field="own_topics")
    if own in (None, ""):
        return {}
    if not isinstance(own, dict) or len(own) > 20:
        raise bad
    cleaned: dict[str, list[str]] = {}
    for name, words in own.items():
        if not isinstance(name, str) or not name.strip() or len(name.strip()) > 40:
            raise bad
        if isinstance(words, str):
            words = [w for w in re.split(r"[,\n]", words)]
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise bad
        kept = [" ".join(w.split()).lower() for w in words if w.strip() and len(w.strip()) <= 40][:50]
        if not kept:
            raise bad
        cleaned[name.strip().lower()] = kept
    return cleaned


def boundaries_set(
    *,
    plan: Plan,
    topics: Any = (),
    own_topics: Any = None,
    channels: Any = (),
    days: Any = (),
    start_hour: Any = None,
    end_hour: Any = None,
) -> PlanBoundaries:
    if plan.mode != Mode.MINIMAL.value:
        raise ServiceError(messages.BOUNDARIES_NEED_MINIMAL, field="mode")
    topics = list(topics or [])
    for topic in topics:
        if topic not in TOPICS:
            raise ServiceError(
                messages.BOUNDARIES_BAD_TOPIC.format(topic=topic, choices=", ".join(TOPICS)), field="topics"
            )
    channels = list(channels or [])
    if not all(c in {ch.value for ch in Channel} for c in channels):
        raise ServiceError(
            messages.BOUNDARIES_BAD_CHANNEL.format(choices=", ".join(c.value for c in Channel)), field="channels"
        )
    days = sorted({int(d) for d in (days or []) if str(d).lstrip("-").isdigit()})
    if any(not 0 <= d <= 6 for d in days):
        raise ServiceError(messages.BOUNDARIES_BAD_DAYS, field="days")
    for hour in (start_hour, end_hour):
        if hour is not None and (isinstance(hour, bool) or not isinstance(hour, int) or not 0 <= hour <= 24):
            raise ServiceError(messages.BOUNDARIES_BAD_HOURS, field="start_hour")
    if start_hour is not None and end_hour is not None and end_hour <= start_hour:
        raise ServiceError(messages.BOUNDARIES_BAD_HOURS, field="end_hour")
    row = boundaries_of(plan) or PlanBoundaries(plan=plan)
    row.topics = sorted(set(topics))
    row.own_topics = _clean_own_topics(own_topics)
    row.channels = sorted(set(channels))
    row.days = days
    row.start_hour, row.end_hour = start_hour, end_hour
    row.save()
    plan.boundaries = row
    return row


def check_draft(
    *,
    text: Any,
    now: datetime,
    plan: Plan | None = None,
    topics: Any = None,
    channel: str | None = None,
) -> CheckResult:
    """Check a draft against a plan's boundaries, or against the given topics, or against every topic."""
    if not isinstance(text, str) or not text.strip():
        raise ServiceError(messages.CHECK_EMPTY, field="text")
    if len(text) > DRAFT_MAX:
        raise ServiceError(messages.CHECK_TOO_LONG.format(max=DRAFT_MAX), field="text")
    boundaries = domain_boundaries(plan)
    allowed_own = set(boundaries.own_topics)
    chosen = None
    if isinstance(topics, list) and not topics:
        chosen = [*TOPICS, *allowed_own]  # none ticked: every topic is fine, the plan's own ones too
    elif topics:
        chosen = [t.strip().lower() for t in topics if isinstance(t, str) and t.strip()]
        for topic in chosen:
            if topic not in TOPICS and topic not in allowed_own:
                raise ServiceError(
                    messages.BOUNDARIES_BAD_TOPIC.format(topic=topic, choices=", ".join(TOPICS)), field="topics"
                )
    when = now.astimezone(zone(plan.tz)) if plan is not None else None
    return check_message(text, topics=chosen, boundaries=boundaries, channel=channel, when_local=when)


def result_dict(result: CheckResult) -> dict[str, Any]:
    return {
        "verdict": result.verdict,
        "flags": [{"kind": f.kind, "excerpt": f.excerpt, "why": f.why} for f in result.flags],
        "suggestion": result.suggestion,
    }


def message_read(*, text: Any) -> Reading:
    """Read a message *from* the other person for its practical part only. Nothing of it is kept or logged."""
    if not isinstance(text, str) or not text.strip():
        raise ServiceError(messages.CHECK_EMPTY, field="text")
    if len(text) > DRAFT_MAX:
        raise ServiceError(messages.READ_TOO_LONG.format(max=DRAFT_MAX), field="text")
    return read_message(text)
