"""Minimal contact's part of the account: each plan's boundaries, in the plan's part of the export.

Erasing needs nothing from here: the boundaries go with their plan by cascade (see nocontact/registry.py).
"""

from __future__ import annotations

from typing import Any

from nocontact import registry


def _boundaries(plan: Any) -> dict[str, Any] | None:
    from nocontact.boundaries.selectors import boundaries_of

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


def register() -> None:
    registry.plan_section("boundaries", _boundaries)
