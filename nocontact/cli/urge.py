"""`nocontact urge` (the pause, in a terminal) and `nocontact urges` (what the pauses say over time)."""

from __future__ import annotations

import argparse
import json
import secrets
from typing import Any

from nocontact import messages
from nocontact.cli.errors import CliError
from nocontact.cli.urge_terminal import Leave, Terminal, is_live, wait, wait_seconds
from nocontact.domain.answers import FEELING_FORMS, OUTCOME_FORMS, TRIGGER_FORMS, choices_for
from nocontact.domain.urges import OUTCOMES, TRIGGERS, URGE_FEELINGS

EXIT_LEFT = 2  # the input ended before the pause did: nothing saved, as with any incomplete command


def urge(user: Any, args: argparse.Namespace, now: Any) -> int:
    from django.utils import timezone

    from nocontact.plans import selectors as plan_selectors
    from nocontact.plans.selectors import plan_streak
    from nocontact.urges import services
    from nocontact.urges.forms import FEELING_LABELS, OUTCOME_LABELS, TRIGGER_LABELS

    plans = plan_selectors.plan_list(user)
    plan = plan_selectors.plan_get_by_name(user, args.name) if args.name else (plans[0] if plans else None)
    started = timezone.now()
    term = Terminal()
    try:
        term.say("Let's take a pause together. Every question can be skipped with Enter.")
        before = term.ask_strength("How strong is the urge, 0 to 10?")
        feeling, words = term.ask_choice(
            "What are you feeling?", choices_for(URGE_FEELINGS, FEELING_LABELS, FEELING_FORMS), own_words=True
        )
        if not feeling and not words:
            words = term.ask("In your own words, if you like:")
        trigger, _ = term.ask_choice(
            "What would contact give you right now?", choices_for(TRIGGERS, TRIGGER_LABELS, TRIGGER_FORMS)
        )
        if trigger == "practical" and plan is not None and plan.mode == "minimal":
            term.say(
                "A practical matter: check your draft first with `nocontact check-message --plan "
                f"{json.dumps(plan.name)}`."
            )
        term.say("Write what you want to send. It stays here. End with an empty line.")
        unsent_lines = []
        while line := term.line():
            if not line.strip():
                break
            unsent_lines.append(line)
        if plan is not None:
            if plan.reason:
                term.say(f"Your reason: {plan.reason}")
            streak = plan_streak(plan, as_of=now).current_streak_days
            term.say(f"{streak} day{'s' if streak != 1 else ''} of no contact so far.")
        if args.wait:
            wait(wait_seconds(args.wait), out=term.out, live=is_live(term.out))
        after = term.ask_strength("How strong is it now, 0 to 10?")
        outcomes = choices_for(OUTCOMES, OUTCOME_LABELS, OUTCOME_FORMS)
        outcome, _ = term.ask_choice("How did it end?", outcomes)
        while not outcome and term.inp.isatty():
            term.say("  " + messages.URGE_NEEDS_OUTCOME)
            outcome, _ = term.ask_choice("How did it end?", outcomes)
    except Leave as left:
        term.say(str(left))
        return 130 if left.interrupted else EXIT_LEFT
    except KeyboardInterrupt:  # between two questions
        term.say()
        term.say(str(Leave(interrupted=True)))
        return 130
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
        strength_before=before,
        strength_after=after,
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
