"""Text from standard input: UTF-8 only, and no NUL character, or one clear line and exit code 2."""

from __future__ import annotations

import codecs
import sys
from collections.abc import Iterator

from nocontact import messages
from nocontact.cli.errors import CliError


def _clean(text: str) -> str:
    if "\x00" in text:
        raise CliError(messages.TEXT_HAS_NUL)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(limit: int) -> str:
    """Up to ``limit`` + 1 characters (so a caller can tell "too long"), decoded strictly as UTF-8."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text stream given by a test or an embedding program
        return _clean(sys.stdin.read(limit + 1))
    cap = 4 * (limit + 1)  # enough bytes for limit + 1 characters of any width
    raw = stream.read(cap)
    try:
        text = codecs.getincrementaldecoder("utf-8")("strict").decode(raw, final=len(raw) < cap)
    except UnicodeDecodeError:
        raise CliError(messages.STDIN_NOT_UTF8) from None
    return _clean(text.removeprefix("\ufeff"))[: limit + 1]


def lines() -> Iterator[tuple[int, str | None]]:
    """(number, line) for each line of standard input; the line is None when it isn't UTF-8 text."""
    stream = getattr(sys.stdin, "buffer", None)
    source = stream if stream is not None else sys.stdin
    for number, raw in enumerate(source, start=1):
        if isinstance(raw, str):
            yield number, raw
            continue
        try:
            yield number, raw.decode("utf-8")
        except UnicodeDecodeError:
            yield number, None
