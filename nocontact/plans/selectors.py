"""Reads for plans and contacts. Every lookup is scoped to its owner."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from django.db import connection
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from nocontact import messages
from nocontact.accounts.models import User
from nocontact.domain.days import local_date, zone
from nocontact.domain.figures import Figures, Streak, Summary, figures_from_summary, streak_from_last_slip
from nocontact.errors import NotFound
from nocontact.plans.models import Contact, Plan

# The two reads behind every dashboard and API call, as raw queries: building the ORM query cost
# more than running it (0.3 ms against 0.02 ms on SQLite). raw() still applies the fields' converters.
_PLANS_OF_USER_SQL = f"SELECT * FROM {Plan._meta.db_table} WHERE user_id = %s ORDER BY created_at, id"  # noqa: S608
_PLAN_BY_PUBLIC_ID_SQL = f"SELECT * FROM {Plan._meta.db_table} WHERE user_id = %s AND public_id = %s"  # noqa: S608


def plan_list(user: User) -> list[Plan]:
    plans = list(Plan.objects.raw(_PLANS_OF_USER_SQL, [user.pk]))
    for plan in plans:
        plan.user = user  # the owner is already at hand: no query per plan to fetch it again
    return plans


def plan_get(user: User, public_id: str) -> Plan:
    found = list(Plan.objects.raw(_PLAN_BY_PUBLIC_ID_SQL, [user.pk, str(public_id)[:32]]))
    if not found:
        raise Http404
    plan = found[0]
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


# The figures for any number of plans in one query, whatever the size of their logs. For each
# plan, the database groups the plan's slips after its start by day (reading only the rows of a
# partial index that can be slips), then reduces those days to a count, the last one and the
# longest gap between them, and finds the last indirect contact through a second partial index.
# The WHERE clauses repeat the partial indexes' conditions word for word: SQLite matches them
# textually. nocontact/plans/tests/test_services.py checks this against the pure core.
_PLAN_SQL = """
SELECT %s, s.slips, s.days, s.last_day, s.longest_gap,
  (SELECT MAX(at) FROM plans_contact
   WHERE plan_id = %s AND ("channel" IN ('via_friend', 'checked_profile') AND "direction" IN ('outgoing', 'both'))
     AND at <= %s) AS last_indirect
FROM (
  SELECT COALESCE(SUM(n), 0) AS slips,
         COALESCE(SUM(CASE WHEN d > %s THEN 1 ELSE 0 END), 0) AS days,
         MAX(CASE WHEN d > %s THEN d END) AS last_day,
         COALESCE(MAX(CASE WHEN d > %s THEN gap END), 0) AS longest_gap
  FROM (
    SELECT d, n, {day} - COALESCE(LAG({day}) OVER (ORDER BY d), {start_day}) - 1 AS gap
    FROM (
      SELECT local_date AS d, COUNT(*) AS n FROM plans_contact {slip_index}
      WHERE plan_id = %s AND ("direction" IN ('outgoing', 'both') AND NOT "permitted")
        AND local_date >= %s AND local_date <= %s AND at > %s AND at <= %s
        AND (%s OR channel NOT IN ('via_friend', 'checked_profile'))
      GROUP BY local_date
    ) AS grouped
  ) AS gaps
) AS s
"""
# Per engine: how to number a day, and (SQLite only, whose planner has no statistics unless
# ANALYZE has run) which index to read the slips from. INDEXED BY fails loudly if it cannot be used.
_DIALECT = {
    "sqlite": {"day": "julianday(d)", "start_day": "julianday(%s)", "slip_index": "INDEXED BY contact_slip_days"},
    "postgresql": {"day": "(d - DATE '1970-01-01')", "start_day": "(%s::date - DATE '1970-01-01')", "slip_index": ""},
}


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _as_datetime(value: Any) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def plan_summaries(plans: Sequence[Plan], *, as_of: datetime) -> dict[int, Summary]:
    """Each plan's log, up to ``as_of``, reduced by the database to a Summary."""
    if not plans:
        return {}
    one = _PLAN_SQL.format(**_DIALECT[connection.vendor])
    moment = connection.ops.adapt_datetimefield_value(as_of)
    params: list[Any] = []
    for plan in plans:
        tz = zone(plan.tz)
        d0, today = local_date(plan.started_at, tz).isoformat(), local_date(as_of, tz).isoformat()
        started = connection.ops.adapt_datetimefield_value(plan.started_at)
        params += [plan.pk, plan.pk, moment, d0, d0, d0, d0, plan.pk, d0, today, started, moment, plan.count_indirect]
    summaries: dict[int, Summary] = {}
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join([one] * len(plans)), params)
        rows = cursor.fetchall()
    by_pk = {plan.pk: plan for plan in plans}
    for plan_id, slips, days, last_day, longest_gap, last_indirect in rows:
        plan = by_pk[plan_id]
        found = _as_datetime(last_indirect) if last_indirect is not None else None
        summaries[plan_id] = Summary(
            slip_count=int(slips),
            slip_days=int(days),
            last_slip_date=_as_date(last_day) if last_day is not None else None,
            longest_gap_days=round(longest_gap),
            last_indirect_date=(
                local_date(found, zone(plan.tz)) if found is not None and found > plan.started_at else None
            ),
        )
    return summaries


