"""`nocontact urge` (the pause, in a terminal) and `nocontact urges` (what the pauses say over time)."""

from __future__ import annotations

import argparse
import json
import secrets
import sys
import time
from typing import Any

from nocontact import messages
from nocontact.cli.errors import CliError
from nocontact.domain.urges import OUTCOMES, TRIGGERS, URGE_FEELINGS


def _ask(prompt: str, *, choices: tuple[str, ...] = (), number: bool = False) -> str:
    """One answer. Empty skips. Reads standard input, so it can be answered by a script too."""
    hint = f" [{'/'.join(choices)}]" if choices else ""
    while True:
        print(f"{prompt}{hint} ", end="", file=sys.stderr, flush=True)
        line = sys.stdin.readline()
        if not line:
            return ""
        answer = line.strip()
        if not answer or (not choices and not number):
            return answer
        if number and answer.isdigit() and 0 <= int(answer) <= 10:
            return answer
        if choices and answer in choices:
            return answer
        print("  (Press Enter to skip, or choose one of the listed answers.)", file=sys.stderr)


def urge(user: Any, args: argparse.Namespace, now: Any) -> int:
    from django.utils import timezone

    from nocontact.plans import selectors as plan_selectors
    from nocontact.plans.selectors import plan_streak
    from nocontact.urges import services

    plans = plan_selectors.plan_list(user)
    plan = plan_selectors.plan_get_by_name(user, args.name) if args.name else (plans[0] if plans else None)
    started = timezone.now()
    print("Let's take a pause together. Every question can be skipped with Enter.", file=sys.stderr)
    before = _ask("How strong is the urge, 0 to 10?", number=True)
    feeling = _ask("What are you feeling?", choices=URGE_FEELINGS)
    words = "" if feeling else _ask("In your own words, if you like:")
    trigger = _ask("What would contact give you right now?", choices=TRIGGERS)
    if trigger == "practical" and plan is not None and plan.mode == "minimal":
        print(
            "A practical matter: check your draft first with `nocontact check-message --plan "
            f"{json.dumps(plan.name)}`.",
            file=sys.stderr,
        )
    print("Write what you want to send. It stays here. End with an empty line.", file=sys.stderr)
    unsent_lines = []
    for line in sys.stdin:
        if not line.strip():
            break
        unsent_lines.append(line.rstrip("\n"))
    if plan is not None:
        if plan.reason:
            print(f"Your reason: {plan.reason}", file=sys.stderr)
        streak = plan_streak(plan, as_of=now).current_streak_days
        print(f"{streak} day{'s' if streak != 1 else ''} of no contact so far.", file=sys.stderr)
    if args.wait:
        print(f"Now wait {args.wait} minute(s). Breathe in for four, hold for four, out for six.", file=sys.stderr)
        try:
            time.sleep(args.wait * 60)
        except KeyboardInterrupt:
            print("", file=sys.stderr)
    after = _ask("How strong is it now, 0 to 10?", number=True)
    outcome = _ask("How did it end?", choices=OUTCOMES)
    while not outcome and sys.stdin.isatty():
        print("  " + messages.URGE_NEEDS_OUTCOME, file=sys.stderr)
        outcome = _ask("How did it end?", choices=OUTCOMES)
    if not outcome:
        raise CliError(messages.URGE_NEEDS_OUTCOME)
    ended = timezone.now()
    services.urge_record(
        user=user,
        key=secrets.token_hex(16),
        plan=plan,
        started_at=started,
        ended_at=ended,
        outcome=outcome,
        strength_before=int(before) if before else None,
        strength_after=int(after) if after else None,
        feeling=feeling,
        feeling_words=words,
        trigger=trigger,
        unsent="\n".join(unsent_lines),
        helped=["timer"] if args.wait else [],
        now=ended,
    )
    print(messages.URGE_CONTACTED if outcome == "contacted" else messages.URGE_SAVED)
    return 0


def urges(user: Any, args: argparse.Namespace, now: Any) -> int:
    from nocontact.urges.selectors import urge_insights

    report = urge_insights(user, now=now)
    data = {
        "total": report.total,
        "passed_share": report.passed_share,
        "avg_strength_before": report.avg_before,
        "avg_strength_after": report.avg_after,
        "helped_most": [{"what": w, "times": n} for w, n in report.helped_most],
        "weeks": [
            {
                "week_start": w.week_start.isoformat(),
                "urges": w.count,
                "avg_before": w.avg_before,
                "avg_after": w.avg_after,
                "passed": w.passed,
            }
            for w in report.weeks
        ],
    }
    if args.json:
        print(json.dumps(data, ensure_ascii=False))
        return 0
    if not report.total:
        print("No pauses yet. When the urge comes: nocontact urge")
        return 0
    share = f"{round((report.passed_share or 0) * 100)}%"
    print(
        f"{report.total} pause(s). The urge passed in {share} of them; on average {report.avg_before} "
        f"out of 10 before and {report.avg_after} after."
    )
    for w in report.weeks:
        print(f"  week of {w.week_start:%d %b}: {'#' * w.count} {w.count}")
    return 0
