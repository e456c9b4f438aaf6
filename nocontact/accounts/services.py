"""Writes for accounts and API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from nocontact import messages, registry
from nocontact.accounts.models import THEMES, AccessEvent, AccountSession, ApiToken, TrustedDevice, User
from nocontact.domain.days import BadTimeZone, zone
from nocontact.errors import ServiceError
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
    """Erase everything: the account and, by cascade, all it holds; and what every app cleans up besides
    (nocontact/registry.py: its sessions on every device, the login-throttling records under its name,
    alerts still queued for its support circle)."""
    if " ".join(str(confirmation or "").lower().split()) != ERASE_PHRASE:
        raise ServiceError(messages.ERASE_CONFIRM.format(phrase=ERASE_PHRASE), field="confirmation")
    with transaction.atomic():
        registry.account_erase(user)
        user.delete()
        # With the account went its wrapped data key: what lingers of its words can no longer be opened.
        checkpoint_after_delete()


def time_zone_set(*, user: User, tz: Any) -> str:
    """Choose the zone the person's own days are counted in (journal, mood, pauses). Returns its IANA name."""
    try:
        name = zone(tz if isinstance(tz, str) else "").key
    except BadTimeZone:
        raise ServiceError(messages.PLAN_BAD_TZ.format(tz=tz), field="tz") from None
    user.tz = name
    user.save(update_fields=["tz"])
    return name


def theme_set(*, user: User, theme: Any) -> str:
    """Light or dark pages for this person, or "" to follow each device's own setting."""
    if theme not in {key for key, _ in THEMES}:
        raise ServiceError(messages.THEME_UNKNOWN, field="theme")
    user.theme = theme
    user.save(update_fields=["theme"])
    return str(theme)


def time_zone_default(*, user: User, tz: str) -> None:
    """A first plan's zone becomes the account's, if the person has not chosen one yet."""
    if not user.tz and User.objects.filter(pk=user.pk, tz="").update(tz=tz):
        user.tz = tz


def token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token; the raw value is returned once and never stored."""
    name = (name or "").strip()[:80] or "API token"
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, prefix=raw[:10], digest=token_digest(raw))
    token.name = name
    token.save()
    return token, raw


def token_revoke(*, token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


def token_authenticate(raw: str) -> User | None:
    """The active token's user, or None. Touches last_used_at at most once a minute."""
    if not raw or not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(raw), revoked_at=None, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or token.last_used_at < now - timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


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


# --- Ways back in: sessions, trusted devices, tokens, and the access log --------------------------

ACCESS_KEEP = 50  # events shown and kept per person
ACCESS_DAYS = 90  # and none older than this


def access_record(*, user: User, kind: str, now: datetime, device: str = "") -> None:
    """Add one event to the person's access log, keeping only the newest 50 of the last 90 days."""
    AccessEvent.objects.create(user=user, kind=kind, at=now, device=device[:60])
    events = AccessEvent.objects.filter(user=user)
    events.filter(at__lt=now - timedelta(days=ACCESS_DAYS)).delete()
    kept = list(events.order_by("-at", "-pk").values_list("pk", flat=True)[:ACCESS_KEEP])
    events.exclude(pk__in=kept).delete()


def session_end(*, user: User, public_id: str) -> bool:
    """End one of the person's sessions, named by its public id. False if there is no such session."""
    for session in AccountSession.objects.filter(user=user).only("session_key"):
        if secrets.compare_digest(session.public_id, public_id):
            session.delete()
            return True
    return False


def sessions_end_except(*, user: User, keep_session_key: str | None) -> int:
    """End every session of the person except this one (``None``: all of them)."""
    sessions = AccountSession.objects.filter(user=user)
    if keep_session_key:
        sessions = sessions.exclude(session_key=keep_session_key)
    return sessions.delete()[0]


def signed_out_everywhere_else(
    *, user: User, keep_session_key: str | None, keep_device_digest: str, now: datetime, device: str
) -> None:
    """End every other session and forget every other trusted device; this browser stays as it is."""
    with transaction.atomic():
        sessions_end_except(user=user, keep_session_key=keep_session_key)
        TrustedDevice.objects.filter(user=user).exclude(digest=keep_device_digest).delete()
        access_record(user=user, kind="signed_out_elsewhere", now=now, device=device)


def ways_back_in_end(*, user: User, keep_session_key: str | None, now: datetime) -> None:
    """After a new password: end every other session, forget every trusted device (their PINs) and revoke
    every API token."""
    sessions_end_except(user=user, keep_session_key=keep_session_key)
    TrustedDevice.objects.filter(user=user).delete()
    ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=now)


def password_changed(*, user: User, keep_session_key: str | None, now: datetime, device: str) -> None:
    """The person changed their password here: every other way back in ends (see ways_back_in_end)."""
    with transaction.atomic():
        ways_back_in_end(user=user, keep_session_key=keep_session_key, now=now)
        access_record(user=user, kind="password_changed", now=now, device=device)


# --- The recovery code --------------------------------------------------------------------------

RECOVERY_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"  # no 0/O, 1/I/L, U: easy to read back from paper
RECOVERY_GROUPS, RECOVERY_GROUP_LENGTH = 5, 5  # about 122 bits


def _recovery_clean(code: Any) -> str:
    if not isinstance(code, str):
        return ""
    return "".join(ch for ch in code.upper() if ch.isalnum())[:60]


def recovery_code_create(*, user: User) -> str:
    """Make a new recovery code (replacing any old one). The code is returned once; only its hash is kept."""
    from django.contrib.auth.hashers import make_password

    letters = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_GROUPS * RECOVERY_GROUP_LENGTH))
    user.recovery_hash = make_password(letters)
    user.save(update_fields=["recovery_hash"])
    size = RECOVERY_GROUP_LENGTH
    return "-".join(letters[i : i + size] for i in range(0, len(letters), size))


def recovery_code_remove(*, user: User) -> None:
    user.recovery_hash = ""
    user.save(update_fields=["recovery_hash"])


def password_recover(*, username: str, code: str, password: str, now: datetime, device: str) -> User:
    """Set a new password with the login name and the recovery code. The code is used up, and every
    session, trusted device and token of the account ends. Wrong name or code: one calm error, the same
    for both, that takes as long either way."""
    from django.contrib.auth.hashers import check_password, make_password

    from nocontact.accounts.throttle import account_named

    wrong = ServiceError(messages.RECOVERY_FAILED, field="code")
    user = account_named(username)  # found exactly as login finds it
    cleaned = _recovery_clean(code)
    if user is None or not user.recovery_hash:
        make_password(cleaned)  # the same work as a real check, so timing says nothing
        raise wrong
    if not cleaned or not check_password(cleaned, user.recovery_hash):
        access_record(user=user, kind="recovery_failed", now=now, device=device)
        raise wrong
    with transaction.atomic():
        user.set_password(password)
        user.recovery_hash = ""
        user.save(update_fields=["password", "recovery_hash"])
        ways_back_in_end(user=user, keep_session_key=None, now=now)
        access_record(user=user, kind="password_recovered", now=now, device=device)
    return user


def recovery_allowed(*, key: str, now: datetime, limit: int) -> bool:
    """Count recovery attempts (per address, and per login name) in the shared cache, one hour window."""
    digest = hashlib.sha256(key.encode()).hexdigest()
    name = f"recover:{digest}:{now:%Y%m%d%H}"
    added = cache.add(name, 1, timeout=3700)
    count = 1 if added else cache.incr(name)
    return count <= limit
