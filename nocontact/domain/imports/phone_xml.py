"""SMS Backup & Restore: messages (`<smses>`: `<sms>` and `<mms>`) and the call log (`<calls>`: `<call>`).

Read as a stream with defusedxml (no DTDs, no entities), each element cleared once read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import IO
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from nocontact.domain.imports.guard import MAX_AT, MAX_CALL_SECONDS, MIN_AT, Guard, too_deep
from nocontact.domain.imports.records import ImportFailed, Record

SMS_RECEIVED, SMS_SENT = "1", "2"
MMS_RECEIVED, MMS_SENT = "1", "2"
MMS_FROM = "137"
# Without msg_box, an MMS's PDU type tells: 128 is a message sent (m-send-req), 132 one received (m-retrieve-conf).
MMS_TYPE_BOX = {"128": MMS_SENT, "132": MMS_RECEIVED}
CALL_INCOMING, CALL_OUTGOING, CALL_ANSWERED_ELSEWHERE = "1", "2", "7"
CALL_TYPES = {"1", "2", "3", "4", "5", "6", "7"}
UNKNOWN_NAMES = {"", "(unknown)", "null"}


def _ms(element: Element, where: str) -> int:
    raw = element.get("date", "")
    try:
        return int(raw) // 1000
    except ValueError:
        if raw.strip().lstrip("+-").isdigit():
            return -1  # more digits than any time has: skipped as not a real time
        raise ImportFailed(f"date=“{raw[:30]}” isn't a time in milliseconds", where) from None


def _name(element: Element, number: str) -> str:
    name = (element.get("contact_name") or "").strip()
    return number if name.casefold() in UNKNOWN_NAMES else name


# SMS Backup & Restore writes a character outside the Basic Multilingual Plane (most emoji) as two references
# to UTF-16 halves ("&#55357;&#56832;"), which XML forbids; they are joined into one ("&#128512;") on the way in.
_HALVES = re.compile(rb"&#(\d{5}|[xX][0-9a-fA-F]{4});(?:&#(\d{5}|[xX][0-9a-fA-F]{4});)?")
_HIGH, _LOW, _END = 0xD800, 0xDC00, 0xE000
_HOLD = 24  # bytes: room for a pair of references cut by a read


def _number(ref: bytes) -> int:
    return int(ref[1:], 16) if ref[:1] in b"xX" else int(ref)


def _joined(m: re.Match[bytes]) -> bytes:
    first = _number(m.group(1))
    second = _number(m.group(2)) if m.group(2) else -1
    if _HIGH <= first < _LOW and _LOW <= second < _END:
        return b"&#%d;" % (0x10000 + ((first - _HIGH) << 10) + (second - _LOW))
    fixed = b"&#65533;" if _HIGH <= first < _END else b"&#%d;" % first  # half of a pair alone: a replacement mark
    if second < 0:
        return fixed
    return fixed + (b"&#65533;" if _HIGH <= second < _END else b"&#%d;" % second)


class _JoinedHalves:
    """The backup's bytes with UTF-16 halves joined (see above); everything else passes through unchanged."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.held = b""

    def read(self, size: int = -1) -> bytes:
        while True:
            chunk = self.raw.read(size)
            data, self.held = self.held + chunk, b""
            if chunk and (cut := data.rfind(b"&", max(0, len(data) - _HOLD))) >= 0:
                data, self.held = data[:cut], data[cut:]  # a reference may go on in the next read
                if not data:
                    continue
            return _HALVES.sub(_joined, data) if b"&#" in data else data

    def close(self) -> None:
        self.raw.close()


def _opened(open_file: Callable[[], IO[bytes]]) -> IO[bytes]:
    return _JoinedHalves(open_file())  # type: ignore[return-value]


def root_tag(open_file: Callable[[], IO[bytes]], guard: Guard | None = None) -> str:
    guard = guard or Guard()
    try:
        with guard.xml(_opened(open_file)) as f:
            for _event, element in iterparse(f, events=("start",), forbid_dtd=True):
                return str(element.tag)
    except (ParseError, DefusedXmlException) as exc:
        raise ImportFailed(f"this isn't readable XML ({exc})") from None
    raise ImportFailed(
        "expected an SMS Backup & Restore file, found XML with no elements", code="format", field="format"
    )


