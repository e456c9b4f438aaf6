"""`nocontact safety-log NAME`: list a safety plan's log, record, correct or withdraw an entry, or export it."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from nocontact import messages
from nocontact.cli.errors import CliError


def _read_details(args: argparse.Namespace, default: str = "") -> str:
    if args.details is not None:
        return str(args.details)
    if sys.stdin.isatty():
        return default
    try:
        return sys.stdin.buffer.read().decode("utf-8")
    except UnicodeDecodeError:
        raise CliError("the details on standard input are not UTF-8 text") from None


def _entry(plan: Any, public_id: str) -> Any:
    from nocontact.safety.models import Incident

    incident = Incident.objects.filter(plan=plan, public_id=public_id).first()
    if incident is None:
        raise CliError(messages.INCIDENT_NOT_FOUND)
    incident.plan = plan
    return incident


def _export(plan: Any, target: str, now: datetime) -> int:
    from nocontact.safety import export

    path = Path(target)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".pdf"):
        raise CliError("--export needs a file name ending in .csv or .pdf")
    body = export.log_csv(plan) if suffix == ".csv" else export.log_pdf(plan, now=now)
    try:
        path.write_bytes(body)
    except OSError as exc:
        raise CliError(f"cannot write {path}: {exc.strerror or exc}") from None
    print(f"Written to {path}, signed by this server.")
    return 0


def run(user: Any, args: argparse.Namespace, now: datetime, *, moment: Any) -> int:
    from nocontact.domain.days import zone
    from nocontact.plans import selectors
    from nocontact.safety import services
    from nocontact.safety.models import KIND_CHOICES
    from nocontact.safety.selectors import incident_list, log_open, status

    plan = selectors.plan_get_by_name(user, args.name)
    if sum(bool(x) for x in (args.add, args.correct, args.withdraw, args.export)) > 1:
        raise CliError("choose one of --add, --correct, --withdraw and --export")
    if args.add:
        if not args.kind or not args.channel:
            raise CliError("recording an entry needs --kind and --channel")
        details = _read_details(args)
        at = moment(args.at, plan.tz) if args.at else now
        services.incident_record(plan=plan, at=at, kind=args.kind, channel=args.channel, details=details, now=now)
        print(messages.INCIDENT_SAVED)
        return 0
    if not log_open(plan):
        raise CliError(messages.INCIDENT_NOT_SAFETY)
    if args.correct:
        incident = _entry(plan, args.correct)
        services.incident_correct(
            incident=incident,
            at=moment(args.at, plan.tz) if args.at else incident.at,
            kind=args.kind or incident.kind,
            channel=args.channel or incident.channel,
            details=_read_details(args, default=incident.details),
            now=now,
        )
        print(messages.INCIDENT_CORRECTED)
        return 0
    if args.withdraw:
        services.incident_withdraw(incident=_entry(plan, args.withdraw), now=now)
        print(messages.INCIDENT_WITHDRAWN_DONE)
        return 0
    if args.export:
        return _export(plan, args.export, now)
    tz = zone(plan.tz)
    kinds = dict(KIND_CHOICES)
    entries = incident_list(plan)
    numbers = {incident.pk: incident.number for incident in entries}
    rows: list[dict[str, Any]] = []
    for incident in entries:
        rows.append(
            {
                "id": incident.public_id,
                "entry": incident.number,
                "at": incident.at.astimezone(tz).isoformat(),
                "kind": incident.kind,
                "channel": incident.channel,
                "details": incident.details,
                "entered_at": incident.created_at.astimezone(tz).isoformat(),
                "action": incident.action,
                "refers_to": numbers.get(incident.refers_to_id or 0),
                "status": status(incident),
            }
        )
    if args.json:
        print(json.dumps({"entries": rows}, ensure_ascii=False))
        return 0
    if not rows:
        print("Nothing recorded yet.")
    for row in rows:
        label = f"#{row['entry']}  {row['at'][:16].replace('T', ' ')}  {kinds.get(row['kind'], row['kind'])} · "
        if row["action"] == "withdraw":
            print(f"#{row['entry']}  withdraws #{row['refers_to']}  (id {row['id']})")
            continue
        note = {"corrected": "  [corrected later]", "withdrawn": "  [withdrawn]"}.get(row["status"], "")
        fixes = f"  (corrects #{row['refers_to']})" if row["action"] == "correct" else ""
        print(f"{label}{row['channel']}{fixes}{note}  (id {row['id']})")
        if row["details"]:
            print("    " + row["details"].replace("\n", "\n    "))
    return 0
