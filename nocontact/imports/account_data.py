"""The imports' part of the account: each plan's import batches, in the plan's part of the export.

Erasing needs nothing from here: the batches go with their plan by cascade (see nocontact/registry.py).
"""

from __future__ import annotations

from typing import Any

from nocontact import registry
from nocontact.registry import iso as _iso


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


def register() -> None:
    registry.plan_section("imports", _imports)
