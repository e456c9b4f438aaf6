"""The readiness checks' part of the account: each plan's checks in the export (see nocontact/registry.py).

Erasing the account needs nothing from here: the checks go with their plan by cascade.
"""

from __future__ import annotations

from typing import Any

from nocontact import registry
from nocontact.registry import iso as _iso

# The app's selectors and services are imported where they are used: these functions are registered at start-up
# (apps.py), and the command line should not pay for loading what only an export needs.


def _readiness(plan: Any) -> list[dict[str, Any]]:
    from nocontact.readiness.services import check_list

    return [
        {
            "at": _iso(c.created_at),
            "streak_days": c.streak_days,
            "answers": c.answers,
            "suggested": c.suggested,
            "chosen": c.chosen or None,
            "extend_days": c.extend_days,
        }
        for c in check_list(plan)
    ]


def register() -> None:
    registry.plan_section("readiness_checks", _readiness)
