"""Spans of days for the charts: where a chart begins, how its days are bucketed, and how a span reads.

A chart of "the last four weeks" for someone who began three days ago shows three days, not twenty-five empty
ones; a bar for a week says which days it holds ("2–8 Dec"), so it is never mistaken for one day's check-in.
Time is passed in (``today``, ``began``), in the person's own calendar.
"""

from __future__ import annotations

from datetime import date, timedelta

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
DASH = "\u2013"  # an en dash, as a span of days is written


def day_label(day: date, *, year: bool = False) -> str:
    """'5 Dec', or '5 Dec 2025'."""
    text = f"{day.day} {MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if year else text


def span_label(first: date, last: date, *, today: date | None = None) -> str:
    """The days from ``first`` to ``last``, both kept, as a person writes them.

    '5 Dec' (one day), '2–8 Dec' (one month), '30 Nov – 6 Dec' (two), '29 Dec 2025 – 4 Jan 2026' (two years).
    The year is named when the span crosses one, or when it is not ``today``'s year.
    """
    if last < first:
        first, last = last, first
    with_year = first.year != last.year or (today is not None and last.year != today.year)
    if first == last:
        return day_label(first, year=with_year)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}{DASH}{day_label(last, year=with_year)}"
    return f"{day_label(first, year=with_year)} {DASH} {day_label(last, year=with_year)}"


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def began_on(joined: date, *recorded: date | None) -> date:
    """The first day a person has anything to show for: the day the account began, or an earlier record's day
    (an account restored from a backup, or moved from one computer to a server, begins after its records)."""
    return min([joined, *(day for day in recorded if day is not None)])


def day_buckets(*, today: date, days: int, bucket_days: int, began: date) -> tuple[date, ...]:
    """The first day of each bucket of ``bucket_days`` days over the last ``days`` days, oldest first.

    The last bucket ends today; buckets that end before ``began`` are left out, and at least today's is kept.
    """
    if bucket_days < 1 or days < bucket_days:
        raise ValueError("a chart needs at least one whole bucket")
    count = days // bucket_days
    first = today - timedelta(days=bucket_days * count - 1)
    start = min(max(began, first), today)
    skip = (start - first).days // bucket_days
    return tuple(first + timedelta(days=bucket_days * i) for i in range(skip, count))


def week_starts(*, today: date, weeks: int, began: date) -> tuple[date, ...]:
    """The Mondays of the last ``weeks`` calendar weeks (today's the last), none wholly before ``began``."""
    if weeks < 1:
        raise ValueError("a chart needs at least one week")
    last = week_start(today)
    first = max(last - timedelta(weeks=weeks - 1), min(week_start(began), last))
    return tuple(first + timedelta(weeks=i) for i in range((last - first).days // 7 + 1))
