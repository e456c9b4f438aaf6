"""Gather a parser's records compactly, per person and chat, so memory grows by bytes per message, not by
the size of the file; then decide who is who and what was contact between the user and the person."""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from nocontact.domain.imports.guard import Guard
from nocontact.domain.imports.records import ImportFailed, Record

# Kinds, one byte per record. A message of theirs becomes MESSAGE_ANSWERED once matching finds the user's
# reply to it (summary.match): the kind travels with the log, also out of the reading process.
MESSAGE, CALL_ANSWERED, CALL_UNANSWERED, MESSAGE_ANSWERED = 0, 1, 2, 3


@dataclass
class Log:
    """Everything one name (or number) did in one chat, in the file's order."""

    who: str
    chat: str
    mine: bool | None
    number: str = ""
    at: array[int] = field(default_factory=lambda: array("q"))
    kind: array[int] = field(default_factory=lambda: array("b"))
    seconds: array[int] = field(default_factory=lambda: array("i"))


@dataclass
class Collected:
    format: str
    logs: dict[tuple[str, str, bool | None], Log]
    messages_total: int
    chats: dict[str, set[str]]  # chat -> names that wrote in it
    me_hint: str = ""
    skipped: int = 0  # rows left out: a time or a call length that can't be real
    skipped_where: list[str] = field(default_factory=list)
    groups: set[str] = field(default_factory=set)  # chats the file says are groups (someone created them)


def collect(
    fmt: str,
    records: Iterable[Record],
    *,
    me_hint: str = "",
    members: dict[str, list[str]] | None = None,
    guard: Guard | None = None,
) -> Collected:
    """``members``: a chat's participants when the file lists them (some may never write). ``guard``: the
    limits on names, and the rows the parser skipped."""
    guard = guard or Guard()
    most, longest = guard.limits.names, guard.limits.name_length
    logs: dict[tuple[str, str, bool | None], Log] = {}
    chats: dict[str, set[str]] = {}
    # Per log, its three appends, looked up once: this loop runs once per message.
    appends: dict[tuple[str, str, bool | None], tuple[Any, Any, Any]] = {}
    total = 0
    for record in records:
        at, who, mine, call, answered, seconds, chat, number = record
        key = (who, chat, mine)
        add = appends.get(key)
        if add is None:
            if len(logs) >= most:
                raise ImportFailed(f"this file has more than {most:,} different senders; no chat export has so many")
            if len(who) > longest or len(chat) > longest:
                raise ImportFailed(f"a name here is longer than {longest} characters; no chat export has one like it")
            log = logs[key] = Log(who, chat, mine, number)
            chats.setdefault(chat, set()).add(who)
            add = appends[key] = (log.at.append, log.kind.append, log.seconds.append)
        add[0](at)
        if call:
            add[1](CALL_ANSWERED if answered else CALL_UNANSWERED)
            add[2](seconds if seconds is not None else -1)
        else:
            total += 1
            add[1](MESSAGE)
            add[2](-1)
    for chat, names in (members or {}).items():
        chats.setdefault(chat, set()).update(names)
    return Collected(fmt, logs, total, chats, me_hint, guard.skipped, list(guard.skipped_where))


# --- Who is who ---------------------------------------------------------------------------------------

_NOT_DIGITS = re.compile(r"\D")


def phone_digits(text: str) -> str:
    """A phone number's digits without an international prefix's zeros: '+44 7700 900123' -> '447700900123'."""
    digits = _NOT_DIGITS.sub("", text)
    return digits.lstrip("0")


def same_number(a: str, b: str) -> bool:
    """Equal whatever the formatting and the country prefix: the national part (last 9 digits, or all of a
    shorter number, at least 6) must match."""
    da, db = phone_digits(a), phone_digits(b)
    if len(da) < 6 or len(db) < 6:
        return False
    n = min(len(da), len(db), 9)
    return da[-n:] == db[-n:]


def _fold(name: str) -> str:
    return " ".join(name.casefold().split())


def name_matches(candidate: str, wanted: str) -> bool:
    if not candidate:
        return False
    if _fold(candidate) == _fold(wanted):
        return True
    return bool(_NOT_DIGITS.sub("", wanted)) and same_number(candidate, wanted) and not any(c.isalpha() for c in wanted)


def is_person(log: Log, person: str) -> bool:
    """By the name shown, or by any of the log's phone numbers (a group message has several, joined by ~)."""
    if name_matches(log.who, person):
        return True
    return any(name_matches(number, person) for number in log.number.split("~") if number)


def find_me(collected: Collected, person: str, me: str | None, *, group: bool) -> str | None:
    """The user's own name in a chat export: given, or the only other writer in a one-to-one chat."""
    writers = {log.who for log in collected.logs.values() if log.mine is None}
    if me:
        if not any(name_matches(w, me) for w in writers):
            raise ImportFailed(
                f"nobody called “{me}” writes in this file; the names in it are: {_names(writers)}",
                code="me_not_found",
                field="me",
            )
        return me
    if collected.me_hint:
        return collected.me_hint
    if group:
        return None
    others = [w for w in writers if not name_matches(w, person)]
    if len(others) == 1:
        return others[0]
    if not others:
        return None  # only their messages: nothing the user sent
    raise ImportFailed(
        f"it can't tell which name is yours (the names are: {_names(writers)})", code="me_unclear", field="me"
    )


def _names(names: Iterable[str]) -> str:
    shown = sorted(names)
    return ", ".join(f"“{n}”" for n in shown[:8]) + (" …" if len(shown) > 8 else "")
