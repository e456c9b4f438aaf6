"""Streaks, clean days and milestones: pure functions of the contact log.

Everything is counted in calendar days in the plan's time zone. With D0 the
local date of the start, S the sorted distinct local dates of slips after the
start (a slip later on the start's own day adds no date: that day was never
counted as clean), and A the local date of the moment asked about:

- current streak = A - (last date in S, or D0)
- longest streak = the largest gap between consecutive anchors (D0, then each
  date in S) minus one, or the current streak if larger
- clean days in total = (A - D0) - len(S)
- slips = the number of slip entries after the start
- indirect streak = A - (date of the last indirect contact the user sought, or D0)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from nocontact.domain.contacts import is_own_indirect, is_slip
from nocontact.domain.days import local_date

MILESTONES: tuple[int, ...] = (1, 3, 7, 14, 21, 30, 45, 60, 90, 120, 180, 270, 365)


def next_milestone(days: int) -> int:
    """The smallest milestone strictly above ``days`` (after a year: every 365 days)."""
    for milestone in MILESTONES:
        if milestone > days:
            return milestone
    return (days // 365 + 1) * 365


def last_milestone(days: int) -> int | None:
    """The largest milestone at or below ``days``, if any."""
    if days < MILESTONES[0]:
        return None
    if days >= 365:
        return (days // 365) * 365
    return max(m for m in MILESTONES if m <= days)


@dataclass(frozen=True)
class ContactEvent:
    at: datetime
    channel: str
    direction: str
    permitted: bool = False


@dataclass(frozen=True)
class Summary:
    """What the figures need from the log: small, whatever the log's size."""

    slip_dates: tuple[date, ...]  # sorted, distinct, each after the start date
    slip_count: int
    last_indirect_date: date | None


@dataclass(frozen=True)
class Figures:
    start_date: date
    as_of_date: date
    goal_days: int
    current_streak_days: int
    longest_streak_days: int
    clean_days_total: int
    slips: int
    indirect_streak_days: int
    next_milestone_days: int
    goal_reached: bool
    last_slip_date: date | None

    @property
    def days_to_next_milestone(self) -> int:
        return self.next_milestone_days - self.current_streak_days

    @property
    def days_to_goal(self) -> int:
        return max(0, self.goal_days - self.current_streak_days)


def summarize(
    events: Iterable[ContactEvent],
    *,
    start: datetime,
    as_of: datetime,
    tz: tzinfo,
    count_indirect: bool,
) -> Summary:
    """Reduce a log to a Summary. Only entries after the start and up to ``as_of`` count."""
    start_date = local_date(start, tz)
    dates: set[date] = set()
    count = 0
    last_indirect: datetime | None = None
    for event in events:
        if not (start < event.at <= as_of):
            continue
        if is_slip(
            channel=event.channel,
            direction=event.direction,
            permitted=event.permitted,
            count_indirect=count_indirect,
        ):
            count += 1
            day = local_date(event.at, tz)
            if day > start_date:
                dates.add(day)
        if is_own_indirect(channel=event.channel, direction=event.direction):
            if last_indirect is None or event.at > last_indirect:
                last_indirect = event.at
    return Summary(
        slip_dates=tuple(sorted(dates)),
        slip_count=count,
        last_indirect_date=local_date(last_indirect, tz) if last_indirect else None,
    )


def figures_from_summary(summary: Summary, *, start_date: date, as_of_date: date, goal_days: int) -> Figures:
    """The figures, from a Summary. Asking about a day before the start gives zeros."""
    today = max(as_of_date, start_date)
    slip_dates: Sequence[date] = [d for d in summary.slip_dates if start_date < d <= today]
    last_anchor = slip_dates[-1] if slip_dates else start_date
    current = (today - last_anchor).days
    longest = current
    previous = start_date
    for day in slip_dates:
        longest = max(longest, (day - previous).days - 1)
        previous = day
    clean_total = (today - start_date).days - len(slip_dates)
    indirect_anchor = summary.last_indirect_date
    if indirect_anchor is None or indirect_anchor < start_date or indirect_anchor > today:
        indirect_anchor = start_date
    return Figures(
        start_date=start_date,
        as_of_date=today,
        goal_days=goal_days,
        current_streak_days=current,
        longest_streak_days=longest,
        clean_days_total=clean_total,
        slips=summary.slip_count,
        indirect_streak_days=(today - indirect_anchor).days,
        next_milestone_days=next_milestone(current),
        goal_reached=current >= goal_days,
        last_slip_date=slip_dates[-1] if slip_dates else None,
    )


def compute_figures(
    events: Iterable[ContactEvent],
    *,
    start: datetime,
    as_of: datetime,
    tz: tzinfo,
    count_indirect: bool,
    goal_days: int,
) -> Figures:
    """Every figure for a plan, from its whole log, as of the moment ``as_of``."""
    summary = summarize(events, start=start, as_of=as_of, tz=tz, count_indirect=count_indirect)
    return figures_from_summary(
        summary,
        start_date=local_date(start, tz),
        as_of_date=local_date(as_of, tz),
        goal_days=goal_days,
    )
