"""Start Django for the command line, and bring the database up to date on first use."""

from __future__ import annotations

import getpass
import os
import re
from pathlib import Path

from nocontact.domain.days import BadTimeZone, zone


def django_setup(*, full: bool = False) -> None:
    """Set Django up: with every app for `serve` and `migrate`, with the CLI's few otherwise."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nocontact.settings" if full else "nocontact.cli.settings")
    import django

    django.setup()


def migrate(verbosity: int = 0) -> None:
    """Apply pending migrations (a no-op when the database is current)."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    targets = executor.loader.graph.leaf_nodes()
    if executor.migration_plan(targets):
        call_command("migrate", interactive=False, verbosity=verbosity)
    from django.conf import settings

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
