"""`nocontact verify-export FILE`: is a safety-log export (CSV or PDF) intact, and signed by the key we trust?

No database and no account needed: only the file, and this server's public key (or the one given).
Exit 0: intact and signed by that key. Exit 1: altered, unsigned, or signed by another key. Exit 2: usage.
"""

from __future__ import annotations

import argparse
import binascii
import re
from base64 import b64decode
from pathlib import Path

from nocontact import config, messages
from nocontact.cli.errors import CliError

MAX_BYTES = 200 * 1024 * 1024
NOT_VERIFIED = 1


def _given_key(raw: str) -> bytes | str:
    """The raw public key, or a fingerprint (32 hex digits) to compare with."""
    text = raw.strip()
    path = Path(text).expanduser()
    if len(text) < 200 and path.is_file():
        text = path.read_text(encoding="ascii", errors="replace").strip()
    compact = text.replace(" ", "").lower()
    if re.fullmatch(r"[0-9a-f]{32}", compact):
        return compact
    try:
        key = b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise CliError(messages.VERIFY_BAD_PUBLIC_KEY) from None
    if len(key) != 32:
        raise CliError(messages.VERIFY_BAD_PUBLIC_KEY)
    return key


def run(args: argparse.Namespace) -> int:
    from nocontact.safety import signing
    from nocontact.safety.verify import verify

    path = Path(args.file)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise CliError(messages.VERIFY_CANNOT_READ.format(path=path, reason="it is too large for an export"))
        data = path.read_bytes()
    except OSError as exc:
        raise CliError(messages.VERIFY_CANNOT_READ.format(path=path, reason=exc.strerror or exc)) from None
    given = args.public_key is not None
    trusted: bytes | str | None
    if given:
        trusted = _given_key(args.public_key)
    else:
        try:
            trusted = signing.server_public_key()
        except config.ConfigError as exc:
            raise CliError(str(exc)) from None
    verdict = verify(data, trusted=trusted, given=given)
    print(verdict.message)
    return 0 if verdict.ok else NOT_VERIFIED
