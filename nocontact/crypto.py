"""Encryption at rest for the words people write, and for who they turn to (see docs/privacy-and-security.md).

AES-256-GCM. Each user has a random data key, stored only wrapped (encrypted)
by the master key, which lives outside the database: NOCONTACT_MASTER_KEY
(base64 of 32 bytes), or the file named by NOCONTACT_MASTER_KEY_FILE, or a
0600 file ``master.key`` in the data folder, made on first use.

Every ciphertext is bound to its owner, table, field and row through the
associated data, so a ciphertext copied to another row or user fails to
decrypt instead of showing someone else's words.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import threading
from collections.abc import Callable
from functools import cache
from operator import attrgetter
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar, overload

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from nocontact import config

PREFIX = "v1:"
NONCE_BYTES = 12
_lock = threading.Lock()
T = TypeVar("T")


class DecryptionError(RuntimeError):
    """A ciphertext could not be opened here (wrong key, wrong row, or damaged)."""


class KeyOwner(Protocol):
    pk: Any
    wrapped_key: str

    def claim_wrapped_key(self, wrapped: str) -> str:
        """Store ``wrapped`` unless a key is already stored; return the one that is stored."""
        ...


def _decode_key(text: str, where: str) -> bytes:
    try:
        key = base64.urlsafe_b64decode(text.strip().encode("ascii"))
    except (binascii.Error, ValueError, UnicodeEncodeError) as exc:
        raise config.ConfigError(f"The master key in {where} is not valid base64.") from exc
    if len(key) != 32:
        raise config.ConfigError(f"The master key in {where} must be 32 bytes (base64 encoded).")
    return key


def master_key_path() -> Path:
    explicit = os.environ.get("NOCONTACT_MASTER_KEY_FILE")
    return Path(explicit).expanduser() if explicit else config.data_dir() / "master.key"


def _parse_keys(text: str, where: str) -> tuple[bytes, ...]:
    keys = tuple(_decode_key(part, where) for part in text.replace(",", "\n").split() if part.strip())
    if not keys:
        raise config.ConfigError(f"No master key found in {where}.")
    return keys


@cache
def master_keys() -> tuple[bytes, ...]:
    """Every master key in use, newest first. More than one only while a rotation is under way."""
    env = os.environ.get("NOCONTACT_MASTER_KEY", "").strip()
    if env:
        return _parse_keys(env, "NOCONTACT_MASTER_KEY")
    path = master_key_path()
    if os.environ.get("NOCONTACT_MASTER_KEY_FILE") and not path.exists():
        raise config.ConfigError(f"NOCONTACT_MASTER_KEY_FILE points to {path}, which does not exist.")
    if not path.exists() and config.hosted():
        raise config.ConfigError(
            "Hosted mode needs a master key outside the database: set NOCONTACT_MASTER_KEY or "
            "NOCONTACT_MASTER_KEY_FILE (see docs/privacy-and-security.md)."
        )
    text = config.read_or_create_secret_bytes(path) if not path.exists() else path.read_text(encoding="ascii")
    return _parse_keys(text, str(path))


def master_key() -> bytes:
    """The newest master key: the one new data keys are wrapped with."""
    return master_keys()[0]


def key_id(key: bytes) -> str:
    """A short, public name for a master key (it reveals nothing about the key)."""
    return hashlib.sha256(b"nocontact-master-key-id:" + key).hexdigest()[:12]


def new_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def generate_master_key() -> str:
    return base64.urlsafe_b64encode(new_key()).decode("ascii")


def _seal(key: bytes, plaintext: bytes, aad: bytes) -> str:
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(key).encrypt(nonce, plaintext, aad)
    return PREFIX + base64.urlsafe_b64encode(nonce + sealed).decode("ascii")


def _open(key: bytes, token: str, aad: bytes) -> bytes:
    return _open_with(AESGCM(key), token, aad)


def _open_with(cipher: AESGCM, token: str, aad: bytes) -> bytes:
    if not token.startswith(PREFIX):
        raise DecryptionError("not a nocontact ciphertext")
    try:
        raw = base64.urlsafe_b64decode(token[len(PREFIX) :].encode("ascii"))
        return cipher.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], aad)
    except (InvalidTag, binascii.Error, ValueError) as exc:
        raise DecryptionError("this text cannot be opened here") from exc


def _wrap_aad(owner: KeyOwner) -> bytes:
    return f"nocontact:user-key:{owner.pk}".encode()


def wrap_user_key(owner: KeyOwner, key: bytes, master: bytes) -> str:
    """``key`` sealed by ``master``, labelled with the master key's id: ``<id>:v1:...``."""
    return f"{key_id(master)}:{_seal(master, key, _wrap_aad(owner))}"


def unwrap_user_key(owner: KeyOwner) -> bytes:
    kid, _, sealed = owner.wrapped_key.partition(":")
    for master in master_keys():
        if key_id(master) == kid:
            return _open(master, sealed, _wrap_aad(owner))
    raise DecryptionError(
        f"the master key {kid} that protects this account's data is not configured (see docs/privacy-and-security.md)"
    )


