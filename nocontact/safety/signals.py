"""Keep track of who is signed in where, and start the idle clock at login."""

from __future__ import annotations

import time
from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver
from django.http import HttpRequest

from nocontact.accounts.models import SignedInSession, User
from nocontact.safety.middleware import SEEN_KEY


@receiver(user_logged_in)
def on_login(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    session = request.session
    if user.idle_lock_minutes:
        session.set_expiry(0)  # no "remember me": the session ends when the browser closes
        session[SEEN_KEY] = time.time()
    if session.session_key is None:
        session.save()
    from django.contrib.sessions.models import Session  # the command line runs without sessions

    SignedInSession.objects.filter(user=user).exclude(session_key__in=Session.objects.values("session_key")).delete()
    SignedInSession.objects.get_or_create(session_key=session.session_key, defaults={"user": user})


@receiver(user_logged_out)
def on_logout(sender: Any, request: HttpRequest, user: User | None, **kwargs: Any) -> None:
    key = getattr(getattr(request, "session", None), "session_key", None)
    if key:
        SignedInSession.objects.filter(session_key=key).delete()
