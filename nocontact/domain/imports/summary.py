"""From collected records to what the import reports and writes: contact between the user and the person."""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from heapq import merge
from itertools import pairwise

from nocontact.domain.imports.collect import (
    CALL_ANSWERED,
    CALL_UNANSWERED,
    MESSAGE,
    MESSAGE_ANSWERED,
    Collected,
    Log,
    _names,
    find_me,
    is_person,
    name_matches,
    same_number,
)
from nocontact.domain.imports.records import ImportFailed

OUTGOING, INCOMING, BOTH = "outgoing", "incoming", "both"
# A message of theirs that the user answered (a message of theirs, then one of the user's within this many
# hours) is a conversation: it is recorded as `both`, as if the user had logged "we talked".
ANSWERED_WITHIN_HOURS = 6
MAX_ANSWERED_WITHIN_HOURS = 24 * 7
MAX_TIME = 1 << 62  # later than any message


@dataclass
class Summary:
    format: str
    person: str
    messages_total: int = 0
    sent: int = 0
    received: int = 0
    calls_outgoing: int = 0
    calls_incoming: int = 0
    calls_missed: int = 0
    first_contact: int | None = None
    last_contact: int | None = None
    last_sent: int | None = None
    last_received: int | None = None
    group: bool = False
    skipped: int = 0  # rows of the file left out (a time or call length that can't be real)
    skipped_where: list[str] = field(default_factory=list)  # the first few of them
    conversations: int = 0  # messages of theirs the user answered, recorded as `both`
    answered_within_hours: int = ANSWERED_WITHIN_HOURS

    @property
    def exchanges(self) -> int:
        return self.sent + self.received + self.calls_outgoing + self.calls_incoming + self.calls_missed


Entry = tuple[int, str, str, int | None, bool | None, str]


@dataclass
class Matched:
    summary: Summary
    # (at, channel, direction, call seconds, answered, who): every entry, in each log's file order
    entries: Callable[[], Iterator[Entry]]
    picked: list[tuple[Log, bool]] = field(default_factory=list)  # the logs chosen, and whether they are the user's
    message_channel: str = "message"


def entries_of(picked: list[tuple[Log, bool]], message_channel: str) -> Callable[[], Iterator[Entry]]:
    def entries() -> Iterator[Entry]:
        for log, outgoing in picked:
            for at, kind, seconds in zip(log.at, log.kind, log.seconds, strict=True):
                if kind == MESSAGE:
                    yield at, message_channel, OUTGOING if outgoing else INCOMING, None, None, log.who
                elif kind == MESSAGE_ANSWERED:
                    yield at, message_channel, BOTH, None, None, log.who
                else:
                    answered = kind == CALL_ANSWERED
                    direction = OUTGOING if outgoing else (BOTH if answered else INCOMING)
                    yield at, "call", direction, (seconds if seconds >= 0 else None), answered, log.who

    return entries


def _my_message_times(picked: list[tuple[Log, bool]]) -> array[int]:
    """The times of the user's messages, in order, as compact as the logs hold them (no copy in the usual
    case: one log of theirs, in time order, with no call in it)."""
    mine = [log for log, outgoing in picked if outgoing]
    if len(mine) == 1 and CALL_ANSWERED not in mine[0].kind and CALL_UNANSWERED not in mine[0].kind:
        times = mine[0].at
    else:
        times = array(
            "q",
            (
                at
                for log in mine
                for at, kind in zip(log.at, log.kind, strict=True)
                if kind in (MESSAGE, MESSAGE_ANSWERED)
            ),
        )
    return _in_order(times)


def _in_order(times: array[int]) -> array[int]:
    """The times sorted, spending 8 bytes a time, not a Python number each: exports are in time order but for
    a few steps back (an hour that doesn't exist when the clocks go forward), or newest first (Messenger)."""
    steps_back = [i + 1 for i, (a, b) in enumerate(pairwise(times)) if a > b]
    if not steps_back:
        return times
    if len(steps_back) > len(times) // 2:
        return _in_order(array("q", reversed(times)))
    if len(steps_back) > 16:
        return array("q", sorted(times))
    bounds = [0, *steps_back, len(times)]
    return array("q", merge(*(times[a:b] for a, b in pairwise(bounds))))


