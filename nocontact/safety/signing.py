"""The server's Ed25519 key that signs safety-log exports, and the signature line an export ends with.

The key is NOCONTACT_SIGNING_KEY (base64 of a 32-byte Ed25519 private key), or the file named by
NOCONTACT_SIGNING_KEY_FILE, or a 0600 file ``signing.key`` in the data folder, made on first use.
Plain Python (no Django): `nocontact verify-export` uses it without touching the database.

An export is signed as a whole: its last line is ``<mark>nocontact-signature v1 ed25519 <public key>
<signature>``, where the signature covers every byte before that line. ``<mark>`` is ``#`` in a CSV and
``%`` (a comment) in a PDF.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from nocontact import config

TAG = b"nocontact-signature v1 ed25519 "
CONTEXT = b"nocontact export signature v1\n"


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def decode_key(text: str, where: str) -> bytes:
    try:
        raw = base64.b64decode(text.strip().encode("ascii"), altchars=b"-_", validate=False)
    except (binascii.Error, ValueError, UnicodeEncodeError) as exc:
        raise config.ConfigError(f"The signing key in {where} is not valid base64.") from exc
    if len(raw) != 32:
        raise config.ConfigError(f"The signing key in {where} must be 32 bytes (base64 encoded).")
    return raw


def key_path() -> Path:
    explicit = os.environ.get("NOCONTACT_SIGNING_KEY_FILE")
    return Path(explicit).expanduser() if explicit else config.data_dir() / "signing.key"


def private_key(*, create: bool = True) -> Ed25519PrivateKey | None:
    """This server's signing key; made on first use (or None, when ``create`` is False and there is none)."""
    env = os.environ.get("NOCONTACT_SIGNING_KEY", "").strip()
    if env:
        return Ed25519PrivateKey.from_private_bytes(decode_key(env, "NOCONTACT_SIGNING_KEY"))
    path = key_path()
    if os.environ.get("NOCONTACT_SIGNING_KEY_FILE") and not path.exists():
        raise config.ConfigError(f"NOCONTACT_SIGNING_KEY_FILE points to {path}, which does not exist.")
    if not path.exists() and not create:
        return None
    text = config.read_or_create_secret_bytes(path)  # 32 random bytes, written 0600 once, atomically
    return Ed25519PrivateKey.from_private_bytes(decode_key(text, str(path)))


def public_bytes(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def server_public_key(*, create: bool = False) -> bytes | None:
    """This server's public key; None if it has signed nothing yet (unless ``create``)."""
    key = private_key(create=create)
    return None if key is None else public_bytes(key.public_key())


def fingerprint(public: bytes) -> str:
    """A short name for a public key that a person can read aloud and compare: 8 groups of 4."""
    digest = hashlib.sha256(public).hexdigest()[:32]
    return " ".join(digest[i : i + 4] for i in range(0, 32, 4))


def sign(body: bytes, *, mark: bytes, newline: bytes) -> bytes:
    """``body`` followed by its signature line."""
    key = private_key()
    assert key is not None
    signature = key.sign(CONTEXT + body)
    line = mark + TAG + _b64(public_bytes(key.public_key())).encode() + b" " + _b64(signature).encode() + newline
    return body + line


@dataclass(frozen=True)
class Signed:
    body: bytes  # everything before the signature line
    public_key: bytes
    valid: bool  # the signature matches the body and the key in the line


def read_signature(data: bytes) -> Signed | None:
    """The export's body and signature, or None if its last line is not a nocontact signature."""
    trimmed = data.rstrip(b"\r\n")
    start = max(trimmed.rfind(b"\n"), trimmed.rfind(b"\r")) + 1
    line = trimmed[start:]
    if not line[1:].startswith(TAG):
        return None
    parts = line[1 + len(TAG) :].split(b" ")
    if len(parts) != 2:
        return None
    try:
        public = base64.b64decode(parts[0], validate=True)
        signature = base64.b64decode(parts[1], validate=True)
        Ed25519PublicKey.from_public_bytes(public).verify(signature, CONTEXT + data[:start])
    except (binascii.Error, ValueError):
        return None
    except InvalidSignature:
        return Signed(body=data[:start], public_key=public, valid=False)
    return Signed(body=data[:start], public_key=public, valid=True)
