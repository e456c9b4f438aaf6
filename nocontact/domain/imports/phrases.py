"""WhatsApp's own lines in every language we know, turned from the table in `whatsapp_languages.json` into
the patterns the reader uses. The table is data: adding a language is adding a row there, not code here.

The patterns are alternations of plain text (compiled in milliseconds; a pattern with a wildcard for every
name would take the better part of a second to compile, on every import). Text is matched after its
no-break spaces are made plain ones (`plain()`)."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import NamedTuple

TABLE = Path(__file__).with_name("whatsapp_languages.json")
_MARKS = "[\u200e\u200f\u202a-\u202e\u2066-\u2069]*"
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})


class Phrases(NamedTuple):
    system: re.Pattern[str]  # anywhere in a line: not a message
    group: re.Pattern[str]  # anywhere in a line: the chat is a group
    missed: re.Pattern[str]  # the whole message: a missed call
    call: re.Pattern[str]  # the whole message, perhaps with its length after it: a call
    call_prefixes: frozenset[str]  # the first three characters of every call phrase, as written and in lower case
    call_firsts: frozenset[str]  # their first characters: one look rules most messages out
    longest_call: int  # no call line is longer than this (the longest phrase, with room for its length)


def plain(text: str) -> str:
    return text.translate(_SPACES)


def languages() -> dict[str, dict[str, list[str]]]:
    data: dict[str, dict[str, list[str]]] = json.loads(TABLE.read_text(encoding="utf-8"))["languages"]
    return data


def _fragment(phrase: str) -> str:
    """The longest piece of a phrase between its names ("{x} hat die Gruppe {x} erstellt" -> "hat die Gruppe")."""
    return max((piece.strip() for piece in plain(phrase).split("{x}")), key=len)


def _alternatives(texts: list[str]) -> str:
    # Longest first, so that "Missed group voice call" is tried before "Missed voice call" would stop short.
    return "|".join(re.escape(t) for t in sorted(set(texts), key=len, reverse=True) if t)


@cache
def phrases() -> Phrases:
    rows = list(languages().values())

    def gather(key: str) -> list[str]:
        return [plain(p) for row in rows for p in row.get(key, [])]

    missed, calls = gather("missed_call"), gather("call")
    group = [_fragment(p) for p in gather("group_created")]
    system = [_fragment(p) for p in gather("e2e") + gather("security_code")] + group
    prefixes = frozenset(v for p in missed + calls for v in (p[:3], p[:3].lower(), p[:3].capitalize()))
    return Phrases(
        system=re.compile(_alternatives(system), re.IGNORECASE),
        group=re.compile(_alternatives(group), re.IGNORECASE),
        missed=re.compile(f"{_MARKS}(?:{_alternatives(missed)})[.\\s]*$", re.IGNORECASE),
        # A call's length follows it after a comma or a full stop ("Sprachanruf, 12 Min.", "Voice call. 3 min").
        call=re.compile(f"{_MARKS}(?:{_alternatives(calls)})(?:$|[,.\u060c]\\s*(.*)$)", re.IGNORECASE),
        call_prefixes=prefixes,
        call_firsts=frozenset(prefix[:1] for prefix in prefixes),
        longest_call=max(map(len, missed + calls)) + 24,
    )