def parse(open_file: Callable[[], IO[bytes]], *, expect: str, guard: Guard | None = None) -> Iterator[Record]:
    """``expect`` is 'smses' or 'calls': the root element the format has."""
    guard = guard or Guard()
    limits = guard.limits
    with guard.xml(_opened(open_file)) as f:
        counts: dict[str, int] = {}
        root: Element | None = None
        depth = 0
        held = 0  # elements kept since the root was last cleared
        most_depth, most_held = limits.depth, limits.elements
        try:
            for event, element in iterparse(f, events=("start", "end"), forbid_dtd=True):
                if event == "start":
                    f.pending = 0  # a whole tag arrived: count afresh from here
                    depth += 1
                    held += 1
                    if depth > most_depth or held > most_held:
                        if depth > most_depth:
                            raise too_deep(limits)
                        raise ImportFailed(
                            f"one message or call here holds more than {most_held:,} elements; "
                            "no phone backup has one like it"
                        )
                    if root is None:
                        root = element
                        if element.tag != expect:
                            raise ImportFailed(f"expected <{expect}>, found <{element.tag}>", "the first element")
                    continue
                depth -= 1
                if depth != 1:
                    continue  # inside a message (its addresses and parts), or the root's own end
                tag = element.tag
                if tag in ("sms", "mms", "call"):
                    counts[tag] = counts.get(tag, 0) + 1
                    where = f"<{tag}> number {counts[tag]}"
                    record = _record(tag, element, where, guard)
                    if record is not None:
                        yield record
                root.clear()  # type: ignore[union-attr]  # keep memory flat
                held = 1
        except (ParseError, DefusedXmlException) as exc:
            raise ImportFailed(f"the XML is broken ({exc})") from None


def _record(tag: str, element: Element, where: str, guard: Guard) -> Record | None:
    at = _ms(element, where)
    if not MIN_AT <= at <= MAX_AT:  # inline: this runs once per message
        guard.skip(where)
        return None
    if tag == "sms":
        number = element.get("address", "")
        kind = element.get("type")
        if kind not in (SMS_RECEIVED, SMS_SENT):
            return Record(at, _name(element, number), None, False, True, None, "", number)  # a draft: counted only
        return Record(at, _name(element, number), kind == SMS_SENT, False, True, None, "", number)
    if tag == "mms":
        box = element.get("msg_box")
        if box not in (MMS_RECEIVED, MMS_SENT):
            box = MMS_TYPE_BOX.get(element.get("m_type", ""), box)
        numbers = [a.get("address", "") for a in element.iter("addr")]
        address = element.get("address", "") or "~".join(numbers)
        parts = [n for n in address.split("~") if n]
        if box == MMS_RECEIVED:
            sender = next((a.get("address", "") for a in element.iter("addr") if a.get("type") == MMS_FROM), "")
            number = sender or (parts[0] if parts else "")
            name = _name(element, number) if len(parts) <= 1 else number
            return Record(at, name, False, False, True, None, "group" if len(parts) > 1 else "", number)
        if box == MMS_SENT:
            return Record(
                at, _name(element, address), True, False, True, None, "group" if len(parts) > 1 else "", address
            )
        return Record(at, _name(element, address), None, False, True, None, "", address)
    kind = element.get("type", "")
    if kind not in CALL_TYPES:
        raise ImportFailed(f"type=“{kind[:10]}” isn't a call type (1 to 7)", where)
    number = element.get("number", "")
    raw = element.get("duration") or "0"
    try:
        seconds = int(raw)
    except ValueError:
        parsed = guard.whole(raw.strip())
        if parsed is None:
            raise ImportFailed("duration isn't a number of seconds", where) from None
        seconds = parsed
    if not 0 <= seconds <= MAX_CALL_SECONDS:
        guard.skip(where)
        return None
    outgoing = kind == CALL_OUTGOING
    answered = seconds > 0 if outgoing else kind in (CALL_INCOMING, CALL_ANSWERED_ELSEWHERE)
    return Record(at, _name(element, number), outgoing, True, answered, seconds, "", number)
