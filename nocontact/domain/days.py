"""Calendar days, time zones and the date-times people type."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# The calendar the app accepts: nothing before 1900 (no one's last contact was earlier, and Python's
# calendar ends at year 1, where a time-zone offset overflows), and "as of" no more than a year ahead.
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
AS_OF_AHEAD = timedelta(days=366)


class BadTimeZone(ValueError):
    pass


class BadDateTime(ValueError):
    pass


class DateOutOfRange(BadDateTime):
    """A date-time Python can read but the app does not take: before 1900, or too far ahead."""


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
    try:
        moment = naive.replace(tzinfo=tz, fold=0).astimezone(UTC)
    except OverflowError as exc:  # year 1 east of UTC, or year 9999 west of it
        raise DateOutOfRange(naive.isoformat()) from exc
    return moment


def to_utc(moment: datetime) -> datetime:
    """An aware moment in UTC, or DateOutOfRange when the conversion leaves the calendar."""
    if moment.tzinfo is None:
        raise ValueError("to_utc needs an aware datetime")
    try:
        return moment.astimezone(UTC)
    except OverflowError as exc:
        raise DateOutOfRange(moment.isoformat()) from exc


def check_not_too_early(moment: datetime) -> datetime:
    """``moment`` in UTC, if it is not before 1900 (EARLIEST); else DateOutOfRange."""
    utc = to_utc(moment)
    if utc < EARLIEST:
        raise DateOutOfRange(moment.isoformat())
    return utc


def check_as_of(moment: datetime, *, now: datetime) -> datetime:
    """A moment to count figures at: from 1900 to a year after ``now``; else DateOutOfRange."""
    utc = check_not_too_early(moment)
    if utc > now + AS_OF_AHEAD:
        raise DateOutOfRange(moment.isoformat())
    return utc


@dataclass(frozen=True)
class ClockChange:
    """A wall-clock time the clocks skipped ("skipped") or showed twice ("repeated"), and the instant
    it was read as (see ``localize``), as the local time with its offset."""

    kind: Literal["skipped", "repeated"]
    typed: datetime
    became: datetime


def clock_change(naive: datetime, tz: tzinfo) -> ClockChange | None:
    """Whether a wall-clock time in ``tz`` fell in a daylight-saving change, and what it became."""
    if naive.tzinfo is not None:
        return None
    try:
        first = naive.replace(tzinfo=tz, fold=0)
        second = naive.replace(tzinfo=tz, fold=1)
        if first.utcoffset() == second.utcoffset():
            return None
        became = first.astimezone(UTC).astimezone(tz)
    except OverflowError:
        return None
    kind: Literal["skipped", "repeated"] = "repeated" if became.replace(tzinfo=None) == naive else "skipped"
    return ClockChange(kind=kind, typed=naive, became=became)


def typed_clock_change(text: str, tz: tzinfo) -> ClockChange | None:
    """``clock_change`` for what someone typed: None when it had an offset or was a bare date."""
    raw = (text or "").strip()
    if len(raw) <= 10 or len(raw) > 40:
        return None
    try:
        parsed = datetime.fromisoformat(raw)
    except ValueError:
        return None
    return clock_change(parsed, tz)


def parse_datetime(text: str, tz: tzinfo) -> datetime:
    """Parse ISO 8601 ("2026-01-05T21:30", "2026-01-05", "...+01:00", "...Z").

    Without an offset the time is read in ``tz``; a bare date means its midnight.
    Returns an aware datetime in UTC; DateOutOfRange before 1900 (EARLIEST).
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
        return check_not_too_early(localize(parsed, tz))
    return check_not_too_early(parsed)
