from __future__ import annotations

import hashlib
from typing import ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models

from nocontact import crypto
from nocontact.ids import new_public_id

THEMES = [("", "Follow this device"), ("light", "Light"), ("dark", "Dark")]


class CaseInsensitiveUserManager(UserManager["User"]):
    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(username__iexact=username)


class User(AbstractUser):
    objects: ClassVar[CaseInsensitiveUserManager] = CaseInsensitiveUserManager()

    # The user's data key, wrapped by the master key (see nocontact/crypto.py).
    wrapped_key = models.TextField(blank=True, default="", editable=False)

    # Keeping the app itself safe (see nocontact/safety/). Kept on the user, so reading them costs no query.
    discreet = models.BooleanField(default=False)  # neutral name, title, icon and notification text
    quick_exit = models.BooleanField(default=False)  # the quick-exit button, Escape and Shift x3
    exit_url = models.URLField(max_length=300, blank=True, default="")  # blank: the operator's default
    idle_lock_minutes = models.PositiveSmallIntegerField(null=True, blank=True)  # None: no idle lock
    safety_warned_at = models.DateTimeField(null=True, blank=True)  # the monitoring warning, shown once
    # An optional recovery code, shown once; only its Argon2 hash is kept. Blank: none made.
    recovery_hash = models.CharField(max_length=200, blank=True, default="", editable=False)
    # The IANA zone the person's own days are counted in (journal, mood, pauses); each plan keeps its own zone
    # for its days. Blank until chosen on the account page or set from the first plan.
    tz = models.CharField(max_length=64, blank=True, default="")
    # Light or dark pages; blank follows the device's own setting.
    theme = models.CharField(max_length=5, blank=True, default="", choices=THEMES)

    @property
    def time_zone(self) -> str:
        """The zone of the person's days: the one they chose (or their first plan's), else UTC."""
        return self.tz or "UTC"

    def claim_wrapped_key(self, wrapped: str) -> str:
        """Store a first data key atomically; if one is already stored, adopt it instead."""
        if not User.objects.filter(pk=self.pk, wrapped_key="").update(wrapped_key=wrapped):
            wrapped = User.objects.values_list("wrapped_key", flat=True).get(pk=self.pk)
        self.wrapped_key = wrapped
        return wrapped


class AccountSession(AbstractBaseSession):
    """A database session that knows whose it is (Django's documented way to extend the session store).

    Knowing the owner lets the account page list where the person is signed in, end one of those
    sessions, and end all of them on a password change or on erasing the account (by cascade).
    The rows are written by ``nocontact.accounts.sessions.SessionStore``.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, null=True, blank=True, related_name="sessions")
    created_at = models.DateTimeField(null=True, blank=True)  # when this sign-in began
    last_seen_at = models.DateTimeField(null=True, blank=True)  # written at most every few minutes
    device = models.CharField(max_length=60, blank=True, default="")  # "Firefox on Android", never the full header

    class Meta:
        indexes = [models.Index(fields=["user", "expire_date"], name="session_user_expiry")]

    def __str__(self) -> str:
        return f"session of {self.user_id}"

    @classmethod
    def get_session_store_class(cls) -> type[SessionBase]:
        from nocontact.accounts.sessions import SessionStore

        return SessionStore

    @property
    def public_id(self) -> str:
        """A name for this session in addresses: a digest of its key, so the key itself never leaves the cookie."""
        return hashlib.sha256(b"nocontact-session:" + self.session_key.encode()).hexdigest()[:16]


class TrustedDevice(models.Model):
    """A device the user trusts, reopened after an idle lock with a PIN. Only digests are stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="trusted_devices")
    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    digest = models.CharField(max_length=64, unique=True)  # SHA-256 of the device cookie
    device = models.CharField(max_length=60, blank=True, default="")  # "Firefox on Android"
    pin_hash = models.CharField(max_length=200)  # Argon2id, like passwords
    failures = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"trusted device of {self.user_id}"


class ApiToken(models.Model):
    """A token for the JSON API. Only its SHA-256 digest is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    name_encrypted = models.TextField(blank=True, default="")  # what it is for, in the person's words
    prefix = models.CharField(max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"token {self.prefix}…"

    name = crypto.Encrypted(table="apitoken")

    @property
    def active(self) -> bool:
        return self.revoked_at is None


ACCESS_KIND_CHOICES = [
    ("sign_in", "Signed in with the password"),
    ("pin_unlock", "Opened with the PIN"),
    ("sign_in_failed", "A failed sign-in with the password"),
    ("pin_failed", "A wrong PIN"),
    ("device_trusted", "A new trusted device"),
    ("password_changed", "Password changed"),
    ("password_recovered", "New password set with the recovery code"),
    ("recovery_failed", "A wrong recovery code"),
    ("signed_out_elsewhere", "Signed out everywhere else"),
]


class AccessEvent(models.Model):
    """The access log shown to the person: who got in, and failed tries. No address, no secret, no name typed."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="access_events")
    at = models.DateTimeField()
    kind = models.CharField(max_length=30, choices=ACCESS_KIND_CHOICES)
    device = models.CharField(max_length=60, blank=True, default="")  # "Firefox on Android"

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["user", "at"], name="access_event_user_at")]

    def __str__(self) -> str:
        return f"{self.kind} at {self.at:%Y-%m-%d %H:%M}"
