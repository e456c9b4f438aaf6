"""Say which instant a typed local time became, when the clocks changed that night (web, CLI)."""

from __future__ import annotations

from datetime import timedelta

from nocontact import messages
from nocontact.domain.days import BadTimeZone, typed_clock_change, zone


def _offset(delta: timedelta | None) -> str:
    minutes = int((delta or timedelta()).total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def clock_notice(text: str, tz_name: str) -> str | None:
    """A sentence for a time the clocks skipped or showed twice in ``tz_name``; None otherwise."""
    try:
        tz = zone(tz_name)
    except BadTimeZone:
        return None
    change = typed_clock_change(text, tz)
    if change is None:
        return None
    typed = f"{change.typed:%Y-%m-%d %H:%M}"
    became = f"{change.became:%Y-%m-%d %H:%M} ({_offset(change.became.utcoffset())})"
    if change.kind == "skipped":
        return messages.CLOCK_SKIPPED.format(typed=typed, tz=tz_name, became=became)
    second = change.typed.replace(tzinfo=tz, fold=1)
    return messages.CLOCK_REPEATED.format(
        typed=typed, tz=tz_name, became=became, second=f"{second:%Y-%m-%dT%H:%M}{_offset(second.utcoffset())}"
    )
