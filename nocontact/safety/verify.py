"""Check a safety-log export (CSV or PDF): is it intact, and signed by the key we trust?

Plain Python (no Django, no database): the signature line, the hash chain of a CSV, and the key.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from nocontact import messages
from nocontact.domain.safety_chain import ChainEntry, first_break
from nocontact.safety import signing

CHAINED = [
    "entry",
    "action",
    "refers_to",
    "at_utc",
    "kind",
    "channel",
    "details",
    "entered_at_utc",
    "nonce",
    "chain_sha256",
]


@dataclass(frozen=True)
class Verdict:
    ok: bool
    message: str


def _chain(body: bytes) -> tuple[int, int | None]:
    """The number of entries in a CSV body, and the first that breaks the chain (1-based), if any.

    Raises ValueError if the body is not a safety-log CSV.
    """
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
    if not rows or any(name not in rows[0] for name in CHAINED):
        raise ValueError("its columns are not those of a safety log")
    column = {name: rows[0].index(name) for name in CHAINED}
    items, hashes = [], []
    for row in rows[1:]:
        if len(row) != len(rows[0]):
            raise ValueError("a row has the wrong number of columns")
        refers = row[column["refers_to"]]
        items.append(
            ChainEntry(
                entry=int(row[column["entry"]]),
                action=row[column["action"]],
                refers_to=int(refers) if refers else None,
                at_utc=row[column["at_utc"]],
                kind=row[column["kind"]],
                channel=row[column["channel"]],
                details=row[column["details"]],
                entered_at_utc=row[column["entered_at_utc"]],
                nonce=row[column["nonce"]],
            )
        )
        hashes.append(row[column["chain_sha256"]])
    broken = first_break(items, hashes)
    return len(items), None if broken is None else broken + 1


def verify(data: bytes, *, trusted: bytes | str | None, given: bool) -> Verdict:
    """``trusted`` is the public key the file must be signed with: this server's (None if it has none yet),
    or the one the person gave (``given``), as raw bytes or as its fingerprint (32 hex digits).
    """
    signed = signing.read_signature(data)
    if signed is None:
        return Verdict(False, messages.VERIFY_UNSIGNED)
    entries = ""
    if not signed.body.startswith(b"%PDF"):
        try:
            count, broken = _chain(signed.body)
        except (ValueError, UnicodeDecodeError) as exc:
            reason = "not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else str(exc)
            return Verdict(False, messages.VERIFY_NOT_A_LOG.format(reason=reason))
        if broken is not None:
            return Verdict(False, messages.VERIFY_CHAIN_BROKEN.format(entry=broken))
        entries = messages.VERIFY_ENTRIES.format(count=count)
    if not signed.valid:
        return Verdict(False, messages.VERIFY_BAD_SIGNATURE)
    whose = messages.VERIFY_GIVEN_KEY if given else messages.VERIFY_THIS_SERVER
    found = signing.fingerprint(signed.public_key)
    if trusted is None:
        return Verdict(False, messages.VERIFY_NO_SERVER_KEY.format(fingerprint=found))
    if isinstance(trusted, str):  # a fingerprint, 32 hex digits
        expected = " ".join(trusted[i : i + 4] for i in range(0, len(trusted), 4))
        matches = found == expected
    else:
        expected = signing.fingerprint(trusted)
        matches = signed.public_key == trusted
    if not matches:
        return Verdict(False, messages.VERIFY_OTHER_KEY.format(fingerprint=found, whose=whose, expected=expected))
    return Verdict(True, messages.VERIFY_OK.format(whose=whose, fingerprint=found, entries=entries))
