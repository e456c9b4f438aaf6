"""Limits that keep one file from taking all the memory: how deep it nests, how long one value, line or
message may be, and which times and call lengths are real. Rows outside them are skipped and counted.

The JSON check runs on the raw bytes before the parser sees them (a few passes of C-speed byte operations
per 64 KB), because a deeply nested document costs the parser memory by the square of its depth before it
yields a single event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import accumulate
from typing import IO, Self

from nocontact.domain.imports.records import ImportFailed

MB = 1024 * 1024
BOM = b"\xef\xbb\xbf"
# Times from 1970 up to the year 3000: anything else is a damaged row, not a moment.
MIN_AT = 0
MAX_AT = 32_503_680_000
MAX_CALL_SECONDS = 7 * 24 * 3600
HUGE = 10**18
SKIPS_SHOWN = 10
XML_READ = MB
XML_LONG = 64 * 1024


@dataclass(frozen=True)
class Limits:
    depth: int = 64  # JSON arrays and objects (and XML elements) inside each other
    field: int = 16 * MB  # bytes in one JSON value, one line of a text export, one XML tag or text
    record: int = 16 * MB  # bytes of one JSON message (what the parser builds in memory at once)
    elements: int = 10_000  # XML elements inside one message or call
    names: int = 50_000  # different senders (or numbers) in one file
    name_length: int = 512  # characters in one sender's name

    @property
    def field_mb(self) -> str:
        return _mb(self.field)

    @property
    def record_mb(self) -> str:
        return _mb(self.record)


def _mb(size: int) -> str:
    return f"{size // MB} MB" if size >= MB and size % MB == 0 else f"{size:,} bytes"


def too_deep(limits: Limits) -> ImportFailed:
    return ImportFailed(
        f"this file nests more than {limits.depth} levels deep, far more than any chat export does, so it was not read"
    )


def too_long(limits: Limits, what: str = "a single value") -> ImportFailed:
    return ImportFailed(
        f"{what} in this file is longer than {limits.field_mb}, far more than any chat export holds, so it was not read"
    )


@dataclass
class Guard:
    """The limits for one file, and the rows skipped while reading it."""

    limits: Limits = field(default_factory=Limits)
    skipped: int = 0
    skipped_where: list[str] = field(default_factory=list)

    def skip(self, where: str) -> None:
        self.skipped += 1
        if len(self.skipped_where) < SKIPS_SHOWN:
            self.skipped_where.append(where)

    def real_time(self, at: int, where: str) -> bool:
        """False (and the row counted as skipped) for a time that can't be one: negative, or past the year 3000."""
        if MIN_AT <= at <= MAX_AT:
            return True
        self.skip(where)
        return False

    def whole(self, value: object) -> int | None:
        """A JSON number or numeric string as a whole number; None if it isn't one. Huge ones (1e999999999 is
        eleven characters) come back as a number past every limit rather than being computed."""
        if isinstance(value, bool):
            return None
        if isinstance(value, int):
            return value
        if isinstance(value, str):
            if len(value) > 40:
                return HUGE if value.strip().lstrip("+-").isdigit() else None
            try:
                return int(value)  # the usual case ("1768381260"), and the fast one
            except ValueError:
                pass
        try:
            number = Decimal(value) if isinstance(value, str | float) else value
            if not isinstance(number, Decimal) or not number.is_finite():
                return None
            return int(number) if number.copy_abs() <= HUGE else HUGE
        except (ArithmeticError, ValueError):
            return None

    def call_seconds(self, seconds: int | None, where: str) -> bool:
        if seconds is None or 0 <= seconds <= MAX_CALL_SECONDS:
            return True
        self.skip(where)
        return False

    def json(self, raw: IO[bytes]) -> GuardedJSON:
        return GuardedJSON(raw, self.limits)

    def xml(self, raw: IO[bytes]) -> GuardedXML:
        return GuardedXML(raw, self.limits)


_ESCAPE = re.compile(rb"\\.", re.DOTALL)
_DIGITS = b"0123456789"
# One pass keeps what the checks need: quotes, brackets, and digits (each as 0).
_ZERO_DIGITS = bytes.maketrans(_DIGITS, b"0" * 10)
_NOT_STRUCTURE = bytes(b for b in range(256) if b not in b'"[]{}' + _DIGITS)
_DELTAS = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")
MAX_DIGITS = 1000  # in one JSON number: ijson's C parser crashes on whole numbers of over 4,300 digits
_LONG_DIGITS = re.compile(rb"(?<![0-9])[0-9]{%d}" % (MAX_DIGITS + 1))
_MANY_ZEROS = b"0" * (MAX_DIGITS + 1)


