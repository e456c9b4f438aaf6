"""`nocontact import FILE --person NAME ...`: chat and call history into a plan's log."""

from __future__ import annotations

import argparse
import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from nocontact import messages
from nocontact.cli.errors import CliError
from nocontact.errors import ServiceError


def run(user: Any, args: argparse.Namespace, now: datetime, *, system_zone: str) -> int:
    from nocontact.imports import services
    from nocontact.plans.models import Plan

    path = Path(args.file)
    if not path.is_file():
        raise CliError(f"there is no file at {args.file}")
    if not os.access(path, os.R_OK):
        raise CliError(f"{args.file} can't be read")
    plan = Plan.objects.filter(user=user, name__iexact=" ".join(args.person.split())).first()
    tz = args.tz or (plan.tz if plan is not None else system_zone)
    try:
        analysis = services.analyse(
            name=path.name,
            opener=lambda: path.open("rb"),
            person=args.person,
            tz_name=tz,
            fmt=args.format,
            me=args.me,
            date_order=args.date_order,
            group_counts=args.group_counts,
            answered_within_hours=args.answered_within,
        )
    except ServiceError as exc:  # the command line's own words for the choice that answers it
        raise CliError(f"{exc.message} {messages.IMPORT_ANSWER_CLI.get(exc.code, '')}".strip()) from None
    imported = already = 0
    plan_name = plan.name if plan is not None else args.person
    if not args.dry_run:
        batch, plan = services.import_into(user=user, plan_name=plan_name, analysis=analysis, now=now)
        imported, already = batch.added, int(batch.summary.get("already_logged", 0))
    elif plan is not None:
        already = services.already_logged(plan=plan, entries=analysis.entries())
    result = services.report(analysis, imported=imported, already_logged=already)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return 0
    print(
        f"{result['format']}: {result['messages_total']} messages in the file. With {result['person']}: "
        f"{result['sent']} sent, {result['received']} received; calls {result['calls_outgoing']} out, "
        f"{result['calls_incoming']} in, {result['calls_missed']} missed."
    )
    if result["last_contact"]:
        print(f"First contact {result['first_contact']}, last {result['last_contact']}.")
    print(
        f"{result['conversations']} of their messages you answered within {args.answered_within} hours: "
        "logged as conversations (both ways)."
    )
    if result["already_logged"]:
        print(f"{result['already_logged']} of these you had already logged yourself; they are not added again.")
    if result["skipped"]:
        where = ", ".join(result["skipped_rows"]) + (", …" if result["skipped"] > len(result["skipped_rows"]) else "")
        print(messages.IMPORT_SKIPPED.format(count=result["skipped"], where=where))
    if args.dry_run:
        if plan is not None:
            before, after, fresh = services.figures_after(plan=plan, entries=analysis.entries(), now=now)
            print(
                f"Into “{plan.name}” this would add {fresh} new entries: current run {before.current_streak_days} → "
                f"{after.current_streak_days} days, times you came back {before.slips} → {after.slips}."
            )
        print("Nothing was written (--dry-run).")
    else:
        print(f"Imported {imported} new entries into “{plan_name}”. Undo it on the plan's page if you need to.")
    return 0
