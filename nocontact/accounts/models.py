from __future__ import annotations

from typing import ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models

from nocontact.ids import new_public_id


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

    def claim_wrapped_key(self, wrapped: str) -> str:
        """Store a first data key atomically; if one is already stored, adopt it instead."""
        if not User.objects.filter(pk=self.pk, wrapped_key="").update(wrapped_key=wrapped):
            wrapped = User.objects.values_list("wrapped_key", flat=True).get(pk=self.pk)
        self.wrapped_key = wrapped
        return wrapped


class SignedInSession(models.Model):
    """Which sessions belong to whom, so erasing an account also ends its sessions on every device."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="signed_in_sessions")
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"session of {self.user_id}"


class TrustedDevice(models.Model):
    """A device the user trusts, reopened after an idle lock with a PIN. Only digests are stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="trusted_devices")
    digest = models.CharField(max_length=64, unique=True)  # SHA-256 of the device cookie
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
    name = models.CharField(max_length=80)
    prefix = models.CharField(max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def active(self) -> bool:
        return self.revoked_at is None
