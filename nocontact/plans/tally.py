"""A plan's counts kept between visits, so that the dashboard does not count years of log on every request.

The rule that keeps it right: every write to a plan's log calls :func:`log_changed` inside the write's
transaction, which moves the plan's version on. A count is taken, together with the version, in one
statement (one snapshot of the database), and stored only if the version has not moved since. A reader
uses a stored count only while it belongs to the current version; otherwise it counts again. A write
missed, a race, a crash between two statements: each can only make a count stale, never wrong.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import F, Func, IntegerField, OuterRef, Subquery

from nocontact.plans.models import Contact, Plan, PlanTally
from nocontact.plans.slips import PERMITTED


def log_changed(plan_id: int) -> None:
    """Call inside the transaction of any write to the plan's log (or to its start)."""
    if PlanTally.objects.filter(plan_id=plan_id).update(version=F("version") + 1):
        return
    _, created = PlanTally.objects.get_or_create(plan_id=plan_id)
    if not created:  # made meanwhile by another writer: this change still needs its own step
        PlanTally.objects.filter(plan_id=plan_id).update(version=F("version") + 1)


def _tally(plan: Plan) -> PlanTally | None:
    try:
        tally: PlanTally = plan.tally  # loaded with the plan where the caller asked (select_related)
    except ObjectDoesNotExist:
        return None
    return tally


def permitted_since_start(plans: Sequence[Plan]) -> dict[int, int]:
    """For each plan: its entries within the boundaries since it began (the permitted ones)."""
    counts: dict[int, int] = {}
    stale: list[int] = []
    for plan in plans:
        tally = _tally(plan)
        if tally is None:  # a plan from before tallies, or made some other way: it gets one
            log_changed(plan.pk)
            stale.append(plan.pk)
        elif tally.counted != tally.version:
            stale.append(plan.pk)
        else:
            counts[plan.pk] = tally.permitted
    if not stale:
        return counts
    permitted = (
        Contact.objects.filter(PERMITTED, plan_id=OuterRef("plan_id"), at__gt=OuterRef("plan__started_at"))
        .order_by()
        .annotate(n=Func("at", function="COUNT"))  # a column of the index: PostgreSQL reads the index alone
        .values("n")
    )
    # The version and the count in one statement: both from the same snapshot.
    rows = (
        PlanTally.objects.filter(plan_id__in=stale)
        .annotate(n=Subquery(permitted, output_field=IntegerField()))
        .values_list("plan_id", "version", "n")
    )
    for plan_id, version, n in rows:
        counts[plan_id] = n or 0
        # Kept only if no write came in between; otherwise the next visit counts again.
        PlanTally.objects.filter(plan_id=plan_id, version=version).update(counted=version, permitted=n or 0)
    for plan in plans:  # a tally removed meanwhile (its plan deleted): count without keeping it
        if plan.pk not in counts:
            counts[plan.pk] = Contact.objects.filter(PERMITTED, plan_id=plan.pk, at__gt=plan.started_at).count()
    return counts
