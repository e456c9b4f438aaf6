"""Rotating the master key: every account's data key is re-wrapped; no journal text is touched.

Safe to stop at any point and run again: while it runs, the key file holds the new key first and
the old ones after it, and each account's wrapped key names the master key that opens it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from nocontact import crypto
from nocontact.accounts.models import User
from nocontact.errors import ServiceError

ENV_ROTATION = (
    "The master key comes from NOCONTACT_MASTER_KEY. To rotate it: set NOCONTACT_MASTER_KEY to "
    "'NEW,OLD' (make NEW with `nocontact rotate-key --generate`), run `nocontact rotate-key` on one "
    "machine, then set it to NEW alone everywhere."
)


@dataclass(frozen=True)
class Rotation:
    new_key_id: str
    rewrapped: int
    retired_key_ids: tuple[str, ...]


def _write_keys(path: Path, keys: tuple[bytes, ...]) -> None:
    """Replace the key file atomically, 0600, flushed to disk before it takes the old one's place."""
    import base64

    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        for key in keys:
            handle.write(base64.urlsafe_b64encode(key).decode("ascii") + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    crypto.master_keys.cache_clear()


def _rewrap_all() -> int:
    newest = crypto.master_key()
    count = 0
    for user in User.objects.exclude(wrapped_key="").only("pk", "wrapped_key").iterator(chunk_size=500):
        if not crypto.needs_rewrap(user):
            continue
        key = crypto.unwrap_user_key(user)
        User.objects.filter(pk=user.pk).update(wrapped_key=crypto.wrap_user_key(user, key, newest))
        count += 1
    return count


def rotate_master_key() -> Rotation:
    from_env = bool(os.environ.get("NOCONTACT_MASTER_KEY", "").strip())
    keys = crypto.master_keys()
    if from_env:
        if len(keys) < 2:
            raise ServiceError(ENV_ROTATION)
        return Rotation(crypto.key_id(keys[0]), _rewrap_all(), tuple(crypto.key_id(k) for k in keys[1:]))
    path = crypto.master_key_path()
    new = crypto.new_key()
    _write_keys(path, (new, *keys))
    rewrapped = _rewrap_all()
    _write_keys(path, (new,))
    return Rotation(crypto.key_id(new), rewrapped, tuple(crypto.key_id(k) for k in keys))
