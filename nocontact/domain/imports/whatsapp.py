"""WhatsApp chat exports (`.txt`): Android and iOS styles, any date order, 12- or 24-hour clocks.

Android:  31/12/2025, 23:59 - Alex: text        12/31/25, 11:59 PM - Alex: text
iOS:      [31/12/2025, 23:59:59] Alex: text      (system and media lines start with U+200E)

A message over several lines continues until the next line that starts with a timestamp. The text is
never kept: only when, who, and whether it was a message or a call.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from nocontact.domain.imports.guard import MAX_AT, MIN_AT, Guard
from nocontact.domain.imports.phrases import phrases, plain
from nocontact.domain.imports.records import ImportFailed, Record
from nocontact.domain.imports.timestamps import LocalClock

MARKS = "\u200e\u200f\u202a\u202b\u202c\u2066\u2067\u2068\u2069\ufeff"
_M = "[" + MARKS + "]*"  # direction marks, which iOS in right-to-left languages puts inside the date too
_SP = "[ \u00a0\u202f]"
_END = r"(?:\]" + _SP + r"|" + _SP + r"+[-–]" + _SP + r")"
# Two forms of the same header, with the same groups. Most files are read with the first; a text in a
# right-to-left language (direction marks inside the date, the Arabic comma, AM/PM as ص or م) with the second,
# which costs more per line.
_HEADER_TAIL = (
    r",?" + _SP + r"+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:" + _SP + r"*([AaPp])\.?" + _SP + r"?[Mm]\.?)?" + _END
)
HEADER = re.compile(_M + r"\[?(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})" + _HEADER_TAIL)
# The Buddhist calendar on iOS ("3/18/2565 BE, 14:56:01"): rare, and an optional group costs on every line, so
# a chunk gets this form only when " BE" is in it.
HEADER_BE = re.compile(_M + r"\[?(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})(?: BE)?" + _HEADER_TAIL)
HEADER_RTL = re.compile(
    _M + r"\[?" + _M + r"(\d{1,4})" + _M + r"([./-])" + _M + r"(\d{1,2})" + _M + r"\2" + _M + r"(\d{1,4})"
    r"(?:[ \u00a0]BE)?[,\u060c]?" + _SP + r"+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?"
    r"(?:" + _SP + r"*([AaPp](?=\.?" + _SP + r"?[Mm])|[\u0635\u0645])(?:\.?" + _SP + r"?[Mm]\.?)?)?" + _END
)
RTL_SIGNS = ("\u200f", "\u060c", "\u0635", "\u0645")
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
ARABIC_DIGITS = "".join(chr(c) for c in range(0x0660, 0x066A)) + "".join(chr(c) for c in range(0x06F0, 0x06FA))
_STARTS = frozenset("0123456789[" + MARKS + ARABIC_DIGITS)  # Arabic-Indic and Persian digits too
BUDDHIST_YEARS = 543  # a year from 2400 on is in the Buddhist calendar (2565 is 2022), as Thai phones write it


def _year(raw: str) -> int:
    year = int(raw)  # int() reads Arabic-Indic and Persian digits too
    if year >= 2400:
        return year - BUDDHIST_YEARS
    return year + 2000 if year < 100 else year


def date_order(lines: Iterable[str]) -> str | None:
    """'dmy' or 'mdy' from the file itself: a first part above 12 is a day, a second part above 12 is too.
    Year-first dates ('2025-12-31') are 'ymd'. Dates with dots ('05.11.23') are day-first: no phone writes the
    month first between dots. None when every date fits both readings; '' when no line starts with a date."""
    seen = dotted = False
    for line in lines:
        if not line or line[0] not in _STARTS:
            continue
        m = HEADER_RTL.match(line)
        if m is None:
            continue
        seen = True
        dotted = dotted or m.group(2) == "."
        a, b = int(m.group(1)), int(m.group(3))
        if len(m.group(1)) == 4:
            return "ymd"
        if a > 12 and b <= 12:
            return "dmy"
        if b > 12 and a <= 12:
            return "mdy"
    if dotted:
        return "dmy"
    return None if seen else ""


def _duration(text: str) -> int | None:
    total, found = 0, False
    for number, unit in DURATION.findall(text):
        found = True
        unit = unit.lower()
        total += int(number) * (3600 if unit in ("hr", "h") else 60 if unit in ("min", "m") else 1)
    return total if found else None


def _dates(order: str) -> Callable[[str, str, str], tuple[int, int, int]]:
    if order == "dmy":
        return lambda a, b, c: (_year(c), int(b), int(a))
    if order == "mdy":
        return lambda a, b, c: (_year(c), int(a), int(b))
    return lambda a, b, c: (_year(a), int(b), int(c))


OUT_OF_RANGE = -(1 << 62)  # an hour before 1970 or after the year 3000: its messages are skipped
LINE = re.compile(r"^" + HEADER.pattern + r"([^\n]*)", re.MULTILINE)
LINE_RTL = re.compile(r"^" + HEADER_RTL.pattern + r"([^\n]*)", re.MULTILINE)
LINE_BE = re.compile(r"^" + HEADER_BE.pattern + r"([^\n]*)", re.MULTILINE)


def _line_pattern(text: str) -> re.Pattern[str]:
    if any(sign in text for sign in RTL_SIGNS):
        return LINE_RTL
    return LINE_BE if " BE" in text else LINE


CHUNK = 1 << 20


def _chunks(lines: Iterator[str]) -> Iterator[tuple[str, int]]:
    """The text in pieces of about a megabyte, each ending at a line's end, with the number of its first line."""
    buffer: list[str] = []
    size = 0
    first = 1
    count = 0
    for line in lines:
        buffer.append(line)
        size += len(line)
        count += 1
        if size >= CHUNK:
            yield "".join(buffer), first
            first += count
            buffer, size, count = [], 0, 0
    if buffer:
        yield "".join(buffer), first