def plans_figures(plans: Sequence[Plan], *, as_of: datetime) -> dict[int, Figures]:
    """Every figure for each plan, keyed by the plan's primary key."""
    summaries = plan_summaries(plans, as_of=as_of)
    result = {}
    for plan in plans:
        tz = zone(plan.tz)
        result[plan.pk] = figures_from_summary(
            summaries[plan.pk],
            start_date=local_date(plan.started_at, tz),
            as_of_date=local_date(as_of, tz),
            goal_days=plan.goal_days,
        )
    return result


def plan_figures(plan: Plan, *, as_of: datetime) -> Figures:
    return plans_figures([plan], as_of=as_of)[plan.pk]


# The current streak needs only the last slip date after the start date: one step down the slip
# index from today, however long the log (the same conditions as _PLAN_SQL, newest first).
_LAST_SLIP_SQL = """
SELECT %s, (SELECT local_date FROM plans_contact {slip_index}
  WHERE plan_id = %s AND ("direction" IN ('outgoing', 'both') AND NOT "permitted")
    AND local_date > %s AND local_date <= %s AND at > %s AND at <= %s
    AND (%s OR channel NOT IN ('via_friend', 'checked_profile'))
  ORDER BY local_date DESC LIMIT 1)
"""


def plans_streaks(plans: Sequence[Plan], *, as_of: datetime) -> dict[int, Streak]:
    """Each plan's current streak as of ``as_of`` (what the dashboard shows), in one query."""
    if not plans:
        return {}
    one = _LAST_SLIP_SQL.format(slip_index=_DIALECT[connection.vendor]["slip_index"])
    moment = connection.ops.adapt_datetimefield_value(as_of)
    params: list[Any] = []
    dates: dict[int, tuple[date, date]] = {}
    for plan in plans:
        tz = zone(plan.tz)
        d0, today = local_date(plan.started_at, tz), local_date(as_of, tz)
        dates[plan.pk] = (d0, today)
        started = connection.ops.adapt_datetimefield_value(plan.started_at)
        params += [plan.pk, plan.pk, d0.isoformat(), today.isoformat(), started, moment, plan.count_indirect]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join([one] * len(plans)), params)
        rows = cursor.fetchall()
    goals = {plan.pk: plan.goal_days for plan in plans}
    return {
        plan_id: streak_from_last_slip(
            _as_date(last) if last is not None else None,
            start_date=dates[plan_id][0],
            as_of_date=dates[plan_id][1],
            goal_days=goals[plan_id],
        )
        for plan_id, last in rows
    }


def plan_streak(plan: Plan, *, as_of: datetime) -> Streak:
    return plans_streaks([plan], as_of=as_of)[plan.pk]
