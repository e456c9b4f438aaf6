"""The safety log's part of the account: each plan's log in the export (see nocontact/registry.py).

Erasing the account needs nothing from here: the log goes with its plan by cascade.
"""

from __future__ import annotations

from typing import Any

from nocontact import registry
from nocontact.registry import iso as _iso

# The app's selectors and services are imported where they are used: these functions are registered at start-up
# (apps.py), and the command line should not pay for loading what only an export needs.


def _safety_log(plan: Any) -> list[dict[str, Any]]:
    from nocontact.safety.selectors import incident_list, status
    from nocontact.safety.services import log_seal

    log_seal(plan=plan)  # entries from before the chain get their hashes, as in the signed export
    entries = incident_list(plan)
    numbers = {incident.pk: incident.number for incident in entries}
    return [
        {
            "id": incident.public_id,
            "entry": incident.number,
            "action": incident.action,
            "refers_to": numbers.get(incident.refers_to_id or 0),
            "status": status(incident),
            "chain_hash": incident.chain_hash,
            "at": _iso(incident.at),
            "kind": incident.kind,
            "channel": incident.channel,
            "details": incident.details,
            "created_at": _iso(incident.created_at),
        }
        for incident in entries
    ]


def register() -> None:
    registry.plan_section("safety_log", _safety_log)
