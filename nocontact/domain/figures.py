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

from collections.abc import Iterable
from dataclasses import dataclass, fields
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


# The days marked with a small moment on the day they are reached (and the person's own goal, and each year).
MOMENTS: tuple[int, ...] = (1, 3, 7, 14, 30, 60, 90)


def moment(days: int, goal_days: int) -> int | None:
    """``days`` if a run of that many days is one to mark today (a moment, the goal, a whole year), else None."""
    if days <= 0:
        return None
    if days in MOMENTS or days == goal_days or days % 365 == 0:
        return days
    return None


def moments_reached(longest_days: int, goal_days: int) -> tuple[int, ...]:
    """Every moment a run has reached so far, smallest first: the marked days, the person's goal and each whole
    year up to the longest run. A slip never takes one away: the longest run keeps them."""
    marks = {m for m in MOMENTS if m <= longest_days}
    if 0 < goal_days <= longest_days:
        marks.add(goal_days)
    marks.update(range(365, longest_days + 1, 365))
    return tuple(sorted(marks))


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
    """What the figures need from the log: a few numbers, whatever the log's size.

    Only slips after the start and up to the moment asked about are summed up. ``slip_days``,
    ``last_slip_date`` and ``longest_gap_days`` concern the distinct slip dates after the start
    date; ``longest_gap_days`` is the longest run of clean days that a slip ended (each gap
    between consecutive anchors, the start date then each slip date, minus one).
    """

    slip_count: int
    slip_days: int
    last_slip_date: date | None
    longest_gap_days: int
    last_indirect_date: date | None


def summarize_slip_dates(
    dates: Iterable[date], *, start_date: date, slip_count: int, last_indirect_date: date | None
) -> Summary:
    """A Summary from the slip dates themselves (any order, repeats allowed)."""
    after = sorted({d for d in dates if d > start_date})
    longest = 0
    previous = start_date
    for day in after:
        longest = max(longest, (day - previous).days - 1)
        previous = day
    return Summary(
        slip_count=slip_count,
        slip_days=len(after),
        last_slip_date=after[-1] if after else None,
        longest_gap_days=longest,
        last_indirect_date=last_indirect_date,
    )


@dataclass(frozen=True)
class Streak:
    """The figures that need only the last slip date: what a glance at a plan shows."""

    start_date: date
    as_of_date: date
    goal_days: int
    current_streak_days: int
    next_milestone_days: int
    goal_reached: bool
    last_slip_date: date | None

    @property
    def days_to_next_milestone(self) -> int:
        return self.next_milestone_days - self.current_streak_days

    @property
    def days_to_goal(self) -> int:
        return max(0, self.goal_days - self.current_streak_days)


def streak_from_last_slip(last_slip_date: date | None, *, start_date: date, as_of_date: date, goal_days: int) -> Streak:
    """The current streak, from the last slip date after the start date up to ``as_of_date`` (None: none).

    Asking about a day before the start gives zero."""
    today = max(as_of_date, start_date)
    current = (today - (last_slip_date or start_date)).days
    return Streak(
        start_date=start_date,
        as_of_date=today,
        goal_days=goal_days,
        current_streak_days=current,
        next_milestone_days=next_milestone(current),
        goal_reached=current >= goal_days,
        last_slip_date=last_slip_date,
    )


@dataclass(frozen=True)
class Figures(Streak):
    """Every figure: the streak, and what needs the whole history of slip days."""

    longest_streak_days: int
    clean_days_total: int
    slips: int
    indirect_streak_days: int

    @property
    def streak(self) -> Streak:
        return Streak(**{f.name: getattr(self, f.name) for f in fields(Streak)})


def summarize(
    events: Iterable[ContactEvent],
    *,
    start: datetime,
    as_of: datetime,
    tz: tzinfo,
    count_indirect: bool,
) -> Summary:
    """Reduce a log to a Summary. Only entries after the start and up to ``as_of`` count."""
    dates: list[date] = []
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
            dates.append(local_date(event.at, tz))
        if is_own_indirect(channel=event.channel, direction=event.direction) and (
            last_indirect is None or event.at > last_indirect
        ):
            last_indirect = event.at
    return summarize_slip_dates(
        dates,
        start_date=local_date(start, tz),
        slip_count=len(dates),
        last_indirect_date=local_date(last_indirect, tz) if last_indirect else None,
    )


def figures_from_summary(summary: Summary, *, start_date: date, as_of_date: date, goal_days: int) -> Figures:
    """The figures, from a Summary of the log up to the day ``as_of_date``.

    Asking about a day before the start gives zeros.
    """
    streak = streak_from_last_slip(
        summary.last_slip_date, start_date=start_date, as_of_date=as_of_date, goal_days=goal_days
    )
    today, current = streak.as_of_date, streak.current_streak_days
    indirect_anchor = summary.last_indirect_date
    if indirect_anchor is None or not start_date <= indirect_anchor <= today:
        indirect_anchor = start_date
    return Figures(
        start_date=start_date,
        as_of_date=today,
        goal_days=goal_days,
        current_streak_days=current,
        longest_streak_days=max(current, summary.longest_gap_days),
        clean_days_total=(today - start_date).days - summary.slip_days,
        slips=summary.slip_count,
        indirect_streak_days=(today - indirect_anchor).days,
        next_milestone_days=streak.next_milestone_days,
        goal_reached=streak.goal_reached,
        last_slip_date=summary.last_slip_date,
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
