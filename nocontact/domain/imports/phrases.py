"""WhatsApp's own lines in every language we know, turned from the table in `whatsapp_languages.json` into
the patterns the reader uses. The table is data: adding a language is adding a row there, not code here."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import NamedTuple

TABLE = Path(__file__).with_name("whatsapp_languages.json")
_SPACE = "[ \u00a0\u202f]"
_QUOTE = "[\"'“”„«»]?"
_MARKS = "[\u200e\u200f\u202a-\u202e\u2066-\u2069]*"


class Phrases(NamedTuple):
    system: re.Pattern[str]  # anywhere in a line: not a message
    group: re.Pattern[str]  # anywhere in a line: the chat is a group
    missed: re.Pattern[str]  # the whole message: a missed call
    call: re.Pattern[str]  # the whole message, perhaps with a length after it: a call
    call_prefixes: frozenset[str]  # the first three characters of every call phrase, lower case (a quick test)


def _words(part: str) -> str:
    return _SPACE.join(re.escape(w) for w in part.split(" "))


def _pattern(phrase: str) -> str:
    parts = [_words(p) for p in phrase.replace("\u00a0", " ").replace("\u202f", " ").split("{x}")]
    return (_QUOTE + ".+?" + _QUOTE).join(parts)


def _any(phrases: list[str], *, whole: bool = False) -> str:
    # Longest first, so that "Missed group voice call" is tried before "Missed voice call" would stop short.
    body = "|".join(_pattern(p) for p in sorted(set(phrases), key=len, reverse=True))
    return f"(?:{body})" if not whole else f"{_MARKS}(?:{body})"


def languages() -> dict[str, dict[str, list[str]]]:
    data: dict[str, dict[str, list[str]]] = json.loads(TABLE.read_text(encoding="utf-8"))["languages"]
    return data


@cache
def phrases() -> Phrases:
    rows = list(languages().values())

    def gather(key: str) -> list[str]:
        return [p for row in rows for p in row.get(key, [])]

    missed, calls = gather("missed_call"), gather("call")
    prefixes = frozenset(p[:3].lower() for p in missed + calls)
    return Phrases(
        system=re.compile(_any(gather("e2e") + gather("security_code") + gather("group_created")), re.IGNORECASE),
        group=re.compile(_any(gather("group_created")), re.IGNORECASE),
        missed=re.compile(_any(missed, whole=True) + r"[.\s]*$", re.IGNORECASE),
        # A call's length follows it after a comma or a full stop ("Sprachanruf, 12 Min.", "Voice call. 3 min").
        call=re.compile(_any(calls, whole=True) + r"(?:$|[,.،]\s*(.*)$)", re.IGNORECASE),
        call_prefixes=prefixes,
    )
