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

    def claim_wrapped_key(self, wrapped: str) -> str:
        """Store a first data key atomically; if one is already stored, adopt it instead."""
        if not User.objects.filter(pk=self.pk, wrapped_key="").update(wrapped_key=wrapped):
            wrapped = User.objects.values_list("wrapped_key", flat=True).get(pk=self.pk)
        self.wrapped_key = wrapped
        return wrapped


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
