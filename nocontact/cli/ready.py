"""`nocontact ready NAME`: the readiness check in a terminal. Questions on stderr, answers from stdin."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import Any

from nocontact import messages
from nocontact.cli.errors import CliError
from nocontact.domain import readiness

EXIT_NOT_OFFERED = 2
_SUGGESTIONS = {
    "go_slowly": "There is a practical reason for some contact. Going slowly, with clear boundaries, can keep it "
    "small and manageable.",
    "not_yet": "It may be too soon. Giving it more time is a kindness to yourself, not a step back.",
    "stay": "Nothing in your answers calls for contact. Staying in no contact is a complete answer.",
}
_STEPS = (
    ("not_yet", "Not yet: extend my goal and check again when I reach it"),
    ("go_slowly", "Go slowly: switch to minimal contact, with boundaries"),
    ("stay", "Stay in no contact"),
)


def _say(text: str = "") -> None:
    print(text, file=sys.stderr, flush=True)


def _line() -> str:
    line = sys.stdin.readline()
    if not line:
        raise CliError(messages.READINESS_ANSWER_ALL + " Nothing was saved.")
    return line.strip()


def _choose(options: tuple[tuple[str, str], ...], *, optional: bool = False) -> str:
    """A number or the value itself; again until it is one of them."""
    for i, (_, label) in enumerate(options, 1):
        _say(f"  {i}. {label}")
    while True:
        print("> ", end="", file=sys.stderr, flush=True)
        answer = _line() if not optional else (sys.stdin.readline() or "").strip()
        if optional and not answer:
            return ""
        values = [value for value, _ in options]
        if answer.isdigit() and 1 <= int(answer) <= len(options):
            return values[int(answer) - 1]
        if answer in values:
            return answer
        _say(f"  (Type a number from 1 to {len(options)}.)")


def ready(user: Any, args: argparse.Namespace, now: datetime) -> int:
    from nocontact.errors import ServiceError
    from nocontact.plans import selectors
    from nocontact.readiness import services

    plan = selectors.plan_get_by_name(user, args.name)
    try:
        services.require_available(plan, now)
    except ServiceError as exc:
        _say(exc.message)
        return EXIT_NOT_OFFERED
    _say("A few honest questions, for you alone. There are no right answers, and the choice stays yours.")
    answers: dict[str, str] = {}
    for question in readiness.QUESTIONS:
        _say()
        _say(question.text)
        if question.free_text:
            _say("  (In your own words; press Enter to leave it empty.)")
            print("> ", end="", file=sys.stderr, flush=True)
            answers[question.key] = (sys.stdin.readline() or "").strip()
        else:
            answers[question.key] = _choose(question.options)
    check = services.check_take(plan=plan, answers=answers, now=now)
    _say()
    print(_SUGGESTIONS[check.suggested])
    tender = readiness.suggest(check.answers).tender
    if tender:
        print("Worth holding gently: " + "; ".join(q.text for q in readiness.QUESTIONS if q.key in tender))
    _say()
    _say("This is a suggestion, not a verdict. Your next step (Enter to decide later):")
    step = _choose(_STEPS, optional=True)
    if not step:
        print("Your answers are saved. You can decide later, on the web page or by running this again.")
        return 0
    extend = None
    if step == "not_yet":
        _say("How many more days? (Enter for 30)")
        print("> ", end="", file=sys.stderr, flush=True)
        raw = (sys.stdin.readline() or "").strip() or "30"
        if not raw.isdigit():
            raise CliError(messages.READINESS_EXTEND_RANGE.format(max=services.EXTEND_MAX))
        extend = int(raw)
    plan = services.check_choose(check=check, outcome=step, now=now, extend_days=extend)
    plan.refresh_from_db(fields=["goal_days", "mode"])
    if step == "not_yet":
        print(messages.READINESS_EXTENDED.format(goal=plan.goal_days))
    elif step == "go_slowly":
        print(messages.READINESS_MINIMAL)
    else:
        print(messages.READINESS_STAY)
    return 0
