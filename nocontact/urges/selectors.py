"""Reads for the pause, the circle and insight. Every lookup is scoped to its owner."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.shortcuts import get_object_or_404

from nocontact.accounts.models import User
from nocontact.domain.days import local_date, zone
from nocontact.domain.urges import UrgeFacts, UrgeInsights, insights
from nocontact.plans.selectors import plan_labels, plan_list, plans_streaks
from nocontact.urges.models import Helper, SupportPerson, Urge


def circle(user: User) -> list[SupportPerson]:
    """The person's circle by name. Names are encrypted, so they are sorted here, not by the database."""
    people = list(SupportPerson.objects.filter(user=user))
    for person in people:
        person.user = user  # one data key for the whole list
    return sorted(people, key=lambda p: (p.name.casefold(), p.pk))


def person_get(user: User, public_id: str) -> SupportPerson:
    return get_object_or_404(SupportPerson, user=user, public_id=public_id)


def helpers(user: User) -> list[Helper]:
    found = list(Helper.objects.filter(user=user))
    for helper in found:
        helper.user = user
    return found


def helper_get(user: User, public_id: str) -> Helper:
    return get_object_or_404(Helper, user=user, public_id=public_id)


def urge_list(user: User) -> list[Urge]:
    urges = list(Urge.objects.filter(user=user).select_related("plan"))
    for urge in urges:
        urge.user = user
    return urges


def pause_data(user: User, *, now: datetime) -> dict[str, Any]:
    """Everything the pause page needs, so that it can run with no network at all."""
    plans = plan_list(user)
    streaks = plans_streaks(plans, as_of=now)
    labels = plan_labels(plans, discreet=bool(user.discreet))  # what the list shows: no names in discreet mode
    return {
        "plans": [
            {
                "id": p.public_id,
                "name": p.name,
                "label": labels[p.public_id],
                "mode": p.mode,
                "reason": p.reason,
                "streak": streaks[p.pk].current_streak_days,
            }
            for p in plans
        ],
        "circle": [
            {"name": c.name, "phone": c.phone, "email": c.email, "preferred": c.preferred, "message": c.message}
            for c in circle(user)
        ],
        "helpers": [h.text for h in helpers(user)],
    }


def urge_insights(user: User, *, now: datetime, weeks: int = 8) -> UrgeInsights:
    tz = zone(user.time_zone)
    facts = [
        UrgeFacts(u.started_at, u.strength_before, u.strength_after, u.outcome, tuple(u.helped))
        for u in Urge.objects.filter(user=user).only(
            "started_at", "strength_before", "strength_after", "outcome", "helped"
        )
    ]
    began = local_date(user.date_joined, tz)  # the page starts when the account did (or its first pause)
    return insights(facts, tz=tz, today=local_date(now, tz), weeks=weeks, began=began)