def user_key(owner: KeyOwner) -> bytes:
    """The owner's data key, created and stored (wrapped) on first use."""
    cached: bytes | None = getattr(owner, "_nocontact_data_key", None)
    if cached is not None:
        return cached
    if owner.pk is None:
        raise ValueError("save the user before encrypting for them")
    with _lock:
        if not owner.wrapped_key:
            # Another request (or a stale copy of this user) may be creating a key right now:
            # only the first one stored wins, and everyone then uses that one.
            key = AESGCM.generate_key(bit_length=256)
            wrapped = wrap_user_key(owner, key, master_key())
            if owner.claim_wrapped_key(wrapped) != wrapped:
                key = unwrap_user_key(owner)
        else:
            key = unwrap_user_key(owner)
    owner._nocontact_data_key = key  # type: ignore[attr-defined]
    return key


def _aad(owner: KeyOwner, table: str, field: str, row: str) -> bytes:
    return f"nocontact:{owner.pk}:{table}:{field}:{row}".encode()


def encrypt_text(owner: KeyOwner, *, table: str, field: str, row: str, text: str) -> str:
    """Encrypt ``text`` for ``owner``, bound to one field of one row. Empty stays empty."""
    if not text:
        return ""
    return _seal(user_key(owner), text.encode("utf-8"), _aad(owner, table, field, row))


def decrypt_text(owner: KeyOwner, *, table: str, field: str, row: str, token: str) -> str:
    if not token:
        return ""
    return _open(user_key(owner), token, _aad(owner, table, field, row)).decode("utf-8")


class Reader:
    """Decrypts many values of one owner with one cipher object (for search over a whole journal)."""

    def __init__(self, owner: KeyOwner) -> None:
        self.owner = owner
        self.cipher = AESGCM(user_key(owner))

    def read(self, *, table: str, field: str, row: str, token: str) -> str:
        if not token:
            return ""
        return _open_with(self.cipher, token, _aad(self.owner, table, field, row)).decode("utf-8")


def needs_rewrap(owner: KeyOwner) -> bool:
    return bool(owner.wrapped_key) and not owner.wrapped_key.startswith(key_id(master_key()) + ":")


class Encrypted(property, Generic[T]):
    """A model attribute read and written as plain values, stored encrypted in ``<name>_encrypted``.

        reason = crypto.Encrypted(table="plan")                                  # text
        topics = crypto.Encrypted(table="plan_boundaries", empty=list[str],      # JSON, [] when empty
                                  owner="plan.user", row="plan.public_id")

    ``owner`` and ``row`` are attribute paths on the model instance: whose data key seals the value,
    and which row it is bound to (with ``table`` and the attribute's name, the associated data). Text
    is stored as it is; with ``empty``, the value is stored as JSON and nothing stored reads as
    ``empty()``. Empty values are stored as "" (no ciphertext), so "has a value" stays a plain query.

    A ``property`` subclass, so Django takes it as a keyword like a field (``Helper(text=...)``).
    What it decrypted is remembered on the instance beside the ciphertext it came from, so a value
    read twice is decrypted once and a changed ciphertext is never answered from memory.
    """

    @overload
    def __init__(self: Encrypted[str], *, table: str, owner: str = "user", row: str = "public_id") -> None: ...

    @overload
    def __init__(
        self: Encrypted[T], *, table: str, empty: Callable[[], T], owner: str = "user", row: str = "public_id"
    ) -> None: ...

    def __init__(
        self,
        *,
        table: str,
        empty: Callable[[], Any] | None = None,
        owner: str = "user",
        row: str = "public_id",
    ) -> None:
        super().__init__()
        self.table = table
        self.empty = empty
        self.owner = attrgetter(owner)
        self.row = attrgetter(row)
        self.field = ""
        self.stored = ""

    def __set_name__(self, model: type, name: str) -> None:
        self.field = name
        self.stored = f"{name}_encrypted"
        self.memo = f"_{name}_decrypted"
        self.__doc__ = f"{name}, stored encrypted in {self.stored}"

    @overload
    def __get__(self, obj: None, objtype: type | None = None) -> Encrypted[T]: ...

    @overload
    def __get__(self, obj: object, objtype: type | None = None) -> T: ...

    def __get__(self, obj: object | None, objtype: type | None = None) -> Any:
        if obj is None:
            return self
        token = getattr(obj, self.stored)
        memo = obj.__dict__.get(self.memo)
        if memo is not None and memo[0] == token:
            return memo[1]
        text = decrypt_text(self.owner(obj), table=self.table, field=self.field, row=self.row(obj), token=token)
        if self.empty is None:
            value: Any = text
        else:
            value = json.loads(text) if text else self.empty()
        obj.__dict__[self.memo] = (token, value)
        return value

    def __set__(self, obj: object, value: T | None) -> None:
        if self.empty is None:
            text = str(value or "")
        else:
            text = json.dumps(value, ensure_ascii=False, separators=(",", ":")) if value else ""
        token = encrypt_text(self.owner(obj), table=self.table, field=self.field, row=self.row(obj), text=text)
        setattr(obj, self.stored, token)

    def __delete__(self, obj: object) -> None:
        raise AttributeError(f"{self.field} cannot be deleted; set it to an empty value")


class StoredOwner:
    """A user row as a data migration sees it (historical models have none of the model's methods)."""

    def __init__(self, row: Any) -> None:
        self.row = row
        self.pk = row.pk
        self.wrapped_key: str = row.wrapped_key

    def claim_wrapped_key(self, wrapped: str) -> str:
        model = type(self.row)
        if not model.objects.filter(pk=self.pk, wrapped_key="").update(wrapped_key=wrapped):
            wrapped = model.objects.values_list("wrapped_key", flat=True).get(pk=self.pk)
        self.wrapped_key = wrapped
        return wrapped