def _mark_answered(picked: list[tuple[Log, bool]], hours: int) -> int:
    """Mark each message of theirs that a message of the user's follows within ``hours``; how many. One step
    per message of theirs (this runs once per message: it keeps to local names and cached values)."""
    window = hours * 3600
    mine = _my_message_times(picked) if window else array("q")
    count, n = 0, len(mine)
    for log, outgoing in picked:
        if outgoing:
            continue
        kinds, times = log.kind, log.at
        if not n:
            if MESSAGE_ANSWERED in kinds:  # matched before with other hours: undo
                for i, kind in enumerate(kinds):
                    if kind == MESSAGE_ANSWERED:
                        kinds[i] = MESSAGE
            continue
        calls = CALL_ANSWERED in kinds or CALL_UNANSWERED in kinds
        j, last, following = 0, -1, mine[0]  # following: the user's first message after ``last``
        for i, at in enumerate(times):
            if calls and kinds[i] in (CALL_ANSWERED, CALL_UNANSWERED):
                continue
            if at < last:  # the file went back in time (newest first): look it up afresh
                j = bisect_right(mine, at)
                following = mine[j] if j < n else MAX_TIME
            else:
                while following <= at:
                    j += 1
                    following = mine[j] if j < n else MAX_TIME
            last = at
            if following <= at + window:
                kinds[i] = MESSAGE_ANSWERED
                count += 1
            elif kinds[i] == MESSAGE_ANSWERED:
                kinds[i] = MESSAGE
    return count


def _later(a: int | None, b: int) -> int:
    return b if a is None or b > a else a


def match(
    collected: Collected,
    *,
    person: str,
    me: str | None = None,
    group_counts: bool = False,
    message_channel: str,
    answered_within_hours: int = ANSWERED_WITHIN_HOURS,
) -> Matched:
    """Which records are contact between the user and ``person``, in which direction. A message of theirs the
    user answered within ``answered_within_hours`` (0: never) is `both`."""
    if not 0 <= answered_within_hours <= MAX_ANSWERED_WITHIN_HOURS:
        raise ImportFailed(
            f"expected a number of hours from 0 to {MAX_ANSWERED_WITHIN_HOURS} within which a reply makes a "
            f"conversation, found {answered_within_hours}",
            code="answered_within_bad",
            field="answered_within_hours",
        )
    person = " ".join((person or "").split())
    if not person:
        raise ImportFailed("it doesn't say whose messages to import", code="person_missing", field="person")
    logs = list(collected.logs.values())
    phone = any(log.mine is not None for log in logs)
    chats = {
        chat
        for chat, writers in collected.chats.items()
        if any(name_matches(w, person) for w in writers) or (chat and name_matches(chat, person))
    }
    if phone:
        named = [log for log in logs if log.mine is not None and is_person(log, person)]
        # Texts from their number under no name (or another name) are theirs too.
        numbers = {n for log in named for n in log.number.split("~") if n}
        named_ids = {id(log) for log in named}
        chosen = [
            log
            for log in logs
            if log.mine is not None
            and (id(log) in named_ids or any(same_number(n, k) for n in log.number.split("~") if n for k in numbers))
        ]
    else:
        chosen = [log for log in logs if log.chat in chats]
    if not chosen:
        everyone = {log.who for log in logs} | {c for c in collected.chats if c}
        raise ImportFailed(
            f"“{person}” isn't in this file; the names in it are: {_names(everyone) or 'none'}",
            code="person_not_found",
            field="person",
        )
    group_chats = set() if phone else {c for c in chats if len(collected.chats.get(c, ())) > 2 or c in collected.groups}
    me_name = None if phone else find_me(collected, person, me, group=bool(group_chats) and not me)
    if group_counts and group_chats and not me_name:
        raise ImportFailed("this is a group chat, and which name is yours isn't known", code="me_needed", field="me")

    picked: list[tuple[Log, bool]] = []
    for log in chosen:
        if log.mine is not None:
            if log.chat == "group" and log.mine and not group_counts:
                continue  # a group text: not to them alone
            picked.append((log, log.mine))
        elif name_matches(log.who, person):
            picked.append((log, False))
        elif me_name and name_matches(log.who, me_name):
            if log.chat in group_chats and not group_counts:
                continue  # writing in a shared group is not writing to them
            picked.append((log, True))

    group = bool(group_chats) or any(log.chat == "group" for log in chosen if log.mine is not None)
    summary = Summary(
        format=collected.format,
        person=person,
        messages_total=collected.messages_total,
        group=group,
        skipped=collected.skipped,
        skipped_where=list(collected.skipped_where),
        answered_within_hours=answered_within_hours,
    )
    summary.conversations = _mark_answered(picked, answered_within_hours)
    # Counted with the arrays' own (C) count, min and max: no Python step per message here.
    for log, outgoing in picked:
        kinds, times = log.kind, log.at
        if not times:
            continue
        messages = kinds.count(MESSAGE) + kinds.count(MESSAGE_ANSWERED)
        earliest, latest = min(times), max(times)
        if outgoing:
            summary.sent += messages
            summary.calls_outgoing += len(kinds) - messages
            summary.last_sent = _later(summary.last_sent, latest)
        else:
            summary.received += messages
            summary.calls_incoming += kinds.count(CALL_ANSWERED)
            summary.calls_missed += kinds.count(CALL_UNANSWERED)
            summary.last_received = _later(summary.last_received, latest)
        if summary.first_contact is None or earliest < summary.first_contact:
            summary.first_contact = earliest
        summary.last_contact = _later(summary.last_contact, latest)

    return Matched(summary, entries_of(picked, message_channel), picked, message_channel)
