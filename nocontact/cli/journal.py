"""`nocontact journal ...` and `nocontact mood ...`."""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from nocontact import messages
from nocontact.cli import textin
from nocontact.cli.errors import CliError


def _private_scratch_dir() -> str | None:
    """A folder in memory, not on disk, for the editor's file (Linux: the user's runtime dir or /dev/shm)."""
    for candidate in (os.environ.get("XDG_RUNTIME_DIR"), "/dev/shm"):  # noqa: S108
        if candidate and os.path.isdir(candidate) and os.access(candidate, os.W_OK):
            return candidate
    return None


def _from_editor(header: str) -> str:
    """Let the person write in $EDITOR. The file lives in memory where possible, is 0600, and is
    overwritten and removed afterwards; docs/privacy-and-security.md says what editors may keep."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    fd, name = tempfile.mkstemp(prefix="nocontact-", suffix=".md", dir=_private_scratch_dir())
    path = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(header)
        subprocess.run([*shlex.split(editor), str(path)], check=False)
        text = path.read_text(encoding="utf-8")
    finally:
        try:
            size = path.stat().st_size
            with path.open("r+b") as handle:
                handle.write(b"\0" * size)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError:
            pass
        path.unlink(missing_ok=True)
    return "\n".join(line for line in text.splitlines() if not line.startswith("#")).strip()


def _entry_dict(entry: Any, today: Any) -> dict[str, Any]:
    from nocontact.journal import selectors

    sealed = selectors.is_sealed(entry, today=today)
    return {
        "id": entry.public_id,
        "date": entry.entry_date.isoformat(),
        "sealed_until": entry.sealed_until.isoformat() if entry.sealed_until else None,
        "sealed": sealed,
        "text": None if sealed else entry.text,
        "tags": None if sealed else entry.tags,
        "mood": entry.mood,
        "prompt": entry.prompt,
    }


def _print_entries(entries: list[Any], today: Any, *, as_json: bool) -> None:
    rows = [_entry_dict(e, today) for e in entries]
    if as_json:
        print(json.dumps({"entries": rows}, ensure_ascii=False))
        return
    for row in rows:
        if row["sealed"]:
            print(f"{row['date']}  (a letter to yourself, sealed until {row['sealed_until']})")
            continue
        first = (row["text"] or "").strip().splitlines()[0] if row["text"] else ""
        tags = "  " + " ".join(f"#{t}" for t in row["tags"]) if row["tags"] else ""
        print(f"{row['date']}  {first[:80]}{tags}")


def journal(user: Any, args: argparse.Namespace, now: Any) -> int:
    from nocontact.domain.days import zone
    from nocontact.domain.prompts import suggest_prompt
    from nocontact.journal import selectors, services
    from nocontact.journal.prompts import PROMPTS

    today = selectors.user_today(user, now=now)
    if args.journal_command == "add":
        prompt = ""
        header = ""
        if args.prompt:
            prompt = suggest_prompt(local_now=now.astimezone(zone(user.time_zone)))
            title, body = PROMPTS[prompt]
            header = f"# {title}\n# {body}\n# (Lines starting with # are left out.)\n\n"
            if not sys.stdin.isatty():
                print(f"{title}: {body}", file=sys.stderr)
        if sys.stdin.isatty():
            text = _from_editor(header)
        else:
            text = textin.read_text(services.TEXT_MAX)
        entry = services.entry_create(user=user, text=text, today=today, tags=args.tag or [], prompt=prompt)
        print(f"Saved your entry for {entry.entry_date:%A %-d %B}. {messages.JOURNAL_SAVED.split('. ', 1)[1]}")
        return 0
    if args.journal_command == "list":
        _print_entries(selectors.entry_list(user), today, as_json=args.json)
        return 0
    if args.journal_command == "search":
        _print_entries(selectors.entry_search(user, " ".join(args.words), today=today), today, as_json=args.json)
        return 0
    raise CliError(f"unknown journal command {args.journal_command}")


def mood(user: Any, args: argparse.Namespace, now: Any) -> int:
    from nocontact.domain.feelings import BadFeeling, parse_feeling
    from nocontact.journal import services

    feelings = []
    for text in args.feelings:
        try:
            feelings.append(parse_feeling(text))
        except BadFeeling:
            raise CliError(messages.MOOD_BAD_FEELING.format(text=text)) from None
    services.checkin_create(user=user, feelings=feelings, note=args.note, at=now)
    print(messages.MOOD_SAVED + " " + ", ".join(f"{f.label} {f.intensity}/5" for f in feelings) + ".")
    return 0
