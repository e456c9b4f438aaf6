"""At sign-in: start the idle clock, note when and in which browser (for the sessions list), and keep
the access log. A wrong password for an account is logged for its owner to see."""

from __future__ import annotations

import time
from typing import Any

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone

from nocontact.accounts.devices import describe
from nocontact.accounts.models import User
from nocontact.accounts.sessions import DEVICE_KEY, SINCE_KEY
from nocontact.safety.middleware import SEEN_KEY

# Set on the request by a sign-in that is not a password (the PIN), so the access log can say which.
SIGN_IN_KIND = "nocontact_sign_in_kind"


def _device(request: HttpRequest | None) -> str:
    return describe(request.headers.get("User-Agent")) if request is not None else ""


@receiver(user_logged_in)
def on_login(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    from nocontact.accounts.services import access_record

    session = request.session
    if user.idle_lock_minutes:
        session.set_expiry(0)  # no "remember me": the session ends when the browser closes
    session[SEEN_KEY] = time.time()
    session[SINCE_KEY] = time.time()
    session[DEVICE_KEY] = _device(request)
    session.save()
    access_record(
        user=user, kind=getattr(request, SIGN_IN_KIND, "sign_in"), now=timezone.now(), device=_device(request)
    )


@receiver(user_login_failed)
def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    """A failed sign-in (a wrong password, or any password while the pause holds): shown in the account's
    access log; on the account's own trusted device it also counts against that device (see
    nocontact/accounts/throttle.py)."""
    from nocontact.accounts import throttle
    from nocontact.accounts.services import access_record
    from nocontact.safety.services import device_failed

    name = (credentials or {}).get("username")
    user = throttle.account_named(name)
    if user is None:
        return
    access_record(user=user, kind="sign_in_failed", now=timezone.now(), device=_device(request))
    trusted = throttle.trusted_device_of(request, user) if request is not None else None
    if trusted is not None:
        device_failed(device=trusted)
