"""Calendar days, time zones and the date-times people type."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class BadTimeZone(ValueError):
    pass


class BadDateTime(ValueError):
    pass


def zone(name: str) -> ZoneInfo:
    """The IANA zone called ``name`` ("Europe/Berlin"), or BadTimeZone."""
    cleaned = (name or "").strip()
    if not cleaned or len(cleaned) > 64 or cleaned.startswith("/") or ".." in cleaned:
        raise BadTimeZone(name)
    try:
        return ZoneInfo(cleaned)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise BadTimeZone(name) from exc


def local_date(moment: datetime, tz: tzinfo) -> date:
    """The calendar date that ``moment`` falls on for someone living in ``tz``."""
    if moment.tzinfo is None:
        raise ValueError("local_date needs an aware datetime")
    return moment.astimezone(tz).date()


def localize(naive: datetime, tz: tzinfo) -> datetime:
    """Read a wall-clock time in ``tz`` and return the instant, in UTC.

    Follows PEP 495 with fold=0: a time that happens twice when clocks go back
    is the first one; a time skipped when clocks go forward is read with the
    offset before the change, so 02:30 on a spring-forward night becomes 03:30.
    """
    return naive.replace(tzinfo=tz, fold=0).astimezone(UTC)


def parse_datetime(text: str, tz: tzinfo) -> datetime:
    """Parse ISO 8601 ("2026-01-05T21:30", "2026-01-05", "...+01:00", "...Z").

    Without an offset the time is read in ``tz``; a bare date means its midnight.
    Returns an aware datetime in UTC.
    """
    raw = (text or "").strip()
    if not raw or len(raw) > 40:
        raise BadDateTime(text)
    try:
        if len(raw) == 10:
            parsed = datetime.combine(date.fromisoformat(raw), time())
        else:
            parsed = datetime.fromisoformat(raw)
    except ValueError as exc:
        raise BadDateTime(text) from exc
    if parsed.tzinfo is None:
        return localize(parsed, tz)
    return parsed.astimezone(UTC)
