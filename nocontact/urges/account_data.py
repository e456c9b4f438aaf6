"""The pause's part of the account: pauses, the support circle and what helps in the export; on erasing, the
alerts still queued for the circle (see nocontact/registry.py). Its rows go with the account by cascade.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from nocontact import registry
from nocontact.accounts.models import User
from nocontact.registry import iso as _iso
from nocontact.urges.models import SupportPerson, Urge

# The app's selectors and services are imported where they are used: these functions are registered at start-up
# (apps.py), and the command line should not pay for loading what only an export needs.


def _urges(user: User) -> list[dict[str, Any]]:
    from nocontact.urges.selectors import urge_list

    return [
        {
            "at": _iso(u.started_at),
            "ended_at": _iso(u.ended_at),
            "plan": u.plan.name if u.plan else None,
            "strength_before": u.strength_before,
            "strength_after": u.strength_after,
            "feeling": u.feeling,
            "feeling_words": u.feeling_words,
            "trigger": u.trigger,
            "unsent": u.unsent,
            "helped": u.helped,
            "outcome": u.outcome,
            "pause_seconds": u.pause_seconds,
        }
        for u in urge_list(user)
    ]


def _support_circle(user: User) -> list[dict[str, Any]]:
    return [
        {
            "name": p.name,
            "phone": p.phone,
            "email": p.email,
            "preferred": p.preferred,
            "message": p.message,
            "alert_on_pause": p.alert_on_pause,
        }
        for p in user.support_people.all()
    ]


def _things_that_help(user: User) -> list[str]:
    return [h.text for h in user.helpers.all()]


def _queued_alerts_erase(user: User) -> None:
    """Alerts queued or kept for this person's circle hold only ids, but they are still theirs."""
    from django_tasks_db.models import DBTaskResult

    people = set(SupportPerson.objects.filter(user=user).values_list("pk", flat=True))
    if people:
        alerts = DBTaskResult.objects.filter(task_path__endswith="send_alert").values_list("id", "args_kwargs")
        theirs = [pk for pk, call in alerts if set((call or {}).get("args") or []) & people]
        DBTaskResult.objects.filter(id__in=theirs).delete()


def paused_within_the_hour(user: User, *, now: datetime) -> bool:
    """Whether the person took a pause in the last hour (then the journal suggests the unsent message)."""
    return Urge.objects.filter(user=user, started_at__gte=now - timedelta(hours=1)).exists()


def register() -> None:
    registry.export_section("urges", _urges)
    registry.export_section("support_circle", _support_circle)
    registry.export_section("things_that_help", _things_that_help)
    registry.eraser(_queued_alerts_erase)
    registry.provide("paused_within_the_hour", paused_within_the_hour)
