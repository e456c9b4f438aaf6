"""What each `nocontact` command does. All writes go through the same services as the web app."""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import datetime
from typing import Any

from nocontact import config, messages
from nocontact.cli.errors import CliError
from nocontact.cli.setup import django_setup, local_username, migrate, system_zone
from nocontact.domain.days import BadDateTime, BadTimeZone, DateOutOfRange, check_as_of, parse_datetime, zone


def run(args: argparse.Namespace) -> int:
    if args.command == "serve":
        from nocontact.cli.serve import serve

        return serve(host=args.host, port=args.port, threads=args.threads, worker=not args.no_worker)
    if args.command == "worker":
        from nocontact.cli.serve import worker

        return worker(batch=args.batch)
    if args.command == "check-message" and not args.plan:
        # No plan, no database: the checker is plain Python and answers at once.
        from nocontact.cli import check

        try:
            return check.run(args, check.plain_checker)
        except ValueError as exc:
            raise CliError(str(exc)) from None
    if args.command == "read-message" and not args.plan:  # the same: no plan, no database
        from nocontact.cli import read_message

        return read_message.run(args)
    if args.command == "verify-export":  # only the file and the server's key: no database
        from nocontact.cli import verify_export

        return verify_export.run(args)
    if args.command == "rotate-key" and args.generate:
        from nocontact.crypto import generate_master_key

        print(generate_master_key())
        return 0
    try:
        django_setup(full=args.command == "migrate")
    except config.ConfigError as exc:
        raise CliError(str(exc)) from None
    migrate()
    if args.command == "migrate":
        return 0
    from nocontact.errors import ServiceError

    if args.command == "rotate-key":
        from nocontact.accounts.keys import rotate_master_key

        try:
            done = rotate_master_key()
        except ServiceError as exc:
            raise CliError(exc.message) from None
        print(
            messages.CLI_ROTATED.format(new=done.new_key_id, count=done.rewrapped, old=", ".join(done.retired_key_ids))
        )
        return 0

    user = resolve_user(getattr(args, "user", None) or os.environ.get("NOCONTACT_USER"))
    try:
        if args.command == "plan" and args.plan_command == "add":
            return plan_add(user, args)
        if args.command == "plan" and args.plan_command == "list":
            return plan_list(user, as_json=args.json)
        if args.command == "log":
            return log(user, args)
        if args.command == "status":
            return status(user, args)
        if args.command == "export":
            return export(user)
        if args.command == "check-message":
            return check_with_plan(user, args)
        if args.command == "read-message":
            return read_with_plan(user, args)
        if args.command in ("urge", "urges"):
            from nocontact.cli import urge

            exit_code: int = getattr(urge, args.command)(user, args, _now())
            return exit_code
        if args.command == "import":
            from nocontact.cli import import_

            imported: int = import_.run(user, args, _now(), system_zone=system_zone())
            return imported
        if args.command == "safety-log":
            from nocontact.cli import safety_log

            logged: int = safety_log.run(user, args, _now(), moment=_moment)
            return logged
        if args.command == "ready":
            from nocontact.cli import ready

            answered: int = ready.ready(user, args, _now())
            return answered
        if args.command in ("journal", "mood"):
            from nocontact.cli import journal

            result: int = getattr(journal, args.command)(user, args, _now())
            return result
    except ServiceError as exc:
        raise CliError(exc.message) from None
    raise CliError(f"unknown command {args.command}")


def resolve_user(name: str | None) -> Any:
    from nocontact.accounts.models import User
    from nocontact.accounts.services import user_create

    if name:
        user = User.objects.filter(username__iexact=name).first()
        if user is None:
            raise CliError(messages.CLI_NO_SUCH_USER.format(name=name))
        return user
    users = list(User.objects.order_by("pk")[:2])
    if len(users) > 1:
        raise CliError(messages.CLI_WHICH_USER)
    if users:
        return users[0]
    user = user_create(username=local_username(), password=None)
    print(messages.CLI_LOCAL_USER_CREATED.format(name=user.username), file=sys.stderr)
    return user


def _moment(text: str, tz_name: str) -> datetime:
    """A date-time typed on the command line, from 1900 on."""
    try:
        moment = parse_datetime(text, zone(tz_name))
    except DateOutOfRange:
        raise CliError(messages.DATETIME_OUT_OF_RANGE) from None
    except BadDateTime:
        raise CliError(messages.BAD_DATETIME.format(text=text)) from None
    return moment


def _say_clock_change(text: str | None, tz_name: str) -> None:
    """After saving: a wall-clock time the clocks skipped or showed twice says which instant it became."""
    from nocontact.plans.clock import clock_notice

    notice = clock_notice(text or "", tz_name)
    if notice:
        print(notice, file=sys.stderr)


def _as_of(text: str, tz_name: str) -> datetime:
    try:
        return check_as_of(parse_datetime(text, zone(tz_name)), now=_now())
    except DateOutOfRange:
        raise CliError(messages.AS_OF_OUT_OF_RANGE) from None
    except BadDateTime:
        raise CliError(messages.BAD_DATETIME.format(text=text)) from None