@dataclass
class Notes:
    """What a file says about its chat beyond who wrote when: that it is a group (someone created it)."""

    group: bool = False


NOT_WHATSAPP = (
    "expected a WhatsApp chat export, whose lines start with a date and time (like “31/12/2025, 23:59 - Name: …” "
    "or “[31/12/2025, 23:59:59] Name: …”), but found {found}"
)


def _found(text: str) -> str:
    """The start of a file that isn't what was expected, briefly, for the refusal to show."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if not first:
        return "no text at all"
    shown = first[:24] + ("…" if len(first) > 24 else "")
    return f"a first line that starts “{shown}”"


def parse(
    open_lines: Callable[[], Iterator[str]],
    *,
    tz: ZoneInfo,
    order: str | None = None,
    chat: str = "",
    guard: Guard | None = None,
    notes: Notes | None = None,
) -> Iterator[Record]:
    """Records from a WhatsApp export. ``open_lines`` opens the file again for each pass (the first pass
    only reads until the date order is clear). ``notes`` learns whether the chat is a group."""
    if order is None:
        order = date_order(open_lines())
        if order == "":
            head = "".join(line for _n, line in zip(range(5), open_lines(), strict=False))
            raise ImportFailed(NOT_WHATSAPP.format(found=_found(head)), code="format", field="format")
        if order is None:
            raise ImportFailed(
                "expected dates that show which part is the day, but found only dates that can be read day-first "
                "or month-first (like 03/04/2026)",
                code="date_order_ambiguous",
                field="date_order",
            )
    if order not in ("dmy", "mdy", "ymd"):
        raise ImportFailed(
            f"expected the date order day-first or month-first, found “{order[:10]}”",
            code="date_order_bad",
            field="date_order",
        )
    guard = guard or Guard()
    notes = notes if notes is not None else Notes()
    to_date = _dates(order)
    hours = LocalClock(tz).hour_start
    new = tuple.__new__  # a Record without the cost of its constructor: this loop runs once per message
    # Work done once per distinct hour and name, not once per message.
    starts: dict[str, int] = {}
    names: dict[str, str | None] = {}
    marks = MARKS
    local = phrases()
    local_system, call_prefixes, longest_call = local.system, local.call_prefixes, local.longest_call
    call_firsts = local.call_firsts
    seen_message = False
    for text_chunk, first_line in _chunks(open_lines()):
        line = _line_pattern(text_chunk)
        if not seen_message and first_line == 1 and line.search(text_chunk[:20000]) is None:
            raise ImportFailed(
                NOT_WHATSAPP.format(found=_found(text_chunk[:2000])), "line 1", code="format", field="format"
            )
        for m in line.finditer(text_chunk):
            mm, ss, ampm, rest = m.group(6, 7, 8, 9)  # one call: this runs once per message
            hour_key = text_chunk[m.start() : m.start(6)]
            if ampm:
                hour_key += ampm  # 11:30 AM and 11:30 PM share everything before the minutes
            base = starts.get(hour_key)
            if base is None:
                p1, _sep, p2, p3, hh = m.groups()[:5]
                hour = int(hh)
                if ampm:
                    hour = hour % 12 + (12 if ampm in "Pp\u0645" else 0)
                try:
                    base = starts[hour_key] = hours(*to_date(p1, p2, p3), hour)
                except ValueError:
                    where = f"line {first_line + text_chunk.count(chr(10), 0, m.start())}"
                    stamp = m.group(0)[: m.end(6) - m.start()].strip(marks + " -[")
                    raise ImportFailed(
                        f"expected a date and time in {order} order, found “{stamp}”",
                        where,
                        code="date_order_wrong",
                        field="date_order",
                    ) from None
                if not MIN_AT <= base <= MAX_AT:
                    base = starts[hour_key] = OUT_OF_RANGE
            if base == OUT_OF_RANGE:
                seen_message = True
                guard.skip(f"line {first_line + text_chunk.count(chr(10), 0, m.start())}")
                continue
            minute = int(mm)
            second = int(ss) if ss else 0
            if minute > 59 or second > 59:
                where = f"line {first_line + text_chunk.count(chr(10), 0, m.start())}"
                raise ImportFailed(f"expected a minute from 00 to 59, found “{mm}”", where)
            at = base + minute * 60 + second
            seen_message = True
            name, colon, text = rest.partition(": ")
            if not colon:
                if rest.endswith(":"):
                    name = rest[:-1]  # "Alex:" with nothing after it: a message whose text is empty
                else:
                    if not notes.group and local.group.search(plain(rest)):
                        notes.group = True  # Android: "Alex created group “Friday”", said by no one
                    continue  # a system line: not a message
            who = names.get(name, "")
            if who == "":
                system = len(name) > MAX_NAME or SYSTEM.search(name) or local_system.search(plain(name))
                who = names[name] = None if system else name.strip(marks + " ")
            if who is None:
                if not notes.group and local.group.search(plain(rest)):
                    notes.group = True
                continue
            first = text[:1]
            if first in marks:
                body = text.lstrip(marks + " ")
                if SYSTEM.search(body) or local_system.search(plain(body)):
                    # iOS system lines carry the chat's name as sender, and a mark before the text.
                    if not notes.group and local.group.search(plain(body)):
                        notes.group = True
                    continue
                first = body[:1]
            else:
                body = text
            if first in "MmVvGg" and (call := CALL.match(body.rstrip())) is not None:
                missed, _kind, no_answer, rest_text = call.groups()
                answered = not (missed or no_answer)
                seconds = _duration(rest_text or "") if answered else None
                yield new(Record, (at, who, None, True, answered, seconds, chat, ""))
            elif (
                first in call_firsts
                and len(body) <= longest_call
                and body[:3] in call_prefixes
                and (kind := _local_call(body, text[:1] in marks)) is not None
            ):
                answered, seconds = kind
                yield new(Record, (at, who, None, True, answered, seconds, chat, ""))
            else:
                yield new(Record, (at, who, None, False, True, None, chat, ""))
    if not seen_message:
        raise ImportFailed(
            NOT_WHATSAPP.format(found="no line that starts with a date and time"), code="format", field="format"
        )


def _local_call(body: str, marked: bool) -> tuple[bool, int | None] | None:
    """A call written in another language: (answered, seconds), or None for an ordinary message. A missed
    call is recognised as the whole message; an answered one only where WhatsApp marked the line as its own
    (iOS), since a word like "Llamada" alone could be someone's message."""
    local = phrases()
    body = plain(body).rstrip()
    if local.missed.match(body):
        return False, None
    if marked and (call := local.call.match(body)) is not None:
        return True, _duration(call.group(1) or "")
    return None


_CHAT_NAME = re.compile(r"WhatsApp Chat (?:with|-) (.+?)(?:\.txt)?$", re.IGNORECASE)


def chat_name(filename: str) -> str:
    """'WhatsApp Chat with Alex.txt' -> 'Alex' (the person, in a one-to-one export)."""
    m = _CHAT_NAME.search(filename.rsplit("/", 1)[-1])
    return m.group(1).strip() if m else ""
