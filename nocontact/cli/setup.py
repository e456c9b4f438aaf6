"""Start Django for the command line, and bring the database up to date on first use."""

from __future__ import annotations

import getpass
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from nocontact.domain.days import BadTimeZone, zone


def django_setup(*, full: bool = False) -> None:
    """Set Django up: with every app for `serve` and `migrate`, with the CLI's few otherwise."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nocontact.settings" if full else "nocontact.cli.settings")
    import django

    django.setup()


# pg_advisory_lock's key for migrating: any fixed 64-bit number, the same in every process ("nocontac").
MIGRATE_LOCK_KEY = 0x6E6F636F6E746163


@contextmanager
def migrate_lock() -> Iterator[None]:
    """One process at a time brings the database up to date; the others wait, then find it current.

    PostgreSQL: a session advisory lock (released if the process dies). SQLite: an exclusive lock on a
    file beside the database (released by the system if the process dies)."""
    from django.conf import settings
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [MIGRATE_LOCK_KEY])
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [MIGRATE_LOCK_KEY])
        return
    try:
        import fcntl
    except ImportError:  # not POSIX: nothing to lock with; one process at a time is then up to the user
        yield
        return
    name = str(settings.DATABASES["default"]["NAME"])
    if connection.vendor != "sqlite" or name.startswith(":") or "mode=memory" in name:
        yield
        return
    path = Path(name).with_name(Path(name).name + ".migrate-lock")
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def migrate(verbosity: int = 0) -> None:
    """Apply pending migrations (a no-op when the database is current), one process at a time."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    with migrate_lock():
        executor = MigrationExecutor(connection)
        targets = executor.loader.graph.leaf_nodes()
        if executor.migration_plan(targets):
            call_command("migrate", interactive=False, verbosity=verbosity)
        if "django.contrib.sessions" in settings.INSTALLED_APPS:
            call_command("createcachetable", verbosity=verbosity)


def system_zone() -> str:
    """This machine's IANA time zone name, or UTC if it cannot be told."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    localtime = Path("/etc/localtime")
    if localtime.is_symlink():
        target = str(localtime.resolve())
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    try:
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    except OSError:
        pass
    for name in candidates:
        if name:
            try:
                return zone(name).key
            except BadTimeZone:
                continue
    return "UTC"


def local_username() -> str:
    try:
        name = getpass.getuser()
    except (OSError, KeyError):
        name = ""
    name = re.sub(r"[^A-Za-z0-9_.-]", "", name)[:40]
    return name if len(name) >= 3 else "me"
