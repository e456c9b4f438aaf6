"""Database sessions that know whose they are, through Django's documented extension point.

``AccountSession`` (nocontact/accounts/models.py) adds the owner, when the sign-in began, when it was
last seen and which browser, in plain words; this store fills them in each time a session is saved
("Extending database-backed session engines" in Django's documentation). The owner's id is the
one Django's login puts in the session; the rest is put there at sign-in (nocontact/safety/signals.py).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, cast

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.utils import timezone

if TYPE_CHECKING:
    from nocontact.accounts.models import AccountSession

# Kept in the session's own data, so that every save writes the same values to the row's columns.
SINCE_KEY = "_nc_since"
DEVICE_KEY = "_nc_device"


def _when(value: Any) -> datetime | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
    return None


class SessionStore(DatabaseSessionStore):
    @classmethod
    def get_model_class(cls) -> Any:
        from nocontact.accounts.models import AccountSession

        return AccountSession

    def create_model_instance(self, data: dict[str, Any]) -> Any:
        obj = cast("AccountSession", super().create_model_instance(data))
        try:
            obj.user_id = int(data["_auth_user_id"])
        except (KeyError, TypeError, ValueError):
            obj.user_id = None
        now = timezone.now()
        obj.created_at = _when(data.get(SINCE_KEY)) or now
        obj.last_seen_at = now
        device = data.get(DEVICE_KEY)
        obj.device = device[:60] if isinstance(device, str) else ""
        return obj
