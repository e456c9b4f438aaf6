"""The journal's part of the account: its entries and mood check-ins in the export (see nocontact/registry.py).

Erasing the account needs nothing from here: entries and check-ins go with it by cascade.
"""

from __future__ import annotations

from typing import Any

from nocontact import registry
from nocontact.accounts.models import User
from nocontact.registry import iso as _iso

# The app's selectors and services are imported where they are used: these functions are registered at start-up
# (apps.py), and the command line should not pay for loading what only an export needs.


def _journal(user: User) -> list[dict[str, Any]]:
    from nocontact.journal import selectors

    return [
        {
            "id": e.public_id,
            "date": e.entry_date.isoformat(),
            "sealed_until": e.sealed_until.isoformat() if e.sealed_until else None,
            "text": e.text,
            "tags": e.tags,
            "mood": e.mood,
            "prompt": e.prompt,
            "created_at": _iso(e.created_at),
        }
        for e in selectors.entry_list(user)
    ]


def _moods(user: User) -> list[dict[str, Any]]:
    from nocontact.journal import selectors

    return [
        {
            "at": _iso(c.at),
            "note": c.note,
            "feelings": [
                {
                    "name": f.name,
                    "words": f.own_words if f.name == "own" else f.name,
                    "intensity": f.intensity,
                }
                for f in c.feelings.all()
            ],
        }
        for c in selectors.checkin_list(user)
    ]


def register() -> None:
    registry.export_section("journal", _journal)
    registry.export_section("moods", _moods)
