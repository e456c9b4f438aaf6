"""The account's own part: who it is and its API tokens in the export; on erasing, its sessions and the
login-throttling records under its name (see nocontact/registry.py)."""

from __future__ import annotations

from typing import Any

from nocontact import registry
from nocontact.accounts.models import AccountSession, User
from nocontact.registry import iso as _iso


def _user(user: User) -> dict[str, Any]:
    return {"username": user.username, "date_joined": _iso(user.date_joined)}


def _api_tokens(user: User) -> list[dict[str, Any]]:
    return [
        {
            "name": t.name,
            "starts_with": t.prefix,
            "created_at": _iso(t.created_at),
            "last_used_at": _iso(t.last_used_at),
            "revoked_at": _iso(t.revoked_at),
        }
        for t in user.api_tokens.all()
    ]


def _sessions_erase(user: User) -> None:
    AccountSession.objects.filter(user=user).delete()  # the cascade would too; said here, plainly


def _throttle_erase(user: User) -> None:
    from axes.models import AccessAttempt

    AccessAttempt.objects.filter(username__iexact=user.username).delete()


def register() -> None:
    registry.export_section("user", _user)
    registry.export_section("api_tokens", _api_tokens)
    registry.eraser(_sessions_erase)
    registry.eraser(_throttle_erase)
