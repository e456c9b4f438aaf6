"""Password throttling (django-axes), keyed exactly as login finds an account.

Login finds the account with the user manager's case-insensitive match, after the login form has
trimmed the name and normalised it (NFKC). Axes gets the same key: the stored name of the account
that login would find, in lower case; for a name with no account, the typed name normalised the same
way. So ``VICTIM-9013`` and ``victim-9013`` count as one name, as they are one account.

A person on their own trusted device (its cookie, for this very account) is not held back by
guesses made by someone else from the same address: axes leaves such a sign-in alone. Wrong passwords
typed on that device count against the device instead, and after a few of them it is no longer
trusted (nocontact/safety/services.py ``device_failed``), so holding the device does not give
unlimited guesses. The PIN never goes through axes: it has its own limit per device.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django.http import HttpRequest

from nocontact.accounts.models import TrustedDevice, User

NAME_MAX = 150


def _typed_name(request: HttpRequest | None, credentials: dict[str, Any] | None) -> Any:
    if credentials and "username" in credentials:
        return credentials.get("username")
    if request is None:
        return None
    return getattr(request, "data", request.POST).get("username")


def _normal(name: Any) -> str | None:
    if not isinstance(name, str):
        return None
    return unicodedata.normalize("NFKC", name).strip()[:NAME_MAX]


def account_named(name: Any) -> User | None:
    """The account login would find for this name, or None."""
    text = _normal(name)
    if not text:
        return None
    found = list(User.objects.filter(username__iexact=text)[:2])
    return found[0] if len(found) == 1 else None


def login_name_key(request: HttpRequest | None, credentials: dict[str, Any] | None = None) -> str | None:
    """AXES_USERNAME_CALLABLE: the name attempts are counted under."""
    text = _normal(_typed_name(request, credentials))
    if text is None:
        return None
    user = account_named(text)
    return (user.username if user is not None else text).lower()


def trusted_device_of(request: HttpRequest, user: User) -> TrustedDevice | None:
    """This request's trusted device, if it belongs to ``user``."""
    from nocontact.accounts.devices import DEVICE_COOKIE, device_get

    device = device_get(request.COOKIES.get(DEVICE_COOKIE, ""))
    return device if device is not None and device.user_id == user.pk else None


def own_trusted_device(request: HttpRequest | None, credentials: dict[str, Any] | None = None) -> bool:
    """AXES_WHITELIST_CALLABLE: the sign-in comes from a device the account itself trusts."""
    if request is None:
        return False
    user = account_named(_typed_name(request, credentials))
    return user is not None and trusted_device_of(request, user) is not None