def _tz(name: str) -> str:
    try:
        return zone(name).key
    except BadTimeZone:
        raise CliError(messages.PLAN_BAD_TZ.format(tz=name)) from None


def _now() -> datetime:
    from django.utils import timezone

    return timezone.now()


def plan_add(user: Any, args: argparse.Namespace) -> int:
    from nocontact.plans import services

    tz = _tz(args.tz) if args.tz else system_zone()
    plan = services.plan_create(
        user=user,
        name=args.name,
        started_at=_moment(args.since, tz),
        tz=tz,
        goal_days=args.goal_days,
        mode=args.mode,
        count_indirect=args.count_indirect,
        reason=args.reason,
        now=_now(),
    )
    _say_clock_change(args.since, tz)
    print(f"Started “{plan.name}”, counting from {plan.started_at.astimezone(zone(tz)):%Y-%m-%d %H:%M} ({tz}).")
    return 0


def _plan_dict(plan: Any) -> dict[str, Any]:
    return {
        "id": plan.public_id,
        "name": plan.name,
        "mode": plan.mode,
        "since": plan.started_at.astimezone(zone(plan.tz)).isoformat(),
        "goal_days": plan.goal_days,
        "tz": plan.tz,
        "count_indirect": plan.count_indirect,
    }


def plan_list(user: Any, *, as_json: bool) -> int:
    from nocontact.plans import selectors

    plans = [_plan_dict(p) for p in selectors.plan_list(user)]
    if as_json:
        print(json.dumps({"plans": plans}, ensure_ascii=False))
        return 0
    if not plans:
        print(messages.PLAN_NONE)
    for p in plans:
        since = p["since"][:16].replace("T", " ")
        print(f"{p['name']}  ({p['mode']}, since {since} {p['tz']}, goal {p['goal_days']} days)")
    return 0


def log(user: Any, args: argparse.Namespace) -> int:
    from nocontact.plans import selectors, services

    plan = selectors.plan_get_by_name(user, args.name)
    now = _now()
    contact = services.contact_log(
        plan=plan,
        at=_moment(args.at, plan.tz) if args.at else now,
        channel=args.channel,
        direction=args.direction,
        permitted=args.permitted,
        strayed=args.strayed,
        note=args.note,
        now=now,
    )
    _say_clock_change(args.at, plan.tz)
    print(services.contact_logged_message(contact))
    return 0


def status(user: Any, args: argparse.Namespace) -> int:
    from nocontact.plans import selectors
    from nocontact.plans.status import status_fields

    plans = [selectors.plan_get_by_name(user, args.name)] if args.name else list(selectors.plan_list(user))
    rows: list[dict[str, Any]] = []
    now = _now()
    for plan in plans:
        as_of = _as_of(args.as_of, plan.tz) if args.as_of else now
        rows.append(status_fields(plan, selectors.plan_figures(plan, as_of=as_of)))
    if args.json:
        print(json.dumps({"plans": rows}, ensure_ascii=False))
        return 0
    if not rows:
        print(messages.PLAN_NONE)
    for r in rows:
        days = r["current_streak_days"]
        goal = (
            f"goal of {r['goal_days']} days reached"
            if r["goal_reached"]
            else f"{r['goal_days'] - days} to your goal of {r['goal_days']}"
        )
        print(
            f"{r['name']}: {days} day{'s' if days != 1 else ''} of no contact. "
            f"Longest run {r['longest_streak_days']}, clean days in all {r['clean_days_total']}, "
            f"times you came back {r['slips']}. Next milestone {r['next_milestone_days']} days; {goal}."
        )
    return 0


def export(user: Any) -> int:
    from nocontact.registry import user_export

    json.dump(user_export(user, now=_now()), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def check_with_plan(user: Any, args: argparse.Namespace) -> int:
    from nocontact.boundaries.selectors import domain_boundaries
    from nocontact.boundaries.services import TOPICS, check_draft
    from nocontact.cli import check
    from nocontact.plans import selectors

    plan = selectors.plan_get_by_name(user, args.plan)
    now = _now()
    every = [*TOPICS, *domain_boundaries(plan).own_topics]

    def checker(text: str, topics: list[str] | None) -> Any:
        # None: the plan's topics. An empty list: none ticked, so every topic is fine, the plan's own ones too.
        return check_draft(text=text, plan=plan, topics=every if topics == [] else topics, now=now)

    try:
        return check.run(args, checker, known_topics=every)
    except ValueError as exc:
        raise CliError(str(exc)) from None


def read_with_plan(user: Any, args: argparse.Namespace) -> int:
    from nocontact.cli import read_message
    from nocontact.plans import selectors

    selectors.plan_get_by_name(user, args.plan)  # only that it exists: reading needs nothing else of it
    return read_message.run(args)
