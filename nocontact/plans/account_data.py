"""The plans' part of the account: each plan, its log and boundaries in the export (see nocontact/registry.py).

Erasing the account needs nothing from here: its plans, and all that hangs on them, go with it by cascade.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from nocontact import registry
from nocontact.accounts.models import User
from nocontact.registry import iso as _iso

# The app's selectors and services are imported where they are used: these functions are registered at start-up
# (apps.py), and the command line should not pay for loading what only an export needs.


def _contacts(plan: Any) -> Iterator[dict[str, Any]]:
    from nocontact.plans import selectors, services

    for contact in selectors.contact_list(plan).order_by("at", "pk").iterator(chunk_size=2000):
        contact.plan = plan
        yield {
            "id": contact.public_id,
            "at": _iso(contact.at),
            "channel": contact.channel,
            "direction": contact.direction,
            "permitted": contact.permitted,
            "slip": services.contact_is_slip(contact),
            "note": contact.note,
            "imported": contact.batch_id is not None,
            "call_seconds": contact.call_seconds,
            "answered": contact.answered,
            "created_at": _iso(contact.created_at),
            "updated_at": _iso(contact.updated_at),
        }


def _boundaries(plan: Any) -> dict[str, Any] | None:
    from nocontact.plans.boundaries import boundaries_of

    row = boundaries_of(plan)
    if row is None:
        return None
    return {
        "topics": row.topics,
        "own_topics": row.own_topics,
        "channels": row.channels,
        "days": row.days,
        "start_hour": row.start_hour,
        "end_hour": row.end_hour,
    }


def _imports(plan: Any) -> list[dict[str, Any]]:
    return [
        {
            "at": _iso(b.created_at),
            "file_name": b.file_name,
            "format": b.format,
            "status": b.status,
            "added": b.added,
            "summary": b.summary,
        }
        for b in plan.imports.all()
    ]


def _plans(user: User) -> list[dict[str, Any]]:
    from nocontact.plans import selectors

    return [
        {
            "id": plan.public_id,
            "name": plan.name,
            "mode": plan.mode,
            "since": _iso(plan.started_at),
            "goal_days": plan.goal_days,
            "tz": plan.tz,
            "count_indirect": plan.count_indirect,
            "reason": plan.reason,
            "created_at": _iso(plan.created_at),
            **registry.plan_sections(plan),
        }
        for plan in selectors.plan_list(user)
    ]


def register() -> None:
    registry.export_section("plans", _plans)
    registry.plan_section("boundaries", _boundaries)
    registry.plan_section("contacts", lambda plan: list(_contacts(plan)))
    # Minimal contact's boundaries and the import batches are kept with the plans until they move to their apps.
    registry.plan_section("imports", _imports)
