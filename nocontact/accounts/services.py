"""Writes for accounts and API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from nocontact import messages
from nocontact.accounts.models import ApiToken, User
from nocontact.errors import ServiceError

TOKEN_PREFIX = "nc_"  # noqa: S105 (a label, not a secret)


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def user_create(*, username: str, password: str | None) -> User:
    """Create an account with exactly this username. ``password=None``: a local CLI account with no web login."""
    user = User(username=username)
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    taken = ServiceError(messages.SIGNUP_UNAVAILABLE, field="username")
    if User.objects.filter(username__iexact=username).exists():
        raise taken
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        raise taken from None
    return user


def user_sign_up(*, name: str, password: str) -> User:
    """Create an account whose login name is the chosen name plus a random number ("sam-4821").

    The number means sign-up never has to say that a name is taken, so it reveals nothing about
    who else has an account here. Collisions are retried with a new number, then a longer one.
    """
    for attempt in range(40):
        digits = 4 if attempt < 20 else 6
        number = secrets.randbelow(9 * 10 ** (digits - 1)) + 10 ** (digits - 1)
        try:
            return user_create(username=f"{name}-{number}", password=password)
        except ServiceError:
            continue
    raise ServiceError(messages.SIGNUP_TRY_AGAIN, field="username")


def signup_allowed(*, ip: str, now: datetime, limit: int) -> bool:
    """Count sign-up attempts per address in the shared cache (one hour window)."""
    key = f"signup:{hashlib.sha256(ip.encode()).hexdigest()}:{now:%Y%m%d%H}"
    added = cache.add(key, 1, timeout=3700)
    count = 1 if added else cache.incr(key)
    return count <= limit


def user_delete(*, user: User) -> None:
    """Delete the account and, by cascade, every plan, entry and token it owns."""
    with transaction.atomic():
        user.delete()


def token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token; the raw value is returned once and never stored."""
    name = (name or "").strip()[:80] or "API token"
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, prefix=raw[:10], digest=token_digest(raw))
    return token, raw


def token_revoke(*, token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


def token_authenticate(raw: str) -> User | None:
    """The active token's user, or None. Touches last_used_at at most once a minute."""
    if not raw or not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
        return None
    try:
        token = ApiToken.objects.select_related("user").get(
            digest=token_digest(raw), revoked_at__isnull=True, user__is_active=True
        )
    except ApiToken.DoesNotExist:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
