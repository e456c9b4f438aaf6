"""Journal entries and mood check-ins. All of their words are encrypted."""

from __future__ import annotations

import json

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

    def _crypt(self, field: str) -> dict[str, str]:
        return {"table": "journal", "field": field, "row": self.public_id}

    @property
    def text(self) -> str:
        return crypto.decrypt_text(self.user, token=self.text_encrypted, **self._crypt("text"))

    def set_text(self, text: str) -> None:
        self.text_encrypted = crypto.encrypt_text(self.user, text=text, **self._crypt("text"))

    @property
    def tags(self) -> list[str]:
        raw = crypto.decrypt_text(self.user, token=self.tags_encrypted, **self._crypt("tags"))
        return list(json.loads(raw)) if raw else []

    def set_tags(self, tags: list[str]) -> None:
        self.tags_encrypted = crypto.encrypt_text(
            self.user, text=json.dumps(tags, ensure_ascii=False) if tags else "", **self._crypt("tags")
        )


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

    @property
    def note(self) -> str:
        return crypto.decrypt_text(self.user, table="mood", field="note", row=self.public_id, token=self.note_encrypted)

    def set_note(self, text: str) -> None:
        self.note_encrypted = crypto.encrypt_text(self.user, table="mood", field="note", row=self.public_id, text=text)


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

    def own_words(self, user: User) -> str:
        return crypto.decrypt_text(
            user, table="mood_feeling", field="own_words", row=self.public_id, token=self.own_words_encrypted
        )

    def set_own_words(self, user: User, text: str) -> None:
        self.own_words_encrypted = crypto.encrypt_text(
            user, table="mood_feeling", field="own_words", row=self.public_id, text=text
        )
