"""How a signed-in request finds its person: Django's ModelBackend, with a cheaper lookup.

Every signed-in request asks for the user by primary key. Building that ORM query costs more than
running it (about 0.2 ms against 0.02 ms on SQLite); a hand-written query (nocontact/rows.py)
keeps the model, its field converters and ``user_can_authenticate`` and drops the query building.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from nocontact.accounts.models import User
from nocontact.rows import fetch

_USER_SQL = f"SELECT * FROM {User._meta.db_table} WHERE id = %s"  # noqa: S608 - the table name from the model

# Stored in each session: the login views and tests name it through this constant.
BACKEND = "nocontact.accounts.backends.AccountBackend"


class AccountBackend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        try:
            pk = int(user_id)
        except (TypeError, ValueError):
            return None
        found = fetch(User, _USER_SQL, [pk])
        if not found:
            return None
        user = found[0]
        return user if self.user_can_authenticate(user) else None
