"""WhatsApp chat exports (`.txt`): Android and iOS styles, any date order, 12- or 24-hour clocks.

Android:  31/12/2025, 23:59 - Alex: text        12/31/25, 11:59 PM - Alex: text
iOS:      [31/12/2025, 23:59:59] Alex: text      (system and media lines start with U+200E)

A message over several lines continues until the next line that starts with a timestamp. The text is
never kept: only when, who, and whether it was a message or a call.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from zoneinfo import ZoneInfo

from nocontact.domain.imports.records import ImportFailed, Record
from nocontact.domain.imports.timestamps import LocalClock

MARKS = "\u200e\u200f\u202a\u202b\u202c\u2066\u2067\u2068\u2069\ufeff"
HEADER = re.compile(
    r"[" + MARKS + r"]*\[?(\d{1,4})([./-])(\d{1,2})\2(\d{1,4}),?[ \u00a0\u202f]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?"
    r"(?:[ \u00a0\u202f]*([AaPp])\.?[ \u00a0\u202f]?[Mm]\.?)?(?:\][ \u00a0\u202f]|[ \u00a0\u202f]+[-–][ \u00a0\u202f])"
)
CALL = re.compile(r"(missed )?(?:group )?(voice|video) call(?:[ ,.\u00a0\u202f]+(?:(no answer)|(.*)))?$", re.IGNORECASE)
DURATION = re.compile(r"(\d+)\s*(hr|h|min|m|sec|s)\b", re.IGNORECASE)
# Said by WhatsApp itself, not by anyone in the chat (Android puts these after the dash, without a name).
SYSTEM = re.compile(
    r"end-to-end encrypted|security code (?:changed|with)|created (?:group|this group)|"
    r"changed (?:the subject|this group|the group|their phone number|to)|added |removed |\bleft$|joined using|"
    r"now an admin|no longer an admin|"
    r"disappearing messages|pinned a message|changed the group",
    re.IGNORECASE,
)
MAX_NAME = 80
FIRST_LINES = 50  # a file none of whose first lines is a message is not a WhatsApp export
_STARTS = frozenset("0123456789[" + MARKS)


def _year(raw: str) -> int:
    year = int(raw)
    return year + 2000 if year < 100 else year


def date_order(lines: Iterable[str]) -> str | None:
    """'dmy' or 'mdy' from the file itself: a first part above 12 is a day, a second part above 12 is too.
    Year-first dates ('2025-12-31') are 'ymd'. None when every date fits both readings."""
    for line in lines:
        if not line or line[0] not in _STARTS:
            continue
        m = HEADER.match(line)
        if m is None:
            continue
        a, b = int(m.group(1)), int(m.group(3))
        if len(m.group(1)) == 4:
            return "ymd"
        if a > 12 and b <= 12:
            return "dmy"
        if b > 12 and a <= 12:
            return "mdy"
    return None


def _duration(text: str) -> int | None:
    total, found = 0, False
    for number, unit in DURATION.findall(text):
        found = True
        unit = unit.lower()
        total += int(number) * (3600 if unit in ("hr", "h") else 60 if unit in ("min", "m") else 1)
    return total if found else None


def parse(
    open_lines: Callable[[], Iterator[str]], *, tz: ZoneInfo, order: str | None = None, chat: str = ""
) -> Iterator[Record]:
    """Records from a WhatsApp export. ``open_lines`` opens the file again for each pass (the first pass
    only reads until the date order is clear)."""
    if order is None:
        order = date_order(open_lines())
        if order is None:
            raise ImportFailed(
                "the dates here can be read day-first or month-first (like 03/04/2026); "
                "choose with --date-order dmy or mdy"
            )
    if order not in ("dmy", "mdy", "ymd"):
        raise ImportFailed("--date-order is dmy or mdy")
    clock = LocalClock(tz)
    header = HEADER.match
    seen_message = False
    for number, line in enumerate(open_lines(), 1):
        if not line or line[0] not in _STARTS:
            if not seen_message and number >= FIRST_LINES:
                raise ImportFailed("this doesn't look like a WhatsApp chat export", f"line {number}")
            continue  # a message's later lines
        m = header(line)
        if m is None:
            if not seen_message and number >= FIRST_LINES:
                raise ImportFailed("this doesn't look like a WhatsApp chat export", f"line {number}")
            continue
        p1, _sep, p2, p3, hh, mm, ss, ampm = m.groups()
        if order == "dmy":
            day, month, year = int(p1), int(p2), _year(p3)
        elif order == "mdy":
            month, day, year = int(p1), int(p2), _year(p3)
        else:
            year, month, day = _year(p1), int(p2), int(p3)
        hour, minute = int(hh), int(mm)
        if ampm:
            hour = hour % 12 + (12 if ampm in "Pp" else 0)
        try:
            at = clock.epoch(year, month, day, hour, minute, int(ss) if ss else 0)
        except ValueError:
            raise ImportFailed(
                f"“{line[: m.end()].strip(MARKS + ' -[]')}” isn't a date and time in {order} order", f"line {number}"
            ) from None
        rest = line[m.end() :].rstrip("\r\n")
        name, colon, text = rest.partition(": ")
        if not colon or len(name) > MAX_NAME or SYSTEM.search(name):
            seen_message = True
            continue  # a system line: not a message
        name = name.strip(MARKS + " ")
        body = text.lstrip(MARKS + " ")
        if text[:1] in MARKS and SYSTEM.search(body):
            seen_message = True
            continue  # iOS system lines carry the chat's name as sender, and a mark before the text
        seen_message = True
        call = CALL.match(body) if body[:1] in "MmVvGg" else None
        if call is not None:
            missed, _kind, no_answer, rest_text = call.groups()
            answered = not (missed or no_answer)
            seconds = _duration(rest_text or "") if answered else None
            yield Record(at, name, None, True, answered, seconds, chat)
        else:
            yield Record(at, name, None, False, True, None, chat)
    if not seen_message:
        raise ImportFailed("this doesn't look like a WhatsApp chat export: no line starts with a date and time")


_CHAT_NAME = re.compile(r"WhatsApp Chat (?:with|-) (.+?)(?:\.txt)?$", re.IGNORECASE)


def chat_name(filename: str) -> str:
    """'WhatsApp Chat with Alex.txt' -> 'Alex' (the person, in a one-to-one export)."""
    m = _CHAT_NAME.search(filename.rsplit("/", 1)[-1])
    return m.group(1).strip() if m else ""
