"""`nocontact safety-log NAME`: list a safety plan's log, or record an entry, from a terminal."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from typing import Any

from nocontact import messages
from nocontact.cli.errors import CliError


def run(user: Any, args: argparse.Namespace, now: datetime, *, moment: Any) -> int:
    from nocontact.domain.days import zone
    from nocontact.plans import selectors
    from nocontact.safety import services
    from nocontact.safety.models import KIND_CHOICES
    from nocontact.safety.selectors import incident_list, log_open

    plan = selectors.plan_get_by_name(user, args.name)
    if args.add:
        if not args.kind or not args.channel:
            raise CliError("recording an entry needs --kind and --channel")
        details = args.details if args.details is not None else ("" if sys.stdin.isatty() else sys.stdin.read())
        at = moment(args.at, plan.tz) if args.at else now
        services.incident_record(plan=plan, at=at, kind=args.kind, channel=args.channel, details=details, now=now)
        print("Recorded. It is kept encrypted, with the date and time you gave.")
        return 0
    if not log_open(plan):
        raise CliError(messages.INCIDENT_NOT_SAFETY)
    tz = zone(plan.tz)
    kinds = dict(KIND_CHOICES)
    rows = []
    for incident in incident_list(plan):
        rows.append(
            {
                "id": incident.public_id,
                "at": incident.at.astimezone(tz).isoformat(),
                "kind": incident.kind,
                "channel": incident.channel,
                "details": incident.details,
            }
        )
    if args.json:
        print(json.dumps({"entries": rows}, ensure_ascii=False))
        return 0
    if not rows:
        print("Nothing recorded yet.")
    for row in rows:
        print(f"{row['at'][:16].replace('T', ' ')}  {kinds.get(row['kind'], row['kind'])} · {row['channel']}")
        if row["details"]:
            print("    " + row["details"].replace("\n", "\n    "))
    return 0
