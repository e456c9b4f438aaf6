"""Instagram and Facebook Messenger data downloads: `message_1.json` and friends, one thread per folder.

These files write text as UTF-8 bytes escaped one by one as Latin-1 characters ("Zo\\u00c3\\u00ab" for
"Zoë"); names are turned back into what they were.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import IO, Any

import ijson

from nocontact.domain.imports.guard import Guard
from nocontact.domain.imports.records import ImportFailed, Record, short_reason


def fix_text(text: str) -> str:
    """Undo the Latin-1 escaping of UTF-8; text that was never escaped is returned as it is."""
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def participants(open_file: Callable[[], IO[bytes]], where: str, guard: Guard | None = None) -> tuple[list[str], str]:
    """The thread's participants and its title, read from the top of the file. Some downloads list no
    participants (an Instagram thread can come without them): then the writers are all we know."""
    guard = guard or Guard()
    names: list[str] = []
    title = ""
    try:
        with guard.json(open_file()) as f:
            for prefix, event, value in ijson.parse(f):
                if prefix == "participants.item.name" and event == "string":
                    names.append(fix_text(value))
                elif prefix == "title" and event == "string":
                    title = fix_text(value)
                elif prefix == "messages" and event == "start_array" and names:
                    break
    except ijson.JSONError as exc:
        raise ImportFailed(f"this isn't readable JSON ({short_reason(exc)})", where) from None
    return names, title


def parse(open_file: Callable[[], IO[bytes]], *, chat: str, where: str, guard: Guard | None = None) -> Iterator[Record]:
    guard = guard or Guard()
    cache: dict[str, str] = {}
    try:
        with guard.json(open_file()) as f:
            f.mark()
            for number, message in enumerate(ijson.items(f, "messages.item"), 1):
                f.mark()
                spot = f"{where}, message {number}"
                if not isinstance(message, dict):
                    raise ImportFailed("each message should be an object", spot)
                raw_name = message.get("sender_name")
                stamp = message.get("timestamp_ms")
                if not isinstance(raw_name, str) or not isinstance(stamp, int):
                    raise ImportFailed(
                        "expected an Instagram or Messenger message with “sender_name” and “timestamp_ms”, found "
                        f"one with {_keys(message)}",
                        spot,
                        code="format",
                        field="format",
                    )
                name = cache.get(raw_name)
                if name is None:
                    name = cache[raw_name] = fix_text(raw_name)
                at = stamp // 1000
                if not guard.real_time(at, spot):
                    continue
                if "call_duration" in message:
                    seconds = message.get("call_duration")
                    seconds = (guard.whole(seconds) or 0) if isinstance(seconds, int | float) else 0
                    if guard.call_seconds(seconds, spot):
                        yield Record(at, name, None, True, seconds > 0, seconds, chat)
                else:
                    yield Record(at, name, None, False, True, None, chat)
    except ijson.JSONError as exc:
        raise ImportFailed(f"the file breaks off or isn't valid JSON ({short_reason(exc)})", where) from None


def _keys(message: dict[str, Any]) -> str:
    keys = [str(k)[:20] for k in list(message)[:5]]
    return ", ".join(f"“{k}”" for k in keys) if keys else "no fields"


def looks_like_instagram(head: bytes, path: str) -> bool:
    return "instagram" in path.lower() or b"is_geoblocked_for_viewer" in head or b"instagram" in head.lower()


def me_from_threads(members: dict[str, Any]) -> str:
    """In a download with several threads, the account owner is the one name in all of them."""
    sets = [set(names) for names in members.values() if names]
    if len(sets) < 2:
        return ""
    common = set.intersection(*sets)
    return next(iter(common)) if len(common) == 1 else ""
