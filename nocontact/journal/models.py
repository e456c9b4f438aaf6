"""Journal entries and mood check-ins. All of their words are encrypted."""

from __future__ import annotations

from django.db import models

from nocontact import crypto
from nocontact.accounts.models import User
from nocontact.domain.feelings import FEELINGS, OWN
from nocontact.domain.prompts import PROMPT_KEYS
from nocontact.ids import new_public_id

FEELING_CHOICES = [(f, f.capitalize()) for f in FEELINGS]


class JournalEntry(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="journal_entries")
    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    entry_date = models.DateField()
    mood = models.CharField(max_length=20, blank=True, default="", choices=FEELING_CHOICES)
    prompt = models.CharField(max_length=20, blank=True, default="", choices=[(k, k) for k in PROMPT_KEYS])
    text_encrypted = models.TextField()
    tags_encrypted = models.TextField(blank=True, default="")
    sealed_until = models.DateField(null=True, blank=True)  # a letter to open later
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-entry_date", "-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "entry_date"], name="journal_user_date")]

    def __str__(self) -> str:
        return f"Journal entry {self.public_id}"

    text = crypto.Encrypted(table="journal")
    tags = crypto.Encrypted(table="journal", empty=list[str])


class MoodCheckIn(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="mood_checkins")
    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    at = models.DateTimeField()
    note_encrypted = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["user", "at"], name="mood_user_at")]

    def __str__(self) -> str:
        return f"Mood check-in {self.public_id}"

    note = crypto.Encrypted(table="mood")


class MoodFeeling(models.Model):
    checkin = models.ForeignKey(MoodCheckIn, on_delete=models.CASCADE, related_name="feelings")
    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    name = models.CharField(max_length=20, choices=[*FEELING_CHOICES, (OWN, "In my own words")])
    own_words_encrypted = models.TextField(blank=True, default="")
    intensity = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.intensity})"

    # Sealed for the check-in's owner: read it from a check-in whose user is already loaded.
    own_words = crypto.Encrypted(table="mood_feeling", owner="checkin.user")
