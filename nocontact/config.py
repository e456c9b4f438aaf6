"""Where nocontact keeps its files, and the secrets it needs, read from the environment.

Plain Python on purpose: settings.py and the CLI both use it before Django is set up.
"""

from __future__ import annotations

import base64
import ipaddress
import os
import secrets
import stat
from functools import cache
from pathlib import Path

from platformdirs import user_data_dir

LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1", "[::1]"}


class ConfigError(RuntimeError):
    """The environment asks for something nocontact cannot do safely."""


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def data_dir() -> Path:
    """The folder holding the SQLite file and generated keys: created 0700 if missing, and made private
    (0700, its files 0600) once per process, if it already existed with wider permissions."""
    raw = os.environ.get("NOCONTACT_DATA_DIR") or user_data_dir("nocontact", appauthor=False)
    path = Path(raw).expanduser().resolve()
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    make_private(str(path))
    return path


@cache
def make_private(folder: str) -> None:
    """Only the owner may enter ``folder`` or read the files directly in it (the database, its -wal and
    -shm, the keys). Runs once per process and folder; a file that can't be changed is left as it is."""
    path = Path(folder)
    try:
        if stat.S_IMODE(path.stat().st_mode) & 0o077:
            path.chmod(0o700)
        entries = list(path.iterdir())
    except OSError:
        return
    for entry in entries:
        try:
            info = entry.lstat()
            if stat.S_ISREG(info.st_mode) and stat.S_IMODE(info.st_mode) & 0o077:
                entry.chmod(stat.S_IMODE(info.st_mode) & 0o700)
        except OSError:
            continue


def private_file(path: Path) -> Path:
    """Create ``path`` empty and 0600 if it is missing. SQLite gives its -wal and -shm files the
    database file's permissions, so creating the database this way keeps all three private."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass
    return path


def is_loopback(host: str) -> bool:
    host = host.strip()
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def hosted() -> bool:
    """Hosted mode: reachable by others, so secrets and HTTPS settings must be real."""
    return env_flag("NOCONTACT_HOSTED")


def read_or_create_secret(path: Path, nbytes: int = 50) -> str:
    """Read a secret from a 0600 file, creating it atomically the first time."""
    return _read_or_create(path, secrets.token_urlsafe(nbytes))


def read_or_create_secret_bytes(path: Path) -> str:
    """Like read_or_create_secret, for a 32-byte key stored as URL-safe base64."""
    return _read_or_create(path, base64.urlsafe_b64encode(secrets.token_bytes(32)).decode("ascii"))


def _read_or_create(path: Path, value: str) -> str:
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        pass
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(value + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    try:
        # link() fails if another process won the race; then we read its value.
        os.link(tmp, path)
    except FileExistsError:
        pass
    finally:
        tmp.unlink()
    return path.read_text(encoding="ascii").strip()


def secret_key() -> str:
    value = os.environ.get("NOCONTACT_SECRET_KEY", "").strip()
    if value:
        if len(value) < 50 or len(set(value)) < 5:
            raise ConfigError("NOCONTACT_SECRET_KEY is too short: use at least 50 random characters.")
        return value
    if hosted():
        raise ConfigError("Hosted mode needs a real secret: set NOCONTACT_SECRET_KEY to at least 50 random characters.")
    return read_or_create_secret(data_dir() / "secret_key")
