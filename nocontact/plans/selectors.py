"""Reads for plans and contacts. Every lookup is scoped to its owner."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from typing import Any

from django.db import connection
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import dateformat

from nocontact import messages
from nocontact.accounts.models import User
from nocontact.domain.contacts import Mode
from nocontact.domain.days import local_date, zone
from nocontact.domain.figures import (
    Figures,
    Streak,
    figures_from_summary,
    streak_from_last_slip,
    summarize_slip_dates,
)
from nocontact.errors import NotFound
from nocontact.plans import tally
from nocontact.plans.models import Contact, Plan
from nocontact.plans.slips import CAN_BE_SLIP_SQL, COUNTED_SQL, OWN_INDIRECT_SQL


def plan_list(user: User) -> list[Plan]:
    plans = list(Plan.objects.filter(user=user).select_related("tally"))
    for plan in plans:
        plan.user = user  # the owner is already at hand: no query per plan to fetch it again
    return plans


def plan_labels(plans: Sequence[Plan], *, discreet: bool) -> dict[str, str]:
    """How each plan is named in a list, by public id: its name, or in discreet mode when it began.

    Discreet mode shows no names until tapped, and a closed list shows its choice: so a list says "Since 4 March",
    as the dashboard's cards do; two plans begun on the same day are told apart by a number.
    """
    if not discreet:
        return {p.public_id: p.name for p in plans}
    labels: dict[str, str] = {}
    seen: dict[str, int] = {}
    for plan in plans:
        since = "Since " + dateformat.format(plan.started_at.astimezone(zone(plan.tz)), "j F")
        seen[since] = seen.get(since, 0) + 1
        labels[plan.public_id] = since if seen[since] == 1 else f"{since} ({seen[since]})"
    return labels


def plan_get(user: User, public_id: str) -> Plan:
    plan = get_object_or_404(Plan, user=user, public_id=str(public_id)[:32])
    plan.user = user
    return plan


def plan_get_by_name(user: User, name: str) -> Plan:
    plan = Plan.objects.filter(user=user, name__iexact=name.strip()).first()
    if plan is None:
        raise NotFound(messages.PLAN_NOT_FOUND.format(name=name))
    plan.user = user
    return plan


def contact_list(plan: Plan) -> QuerySet[Contact]:
    return Contact.objects.filter(plan=plan).select_related("plan__user")


def contact_get(user: User, public_id: str) -> Contact:
    return get_object_or_404(Contact.objects.select_related("plan__user"), plan__user=user, public_id=public_id)


def contact_undoable(user: User, public_id: str, *, since: datetime) -> Contact | None:
    """The owner's entry written by hand after ``since``, if it is still there: what "Undo" may offer."""
    return (
        Contact.objects.select_related("plan__user")
        .filter(plan__user=user, public_id=str(public_id)[:16], batch=None, created_at__gte=since)
        .first()
    )


# The figures for any number of plans in one query, whatever the size of their logs. For each plan
# the database returns its slip days after the start as one list (day_list below), the number of slips
# and the moment of the last indirect contact; the pure core (domain.figures.summarize_slip_dates)
# reduces the days to the figures. The days come from the partial index of the rows that can be
# slips, which holds everything the WHERE clause asks, so SQLite never reads the table for them.
# Measured (bench/RESULTS.md, 2026-11-30): reducing the days in SQL with a window function cost
# about 2.7 us a day; one row per day cost 0.8 us on SQLite and far more through psycopg; one list
# per plan is cheapest on both. The last indirect contact is ORDER BY ... LIMIT 1 rather than MAX:
# PostgreSQL without fresh statistics read every indirect contact for MAX.
# The WHERE clauses repeat the partial indexes' conditions word for word (SQLite matches them term for
# term): both are written from the one definition of a slip (nocontact/plans/slips.py).
_SLIP_DAYS_SQL = """
SELECT %s, {day_list}, SUM(n),
  (SELECT at FROM plans_contact
   WHERE plan_id = %s AND {own_indirect}
     AND at <= %s
   ORDER BY at DESC LIMIT 1)
FROM (
  SELECT local_date AS d, COUNT(*) AS n FROM plans_contact {slip_index}
  WHERE plan_id = %s AND {can_be_slip}
    AND local_date >= %s AND local_date <= %s AND at > %s AND at <= %s
    AND {counted}
  GROUP BY local_date
) AS g
"""
# The current streak needs only the last slip date after the start date: one step down the slip
# index from today, however long the log (the same conditions, newest first).
_LAST_SLIP_SQL = """
SELECT %s, (SELECT local_date FROM plans_contact {slip_index}
  WHERE plan_id = %s AND {can_be_slip}
    AND local_date > %s AND local_date <= %s AND at > %s AND at <= %s
    AND {counted}
  ORDER BY local_date DESC LIMIT 1)
"""
# Per engine: the slip days as one comma-separated list of ISO dates (the order does not matter),
# and, for SQLite, whose planner has no statistics unless ANALYZE has run, which index to read the
# slips from (INDEXED BY fails loudly if it cannot be used; PostgreSQL chooses well by itself).
_DIALECT = {
    "sqlite": {"day_list": "group_concat(d)", "slip_index": "INDEXED BY contact_slip_days"},
    "postgresql": {"day_list": "string_agg(to_char(d, 'YYYY-MM-DD'), ',')", "slip_index": ""},
}


_RULE = {"can_be_slip": CAN_BE_SLIP_SQL, "counted": COUNTED_SQL, "own_indirect": OWN_INDIRECT_SQL}


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _as_datetime(value: Any) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class _Calendar:
    """A plan's calendar, as of a moment: its zone, the local date of its start, and of the moment."""

    tz: tzinfo
    start: date
    today: date


