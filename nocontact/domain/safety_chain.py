"""The safety log's hash chain: each entry's hash covers the previous entry's hash and its own content.

Pure Python, shared by the server (which stores each entry's chain hash when it is written) and by the
verifier (which recomputes the chain from an exported CSV). The content hashed is the plaintext: entry
number, what the entry does (records, corrects or withdraws), which entry it refers to, when it happened
(UTC), what and how (as codes), the details, when it was entered (UTC), and a random nonce. Times are passed
in as text exactly as exported, so the verifier needs nothing but the file. The nonce (kept encrypted, like the
details) means a stored chain hash cannot be used to confirm a guess of an entry's details.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

GENESIS = "0" * 64
DOMAIN = b"nocontact safety log v1\n"


class Action:
    RECORD = "record"
    CORRECT = "correct"
    WITHDRAW = "withdraw"


ACTIONS = (Action.RECORD, Action.CORRECT, Action.WITHDRAW)


@dataclass(frozen=True)
class ChainEntry:
    entry: int
    action: str
    refers_to: int | None  # the entry corrected or withdrawn; None for a first record
    at_utc: str
    kind: str
    channel: str
    details: str
    entered_at_utc: str
    nonce: str


def canonical(item: ChainEntry) -> bytes:
    """The one byte form of an entry's content: sorted keys, no spaces, UTF-8."""
    fields = {
        "entry": item.entry,
        "action": item.action,
        "refers_to": item.refers_to,
        "at": item.at_utc,
        "kind": item.kind,
        "channel": item.channel,
        "details": item.details,
        "entered": item.entered_at_utc,
        "nonce": item.nonce,
    }
    return json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def link(previous: str, item: ChainEntry) -> str:
    """This entry's chain hash: SHA-256 over the previous entry's chain hash and this entry's content."""
    return hashlib.sha256(DOMAIN + previous.encode("ascii") + b"\n" + canonical(item)).hexdigest()


def first_break(items: list[ChainEntry], hashes: list[str]) -> int | None:
    """The position (0-based) of the first entry whose stored hash or number does not follow, or None."""
    previous = GENESIS
    for position, (item, stored) in enumerate(zip(items, hashes, strict=True)):
        if item.entry != position + 1 or link(previous, item) != stored:
            return position
        if item.action not in ACTIONS or (item.action == Action.RECORD) != (item.refers_to is None):
            return position
        if item.refers_to is not None and not 1 <= item.refers_to < item.entry:
            return position
        previous = stored
    return None
