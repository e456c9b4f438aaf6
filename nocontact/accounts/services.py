"""Writes for accounts and API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from nocontact import messages
from nocontact.accounts.models import ApiToken, SignedInSession, User
from nocontact.errors import ServiceError
from nocontact.rows import fetch
from nocontact.wipe import checkpoint_after_delete

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


ERASE_PHRASE = "erase everything"


def user_delete(*, user: User, confirmation: str) -> None:
    """Erase everything: the account and, by cascade, all it holds; its sessions on every device; the
    login-throttling records under its name; alerts still queued for its support circle."""
    if " ".join(str(confirmation or "").lower().split()) != ERASE_PHRASE:
        raise ServiceError(messages.ERASE_CONFIRM.format(phrase=ERASE_PHRASE), field="confirmation")
    from axes.models import AccessAttempt
    from django.contrib.sessions.models import Session
    from django_tasks_db.models import DBTaskResult

    from nocontact.urges.models import SupportPerson

    with transaction.atomic():
        keys = SignedInSession.objects.filter(user=user).values_list("session_key", flat=True)
        Session.objects.filter(session_key__in=list(keys)).delete()
        people = set(SupportPerson.objects.filter(user=user).values_list("pk", flat=True))
        if people:
            # Alerts queued or kept for this person's circle hold only ids, but they are still theirs.
            alerts = DBTaskResult.objects.filter(task_path__endswith="send_alert").values_list("id", "args_kwargs")
            theirs = [pk for pk, call in alerts if set((call or {}).get("args") or []) & people]
            DBTaskResult.objects.filter(id__in=theirs).delete()
        AccessAttempt.objects.filter(username__iexact=user.username).delete()
        user.delete()
        # With the account went its wrapped data key: what lingers of its words can no longer be opened.
        checkpoint_after_delete()


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


# Every API call starts here: one raw query (building it through the ORM cost ten times running it)
# for the active token's user, and whether the token's last use is more than a minute old.
_TOKEN_USER_SQL = (
    f"SELECT u.*, t.id AS token_pk, (t.last_used_at IS NULL OR t.last_used_at < %s) AS token_stale "  # noqa: S608
    f"FROM {User._meta.db_table} u JOIN {ApiToken._meta.db_table} t ON t.user_id = u.id "
    "WHERE t.digest = %s AND t.revoked_at IS NULL AND u.is_active"
)


def token_authenticate(raw: str) -> User | None:
    """The active token's user, or None. Touches last_used_at at most once a minute."""
    if not raw or not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
        return None
    now = timezone.now()
    minute_ago = connection.ops.adapt_datetimefield_value(now - timedelta(minutes=1))
    found = fetch(User, _TOKEN_USER_SQL, [minute_ago, token_digest(raw)])
    if not found:
        return None
    user = found[0]
    if user.token_stale:  # type: ignore[attr-defined]
        ApiToken.objects.filter(pk=user.token_pk).update(last_used_at=now)  # type: ignore[attr-defined]
    return user


def safety_defaults_apply(*, user: User) -> None:
    """A plan entered safety mode: turn on the quick exit and the idle lock, unless a lock is already set.

    The person can change either later; this only sets the safe starting point."""
    from django.conf import settings

    fields: dict[str, object] = {"quick_exit": True}
    if user.idle_lock_minutes is None:
        fields["idle_lock_minutes"] = settings.SAFETY_IDLE_MINUTES
    User.objects.filter(pk=user.pk).update(**fields)
    for name, value in fields.items():
        setattr(user, name, value)
