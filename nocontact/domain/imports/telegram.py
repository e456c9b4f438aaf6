"""Telegram Desktop exports (`result.json`): one chat, or a full export with many chats. Read as a stream."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from typing import IO, Any
from zoneinfo import ZoneInfo

import ijson

from nocontact.domain.imports.guard import Guard
from nocontact.domain.imports.records import ImportFailed, Record, short_reason

UNANSWERED = {"missed", "busy"}


def _kind(open_file: Callable[[], IO[bytes]], guard: Guard) -> tuple[str, str, str]:
    """('single' | 'full', the account owner's name if the export says it, a single chat's name)."""
    first, last, chat = "", "", ""
    try:
        with guard.json(open_file()) as f:
            for prefix, event, value in ijson.parse(f):
                if prefix == "personal_information.first_name" and event == "string":
                    first = value
                elif prefix == "personal_information.last_name" and event == "string":
                    last = value
                elif prefix == "name" and event == "string":
                    chat = value
                elif prefix == "" and event == "map_key" and value in ("messages", "chats"):
                    kind = "single" if value == "messages" else "full"
                    return kind, " ".join(f"{first} {last}".split()), chat
                elif prefix == "" and event not in ("start_map", "map_key", "end_map"):
                    break
    except ijson.JSONError as exc:
        raise ImportFailed(f"this isn't a readable Telegram export ({short_reason(exc)})") from None
    raise ImportFailed(
        "expected a Telegram export (result.json, with “messages” or “chats” at its top), found JSON without "
        "them (an Instagram or Messenger file has “participants” and “messages”)",
        code="format",
        field="format",
    )


def _with_chat_names(events: Iterator[tuple[str, str, Any]], current: list[str]) -> Iterator[tuple[str, str, Any]]:
    """Pass a full export's events on, keeping ``current[0]`` the name of the chat being read."""
    for prefix, event, value in events:
        if prefix == "chats.list.item.name":
            current[0] = value or ""
        elif prefix == "chats.list.item" and event == "start_map":
            current[0] = ""
        yield prefix, event, value


def _at(message: dict[str, Any], tz: ZoneInfo, where: str, guard: Guard) -> int:
    unix = message.get("date_unixtime")
    if unix is not None:
        if type(unix) is str:
            try:
                return int(unix)  # the usual case, inline: this runs once per message
            except ValueError:
                pass
        seconds = guard.whole(unix)
        if seconds is None:
            raise ImportFailed("“date_unixtime” isn't a number", where)
        return seconds
    raw = message.get("date")
    try:
        moment = datetime.fromisoformat(str(raw))
    except ValueError:
        raise ImportFailed(f"“{str(raw)[:40]}” isn't a date", where) from None
    return int((moment if moment.tzinfo else moment.replace(tzinfo=tz)).timestamp())


def parse(
    open_file: Callable[[], IO[bytes]], *, tz: ZoneInfo, guard: Guard | None = None
) -> tuple[Iterator[Record], str]:
    """Records, and the owner's name when a full export names them."""
    guard = guard or Guard()
    kind, owner, chat_name = _kind(open_file, guard)

    def records() -> Iterator[Record]:
        current = [""]
        with guard.json(open_file()) as f:
            f.mark()
            if kind == "single":
                items = ijson.items(f, "messages.item")  # the fast path: no Python per JSON event
            else:
                items = ijson.items(_with_chat_names(ijson.parse(f), current), "chats.list.item.messages.item")
            try:
                for number, message in enumerate(items, 1):
                    f.mark()
                    where = f"message {number}"
                    if not isinstance(message, dict):
                        raise ImportFailed("each message should be an object", where)
                    chat = chat_name if kind == "single" else current[0]
                    mtype = message.get("type")
                    if mtype == "message":
                        who = message.get("from") or message.get("from_id") or "Deleted account"
                        at = _at(message, tz, where, guard)
                        if guard.real_time(at, where):
                            yield Record(at, str(who), None, False, True, None, str(chat))
                    elif mtype == "service" and message.get("action") == "phone_call":
                        who = message.get("actor") or message.get("actor_id") or "Deleted account"
                        seconds = message.get("duration_seconds")
                        answered = message.get("discard_reason") not in UNANSWERED and (
                            seconds is None or bool(seconds)
                        )
                        at = _at(message, tz, where, guard)
                        length = guard.whole(seconds) if isinstance(seconds, int | float) else None
                        if guard.real_time(at, where) and guard.call_seconds(length, where):
                            yield Record(at, str(who), None, True, answered, length, str(chat))
                    elif mtype not in ("service", "message"):
                        raise ImportFailed("a message's “type” should be “message” or “service”", where)
            except ijson.JSONError as exc:
                raise ImportFailed(f"the file breaks off or isn't valid JSON ({short_reason(exc)})") from None

    return records(), owner