def _calendars(plans: Sequence[Plan], as_of: datetime) -> dict[int, _Calendar]:
    calendars = {}
    for plan in plans:
        tz = zone(plan.tz)
        calendars[plan.pk] = _Calendar(tz, local_date(plan.started_at, tz), local_date(as_of, tz))
    return calendars


def _per_plan(
    sql: str,
    plans: Sequence[Plan],
    calendars: dict[int, _Calendar],
    as_of: datetime,
    params: Callable[[Plan, _Calendar, Any, Any], list[Any]],
) -> list[Any]:
    """Run ``sql`` once per plan, joined with UNION ALL: one round trip whatever the number of plans.

    ``params(plan, days, started, moment)`` gives each plan's parameters."""
    moment = connection.ops.adapt_datetimefield_value(as_of)
    values: list[Any] = []
    for plan in plans:
        started = connection.ops.adapt_datetimefield_value(plan.started_at)
        values += params(plan, calendars[plan.pk], started, moment)
    one = sql.format(**_DIALECT[connection.vendor], **_RULE)
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join([one] * len(plans)), values)
        rows: list[Any] = cursor.fetchall()
    return rows


def _slip_days_params(plan: Plan, days: _Calendar, started: Any, moment: Any) -> list[Any]:
    """_SLIP_DAYS_SQL's placeholders, in order."""
    start, today = days.start.isoformat(), days.today.isoformat()
    return [plan.pk, plan.pk, moment, plan.pk, start, today, started, moment, plan.count_indirect]


def _last_slip_params(plan: Plan, days: _Calendar, started: Any, moment: Any) -> list[Any]:
    """_LAST_SLIP_SQL's placeholders, in order."""
    start, today = days.start.isoformat(), days.today.isoformat()
    return [plan.pk, plan.pk, start, today, started, moment, plan.count_indirect]


def plans_figures(plans: Sequence[Plan], *, as_of: datetime) -> dict[int, Figures]:
    """Every figure for each plan as of ``as_of``, keyed by the plan's primary key, in one query."""
    if not plans:
        return {}
    calendars = _calendars(plans, as_of)
    rows = _per_plan(_SLIP_DAYS_SQL, plans, calendars, as_of, _slip_days_params)
    found = {plan_id: (day_list, count, indirect) for plan_id, day_list, count, indirect in rows}
    result = {}
    for plan in plans:
        days = calendars[plan.pk]
        day_list, count, indirect = found[plan.pk]
        last_indirect = _as_datetime(indirect) if indirect is not None else None
        summary = summarize_slip_dates(
            [date.fromisoformat(day) for day in day_list.split(",")] if day_list else [],
            start_date=days.start,
            slip_count=int(count or 0),
            last_indirect_date=(
                local_date(last_indirect, days.tz)
                if last_indirect is not None and last_indirect > plan.started_at
                else None
            ),
        )
        result[plan.pk] = figures_from_summary(
            summary, start_date=days.start, as_of_date=days.today, goal_days=plan.goal_days
        )
    return result


def plan_figures(plan: Plan, *, as_of: datetime) -> Figures:
    return plans_figures([plan], as_of=as_of)[plan.pk]


def plans_streaks(plans: Sequence[Plan], *, as_of: datetime) -> dict[int, Streak]:
    """Each plan's current streak as of ``as_of`` (what the dashboard shows), in one query."""
    if not plans:
        return {}
    calendars = _calendars(plans, as_of)
    rows = _per_plan(_LAST_SLIP_SQL, plans, calendars, as_of, _last_slip_params)
    last = {plan_id: _as_date(day) if day is not None else None for plan_id, day in rows}
    streaks = {}
    for plan in plans:
        days = calendars[plan.pk]
        streaks[plan.pk] = streak_from_last_slip(
            last[plan.pk], start_date=days.start, as_of_date=days.today, goal_days=plan.goal_days
        )
    return streaks


def plan_streak(plan: Plan, *, as_of: datetime) -> Streak:
    return plans_streaks([plan], as_of=as_of)[plan.pk]


# --- What logging a slip would do, said before it is done -----------------------------------------------


@dataclass(frozen=True)
class SlipEffect:
    """What a new slip at some moment does to the current run: "ends" it, "today" (already at 0) or "earlier"."""

    kind: str
    days: int


def slip_effect(plan: Plan, *, at: datetime, as_of: datetime) -> SlipEffect:
    streak = plan_streak(plan, as_of=as_of)
    day = local_date(at, zone(plan.tz))
    run_began = streak.last_slip_date or streak.start_date
    if day > run_began:
        return SlipEffect("ends", streak.current_streak_days)
    if streak.current_streak_days == 0:
        return SlipEffect("today", 0)
    return SlipEffect("earlier", streak.current_streak_days)


# --- Minimal contact at a glance ------------------------------------------------------------------------


@dataclass(frozen=True)
class MinimalCounts:
    """Since a minimal plan began: contact logged as permitted, and contact outside the boundaries (slips)."""

    permitted: int = 0
    outside: int = 0


def plans_minimal_counts(plans: Sequence[Plan], *, figures: Mapping[int, Figures]) -> dict[int, MinimalCounts]:
    """For each minimal plan among ``plans``, its counts, given its ``figures`` (they count its slips).

    The permitted entries since each start come from the plan's tally (plans/tally.py): counted once per
    change to the log, not on every visit (a co-parent's ten years can hold 37,000 of them: 6.5 ms to count
    from their index on SQLite, every time)."""
    minimal = [plan for plan in plans if plan.mode == Mode.MINIMAL.value]
    if not minimal:
        return {}
    counted = tally.permitted_since_start(minimal)
    return {plan.pk: MinimalCounts(counted[plan.pk], figures[plan.pk].slips) for plan in minimal}
