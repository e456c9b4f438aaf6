from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from nocontact.safety.services import exit_url_for

NAME = "nocontact"
DISCREET_NAME = "Notes"


def site(request: HttpRequest) -> dict[str, Any]:
    """The site's name and the safeguards every page needs: read from the user row, no extra query."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {
            "site_name": NAME,
            "discreet": False,
            "quick_exit": True,
            "idle_seconds": 0,
            "exit_url": exit_url_for(user),
            "theme": "",
        }
    return {
        "site_name": DISCREET_NAME if user.discreet else NAME,
        "discreet": user.discreet,
        "quick_exit": user.quick_exit,
        "idle_seconds": (user.idle_lock_minutes or 0) * 60,
        "exit_url": exit_url_for(user),
        "theme": user.theme,
    }