class _Wrapped:
    """A readable stream that checks what passes through it."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.raw.close()


class GuardedJSON(_Wrapped):
    """JSON bytes, refused once they nest deeper than the limit, hold a value longer than the limit (no quote
    for that many bytes: a string, a number or a run of spaces), or spend more than the limit on one message
    (counted from each ``mark()``, once ``records`` is on)."""

    def __init__(self, raw: IO[bytes], limits: Limits) -> None:
        super().__init__(raw)
        self.limits = limits
        self.depth = 0
        self.run = 0  # bytes since the last quote
        self.in_string = False
        self.escape = False  # the last chunk ended with a backslash inside a string
        self.records = False
        self.since_mark = 0
        self.digits = 0  # digits at the end of the last chunk, outside a string: a number cut in two
        self.started = False  # a byte-order mark at the very start is dropped (some downloads begin with one)

    def mark(self) -> None:
        self.records = True
        self.since_mark = 0

    def read(self, size: int = -1) -> bytes:
        if size == 0:
            return b""
        data = self.raw.read(size if size > 0 else 64 * 1024)
        if not self.started and data:
            self.started = True
            if data.startswith(BOM):
                data = data[len(BOM) :] or self.raw.read(size if size > 0 else 64 * 1024)
        if data:
            self._check(data)
        return data

    def _check(self, data: bytes) -> None:
        limits = self.limits
        if self.records:
            self.since_mark += len(data)
            if self.since_mark > limits.record:
                raise ImportFailed(
                    f"one message in this file is larger than {limits.record_mb}, far more than any chat export "
                    "holds, so it was not read"
                )
        masked = data
        if self.escape or b"\\" in data:
            masked = b"." + data[1:] if self.escape else data
            masked = _ESCAPE.sub(b"..", masked)  # escaped characters (\" too) are no longer quotes; lengths stay
            self.escape = masked.endswith(b"\\")
        self._check_runs(masked)
        was_in_string = self.in_string
        kept = masked.translate(_ZERO_DIGITS, _NOT_STRUCTURE)
        # Two quotes side by side can go: it changes no bracket's side of a string (mostly, whole strings).
        reduced = kept.translate(None, b"0").replace(b'""', b"")
        if was_in_string:
            end = reduced.find(b'"')
            reduced = reduced[end + 1 :] if end >= 0 else b""
            self.in_string = end < 0
        if not self.in_string or not was_in_string:
            parts = reduced.split(b'"')
            self.in_string = len(parts) % 2 == 0  # an odd number of quotes: the chunk ends inside a string
            outside = b"".join(parts[::2])
            opens = outside.count(b"[") + outside.count(b"{")
            if self.depth + opens > limits.depth:  # it might go too deep: follow it bracket by bracket
                depths = list(accumulate(memoryview(outside.translate(_DELTAS)).cast("b"), initial=self.depth))
                if max(depths) > limits.depth:
                    raise too_deep(limits)
            self.depth += 2 * opens - len(outside)
        # Digits run together in ``kept`` where only other characters stood between them: a hint, checked below.
        self._check_numbers(masked, was_in_string, _MANY_ZEROS in kept)

    def _check_runs(self, masked: bytes) -> None:
        """No more than the limit without a quote: no string, number or run of spaces that long."""
        most = self.limits.field
        first = masked.find(b'"')
        if first < 0:
            self.run += len(masked)
        else:
            longest = self.run + first
            self.run = len(masked) - masked.rfind(b'"') - 1
            if most < len(masked) and re.search(rb'[^"]{%d}' % (most + 1), masked):
                longest = most + 1
            self.run = max(self.run, 0)
            if longest > most:
                raise too_long(self.limits)
        if self.run > most:
            raise too_long(self.limits)

    def _check_numbers(self, masked: bytes, in_string: bool, maybe: bool) -> None:
        """No number longer than MAX_DIGITS outside a string (inside one, digits are only text)."""
        lead = len(masked) - len(masked.lstrip(_DIGITS))
        if self.digits and not in_string and self.digits + lead > MAX_DIGITS:
            raise _too_many_digits()
        for long_run in _LONG_DIGITS.finditer(masked) if maybe else ():
            if (in_string + masked.count(b'"', 0, long_run.start())) % 2 == 0:
                raise _too_many_digits()
        trail = len(masked) - len(masked.rstrip(_DIGITS))
        if trail == len(masked):
            self.digits = self.digits + trail if not in_string else 0
        else:
            self.digits = 0 if self.in_string else trail


def _too_many_digits() -> ImportFailed:
    return ImportFailed(f"a number in this file is longer than {MAX_DIGITS} digits; no chat export has one like it")


class GuardedXML(_Wrapped):
    """XML bytes, refused once the parser has been given more than the limit without producing an element:
    one tag, attribute or text that long. The reading loop sets ``pending`` to 0 at every tag it gets."""

    def __init__(self, raw: IO[bytes], limits: Limits) -> None:
        super().__init__(raw)
        self.limits = limits
        self.pending = 0

    def read(self, size: int = -1) -> bytes:
        # iterparse asks for 16 KB at a time; expat 2.5 scans a token it hasn't finished again on every feed,
        # so a long one (an attachment, or an attack) costs the square of its length in small feeds. Inside one,
        # read a megabyte at a time; elsewhere keep iterparse's size (fewer elements wait to be cleared).
        data = self.raw.read(max(size, XML_READ) if size >= 0 and self.pending > XML_LONG else size)
        self.pending += len(data)
        if self.pending > self.limits.field + XML_READ:
            raise too_long(self.limits, "a single tag or text")
        return data
