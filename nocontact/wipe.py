"""Deleted words leave the disk, not only the tables.

SQLite runs with ``secure_delete`` (nocontact/settings.py), so a deleted row is overwritten in the database
file. Its earlier versions can still sit in the write-ahead log (the ``-wal`` file) until SQLite checkpoints
and resets it, which a busy server may not do for a long time. After deleting sensitive rows the services
call ``checkpoint_after_delete()``: once the deletion is committed, the log is written into the database
(where secure_delete has zeroed the row) and truncated to nothing.

PostgreSQL has no equivalent: see docs/privacy-and-security.md for what lingers there, and why the words
are encrypted.
"""

from __future__ import annotations

import logging

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction

log = logging.getLogger("nocontact.wipe")
CHECKPOINT_WAIT_MS = 2000


def checkpoint_now(using: str = DEFAULT_DB_ALIAS) -> bool:
    """Write SQLite's log into the database and truncate it. True if every page was written out.

    False when another connection was still reading an older snapshot (the log then keeps those pages
    until the next checkpoint); nothing happens on other databases."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return True
    try:
        with connection.cursor() as cursor:
            # A checkpoint that truncates waits for readers and writers to finish; the person who just
            # deleted something should not wait long for that. Busy now: the next deletion tries again.
            cursor.execute("PRAGMA busy_timeout")
            (previous,) = cursor.fetchone()
            cursor.execute(f"PRAGMA busy_timeout = {CHECKPOINT_WAIT_MS}")
            try:
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                busy, _, _ = cursor.fetchone()
            finally:
                cursor.execute(f"PRAGMA busy_timeout = {int(previous)}")
    except DatabaseError:
        log.warning("The database's write-ahead log could not be emptied after a deletion.")
        return False
    return not busy


def checkpoint_after_delete(using: str = DEFAULT_DB_ALIAS) -> None:
    """Empty SQLite's write-ahead log once the current transaction (if any) has committed."""
    if connections[using].vendor == "sqlite":
        transaction.on_commit(lambda: checkpoint_now(using), using=using)
