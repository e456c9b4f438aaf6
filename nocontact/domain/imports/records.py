"""What every parser yields: one message or call, without its text."""

from __future__ import annotations

from typing import NamedTuple


class ImportFailed(ValueError):
    """A file we cannot read. ``where`` names the line or element at fault, if there is one; ``code`` says
    what the person can change: "format" (choose another --format), "date_order" (--date-order), or ""."""

    def __init__(self, message: str, where: str = "", *, code: str = "") -> None:
        super().__init__(f"{where}: {message}" if where else message)
        self.message = message
        self.where = where
        self.code = code


class Record(NamedTuple):
    at: int  # seconds since the epoch, UTC
    who: str  # the sender (chats) or the other party (phone backups): a name or a number
    mine: bool | None  # phone backups know the direction; chats leave it to the sender's name
    call: bool = False
    answered: bool = True  # calls only: False when missed, rejected, blocked or unanswered
    seconds: int | None = None  # calls only
    chat: str = ""  # which chat or thread, in exports that hold several
    number: str = ""  # the other party's phone number, when the file has one


def short_reason(exc: Exception) -> str:
    """A library's error, cut to one short line for a person to read."""
    return (str(exc).splitlines() or [exc.__class__.__name__])[0][:160]
