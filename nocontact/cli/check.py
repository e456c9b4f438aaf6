"""`nocontact check-message`: one draft from standard input, or one JSON object per line with --jsonl."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from nocontact import messages
from nocontact.cli import textin
from nocontact.domain.checker import CheckResult, check_message
from nocontact.domain.checker.check import NOTHING_LEFT
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


def run(args: argparse.Namespace, checker: Any) -> int:
    """``checker(text, topics)`` returns a CheckResult; it knows the plan, if one was named."""
    default_topics = _topics(args.topics)
    unknown = [t for t in default_topics or [] if t not in BUILT_IN_TOPICS]
    if unknown and not args.plan:
        raise ValueError(f"unknown topic {unknown[0]!r}; built in: {', '.join(BUILT_IN_TOPICS)}")
    if not args.jsonl:
        text = textin.read_text(MAX_LINE)
        if not text.strip():
            raise ValueError(messages.CHECK_EMPTY)
        result = checker(text[:MAX_LINE], default_topics)
        if args.json:
            print(json.dumps(_as_dict(result), ensure_ascii=False))
        else:
            _print_human(result)
        return 0
    out = sys.stdout
    for number, read in textin.lines():
        ident: Any = None
        if read is None:
            out.write(json.dumps({"id": None, "error": f"line {number}: {messages.STDIN_NOT_UTF8}"}) + "\n")
            continue
        line = read
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            if not isinstance(item, dict):
                raise ValueError("each line should be a JSON object")
            ident = item.get("id")
            draft = item.get("text")
            if not isinstance(draft, str) or not draft.strip():
                raise ValueError("“text” should be a non-empty string")
            if len(draft) > MAX_LINE:
                raise ValueError(f"“text” is longer than {MAX_LINE} characters")
            topics = item.get("topics", default_topics)
            if topics is not None and (
                not isinstance(topics, list) or not all(isinstance(t, str) and t in BUILT_IN_TOPICS for t in topics)
            ):
                raise ValueError("“topics” should be a list of: " + ", ".join(BUILT_IN_TOPICS))
            row = {"id": ident, **_as_dict(checker(draft, topics))}
        except (ValueError, json.JSONDecodeError) as exc:
            row = {"id": ident, "error": f"line {number}: {exc}"}
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
    out.flush()
    return 0


def plain_checker(text: str, topics: list[str] | None) -> CheckResult:
    return check_message(text, topics=topics)
