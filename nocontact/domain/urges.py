"""The pause: what can be said about an urge, and what a person's urges say over time."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from nocontact.domain.days import local_date
from nocontact.domain.spans import began_on, week_starts

URGE_FEELINGS: tuple[str, ...] = (
    "grief",
    "relief",
    "anger",
    "regret",
    "sadness",
    "anxiety",
    "loneliness",
    "boredom",
    "jealousy",
    "hope",
)
TRIGGERS: tuple[str, ...] = (
    "reassurance",
    "closure",
    "to_be_noticed",
    "boredom",
    "anger",
    "saw_something",
    "practical",
    "other",
)
OUTCOMES: tuple[str, ...] = ("passed", "still_want", "contacted")
HELPED: tuple[str, ...] = ("timer", "breathing", "reason", "friend", "writing", "activity")
STRENGTH_MIN, STRENGTH_MAX = 0, 10
PAUSE_MIN_MINUTES, PAUSE_MAX_MINUTES, PAUSE_DEFAULT_MINUTES = 1, 30, 10


@dataclass(frozen=True)
class UrgeFacts:
    started_at: datetime
    strength_before: int | None
    strength_after: int | None
    outcome: str
    helped: tuple[str, ...]


@dataclass(frozen=True)
class WeekRow:
    week_start: date
    count: int
    avg_before: float | None
    avg_after: float | None
    passed: int


@dataclass(frozen=True)
class UrgeInsights:
    total: int
    passed_share: float | None
    avg_before: float | None
    avg_after: float | None
    weeks: tuple[WeekRow, ...]
    helped_most: tuple[tuple[str, int], ...]
    hard_hours: tuple[tuple[int, int], ...]  # (hour, count), busiest first


def _avg(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def insights(
    urges: Iterable[UrgeFacts], *, tz: tzinfo, today: date, weeks: int = 8, began: date | None = None
) -> UrgeInsights:
    """Urges per week (Monday first), average strength before and after, how often it passed, what helped.

    The weeks go back at most ``weeks``, and no further than the week the person began (``began``, the day the
    account did, in their zone) or their first urge, whichever came first: no empty weeks before they were here.
    """
    items = list(urges)
    days = [local_date(u.started_at, tz) for u in items]
    start = today - timedelta(weeks=weeks) if began is None else began_on(began, *days)
    rows = []
    for monday in week_starts(today=today, weeks=weeks, began=start):
        week = [u for u, day in zip(items, days, strict=True) if monday <= day < monday + timedelta(days=7)]
        rows.append(
            WeekRow(
                week_start=monday,
                count=len(week),
                avg_before=_avg([u.strength_before for u in week if u.strength_before is not None]),
                avg_after=_avg([u.strength_after for u in week if u.strength_after is not None]),
                passed=sum(u.outcome == "passed" for u in week),
            )
        )
    helped = Counter(h for u in items if u.outcome == "passed" for h in u.helped)
    hours = Counter(u.started_at.astimezone(tz).hour for u in items)
    return UrgeInsights(
        total=len(items),
        passed_share=round(sum(u.outcome == "passed" for u in items) / len(items), 2) if items else None,
        avg_before=_avg([u.strength_before for u in items if u.strength_before is not None]),
        avg_after=_avg([u.strength_after for u in items if u.strength_after is not None]),
        weeks=tuple(rows),
        helped_most=tuple(helped.most_common(3)),
        hard_hours=tuple(hours.most_common(3)),
    )
