"""Reads for plans and contacts. Every lookup is scoped to its owner."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count, Max, Q, QuerySet
from django.shortcuts import get_object_or_404

from nocontact import messages
from nocontact.accounts.models import User
from nocontact.domain.contacts import DIRECT_CHANNELS, INDIRECT_CHANNELS, USER_DIRECTIONS
from nocontact.domain.days import local_date, zone
from nocontact.domain.figures import Figures, Summary, figures_from_summary
from nocontact.errors import NotFound
from nocontact.plans.models import Contact, Plan


def plan_list(user: User) -> QuerySet[Plan]:
    return Plan.objects.filter(user=user).select_related("user")


def plan_get(user: User, public_id: str) -> Plan:
    return get_object_or_404(Plan.objects.select_related("user"), user=user, public_id=public_id)


def plan_get_by_name(user: User, name: str) -> Plan:
    plan = plan_list(user).filter(name__iexact=name.strip()).first()
    if plan is None:
        raise NotFound(messages.PLAN_NOT_FOUND.format(name=name))
    return plan


def contact_list(plan: Plan) -> QuerySet[Contact]:
    return Contact.objects.filter(plan=plan).select_related("plan__user")


def contact_get(user: User, public_id: str) -> Contact:
    return get_object_or_404(Contact.objects.select_related("plan__user"), plan__user=user, public_id=public_id)


def _slip_q(plan: Plan) -> Q:
    q = Q(direction__in=list(USER_DIRECTIONS), permitted=False)
    if not plan.count_indirect:
        q &= Q(channel__in=list(DIRECT_CHANNELS))
    return q


def plan_summary(plan: Plan, *, as_of: datetime) -> Summary:
    """The log reduced by the database: distinct slip days, a count and one date.

    Two indexed queries whatever the size of the log; the result is at most one
    row per calendar day.
    """
    tz = zone(plan.tz)
    window = Contact.objects.filter(plan=plan, at__gt=plan.started_at, at__lte=as_of)
    slip_q = _slip_q(plan)
    totals = window.aggregate(
        slips=Count("pk", filter=slip_q),
        last_indirect=Max("at", filter=Q(channel__in=list(INDIRECT_CHANNELS), direction__in=list(USER_DIRECTIONS))),
    )
    start_date = local_date(plan.started_at, tz)
    dates = (
        window.filter(slip_q, local_date__gt=start_date)
        .order_by("local_date")
        .values_list("local_date", flat=True)
        .distinct()
    )
    last_indirect = totals["last_indirect"]
    return Summary(
        slip_dates=tuple(dates),
        slip_count=totals["slips"],
        last_indirect_date=local_date(last_indirect, tz) if last_indirect else None,
    )


def plan_figures(plan: Plan, *, as_of: datetime) -> Figures:
    tz = zone(plan.tz)
    return figures_from_summary(
        plan_summary(plan, as_of=as_of),
        start_date=local_date(plan.started_at, tz),
        as_of_date=local_date(as_of, tz),
        goal_days=plan.goal_days,
    )
