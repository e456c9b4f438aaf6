"""Urges to reach out, the person's support circle, and the things that help them."""

from __future__ import annotations

from django.db import models

from nocontact import crypto
from nocontact.accounts.models import User
from nocontact.ids import new_public_id
from nocontact.plans.models import Contact, Plan


class Urge(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="urges")
    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    # Chosen by the device that recorded it: the same urge sent twice is stored once.
    key = models.CharField(max_length=64)
    plan = models.ForeignKey(Plan, on_delete=models.SET_NULL, null=True, blank=True, related_name="urges")
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    strength_before = models.PositiveSmallIntegerField(null=True, blank=True)
    strength_after = models.PositiveSmallIntegerField(null=True, blank=True)
    feeling = models.CharField(max_length=20, blank=True, default="")
    feeling_words_encrypted = models.TextField(blank=True, default="")
    trigger = models.CharField(max_length=20, blank=True, default="")
    unsent_encrypted = models.TextField(blank=True, default="")
    helped = models.JSONField(default=list, blank=True)
    outcome = models.CharField(max_length=12)
    pause_seconds = models.PositiveIntegerField(default=0)
    contact = models.OneToOneField(Contact, on_delete=models.SET_NULL, null=True, blank=True, related_name="urge")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="urge_key_unique_per_user")]
        indexes = [models.Index(fields=["user", "started_at"], name="urge_user_started")]

    def __str__(self) -> str:
        return f"Urge {self.public_id}"

    unsent = crypto.Encrypted(table="urge")
    feeling_words = crypto.Encrypted(table="urge")


PREFERRED_CHOICES = [("call", "Call"), ("text", "Text"), ("email", "E-mail")]


class SupportPerson(models.Model):
    """Someone in the person's circle. Who they are and how to reach them is encrypted (see crypto.py)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="support_people")
    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    name_encrypted = models.TextField(blank=True, default="")
    phone_encrypted = models.TextField(blank=True, default="")
    email_encrypted = models.TextField(blank=True, default="")
    preferred = models.CharField(max_length=10, choices=PREFERRED_CHOICES)
    message_encrypted = models.TextField(blank=True, default="")
    # An apprise notification URL (e.g. mailto://user:password@...), often with a password in it.
    # Only used if alert is on; empty stays empty, so "has an address" is still a plain query.
    notify_url_encrypted = models.TextField(blank=True, default="")
    alert_on_pause = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    # Names are encrypted, so the database cannot sort by them: selectors.circle sorts in memory.
    name = crypto.Encrypted(table="support_person")
    phone = crypto.Encrypted(table="support_person")
    email = crypto.Encrypted(table="support_person")
    message = crypto.Encrypted(table="support_person")
    notify_url = crypto.Encrypted(table="support_person")

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Support person {self.public_id}"


class Helper(models.Model):
    """Something that helps this person: a walk, a song, a hobby."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="helpers")
    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    text_encrypted = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    text = crypto.Encrypted(table="helper")

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Helper {self.public_id}"
