"""`nocontact check-message`: one draft from standard input, or one JSON object per line with --jsonl."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Collection
from typing import Any

from nocontact import messages
from nocontact.cli import textin
from nocontact.domain.checker import CheckResult, check_message
from nocontact.domain.checker.check import NOTHING_LEFT
from nocontact.domain.checker.classify import engine
from nocontact.domain.checker.topics import BUILT_IN_TOPICS

MAX_LINE = 20_000


def _as_dict(result: CheckResult) -> dict[str, Any]:
    return {
        "verdict": result.verdict,
        "flags": [{"kind": f.kind, "excerpt": f.excerpt, "why": f.why} for f in result.flags],
        "suggestion": result.suggestion,
    }


def _topics(text: str | None) -> list[str] | None:
    if not text:
        return None
    return [t.strip().lower() for t in text.split(",") if t.strip()]


def _print_human(result: CheckResult) -> None:
    print(f"{result.verdict}: {messages.CHECK_OK if result.verdict == 'ok' else messages.CHECK_REVIEW}")
    for flag in result.flags:
        print(f"  - {flag.kind}: “{flag.excerpt}”\n    {flag.why}")
    if result.verdict == "review":
        print(f"Suggested: {result.suggestion}" if result.suggestion else NOTHING_LEFT)


def say_if_rules_only() -> None:
    """On standard error, so that JSON on standard output stays exact: the model is not in use."""
    if engine() == "rules":
        print(messages.CHECKER_RULES_ONLY, file=sys.stderr)


class _NotANumber:
    """NaN or Infinity on a line: json.loads accepts them, JSON has no such numbers, so no field takes them."""


def _load(line: str) -> Any:
    try:
        return json.loads(line, parse_constant=lambda _name: _NotANumber())
    except RecursionError:
        raise ValueError(messages.CHECK_JSONL_TOO_DEEP) from None


def _valid_id(ident: Any) -> bool:
    return ident is None or isinstance(ident, str) or (isinstance(ident, int) and not isinstance(ident, bool))


def _line_topics(topics: Any, known: Collection[str]) -> list[str]:
    """A line's own topics: an empty list means none ticked, so every topic is fine."""
    if not isinstance(topics, list) or not all(isinstance(t, str) for t in topics):
        raise ValueError(messages.CHECK_JSONL_BAD_TOPICS)
    named = [t.strip().lower() for t in topics if t.strip()]
    for topic in named:
        if topic not in known:
            raise ValueError(messages.CHECK_JSONL_UNKNOWN_TOPIC.format(topic=topic, choices=", ".join(known)))
    return named


def run(args: argparse.Namespace, checker: Any, known_topics: Collection[str] = BUILT_IN_TOPICS) -> int:
    """``checker(text, topics)`` returns a CheckResult; it knows the plan, if one was named. ``topics`` is None
    for the default (the plan's, or every topic), or the topics named; an empty list means every topic is fine.
    ``known_topics`` are the names a line may give (the plan's own topics too)."""
    default_topics = _topics(args.topics)
    unknown = [t for t in default_topics or [] if t not in BUILT_IN_TOPICS]
    if unknown and not args.plan:
        raise ValueError(f"unknown topic {unknown[0]!r}; built in: {', '.join(BUILT_IN_TOPICS)}")
    if not args.jsonl:
        text = textin.read_text(MAX_LINE)
        if not text.strip():
            raise ValueError(messages.CHECK_EMPTY)
        if len(text) > MAX_LINE:  # refused, never cut: a cut draft could lose the line that matters
            raise ValueError(messages.CHECK_TOO_LONG.format(max=MAX_LINE))
        result = checker(text, default_topics)
        say_if_rules_only()
        if args.json:
            print(json.dumps(_as_dict(result), ensure_ascii=False))
        else:
            _print_human(result)
        return 0
    say_if_rules_only()
    out = sys.stdout
    for number, read in textin.lines():
        if read is None:
            out.write(json.dumps({"id": None, "error": f"line {number}: {messages.STDIN_NOT_UTF8}"}) + "\n")
            continue
        if not read.strip():
            continue
        ident: Any = None  # echoed only once it is known to be a string or an integer
        try:
            item = _load(read)
            if not isinstance(item, dict):
                raise ValueError("each line should be a JSON object")
            if not _valid_id(item.get("id")):
                raise ValueError(messages.CHECK_JSONL_BAD_ID)
            ident = item.get("id")
            draft = item.get("text")
            if not isinstance(draft, str) or not draft.strip():
                raise ValueError("“text” should be a non-empty string")
            if len(draft) > MAX_LINE:
                raise ValueError(messages.CHECK_JSONL_TOO_LONG.format(max=MAX_LINE))
            topics = item.get("topics")
            topics = default_topics if topics is None else _line_topics(topics, known_topics)
            row = {"id": ident, **_as_dict(checker(draft, topics))}
        except ValueError as exc:  # json.JSONDecodeError is one
            row = {"id": ident, "error": f"line {number}: {exc}"}
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
    out.flush()
    return 0


def plain_checker(text: str, topics: list[str] | None) -> CheckResult:
    return check_message(text, topics=topics or None)  # none named, or none ticked: every topic is fine
