"""The plans' part of the account: each plan and its log in the export (see nocontact/registry.py).

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
    registry.plan_section("contacts", lambda plan: list(_contacts(plan)))
