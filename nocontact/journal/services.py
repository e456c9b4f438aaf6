"""Writes for the journal and mood. The web pages, the API and the CLI all call these."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import transaction

from nocontact import messages
from nocontact.accounts.models import User
from nocontact.domain.feelings import FEELINGS, OWN, Feeling
from nocontact.domain.prompts import PROMPT_KEYS
from nocontact.errors import ServiceError
from nocontact.journal.models import JournalEntry, MoodCheckIn, MoodFeeling
from nocontact.wipe import checkpoint_after_delete

TEXT_MAX = 100_000
TAG_MAX, TAGS_MAX = 40, 20
NOTE_MAX = 2000
FEELINGS_MAX = 8


def clean_tags(tags: Any) -> list[str]:
    if tags is None:
        return []
    if isinstance(tags, str):
        tags = tags.replace(",", " ").split()
    bad = ServiceError(messages.JOURNAL_TAGS_BAD.format(max=TAG_MAX, count=TAGS_MAX), field="tags")
    if not isinstance(tags, list | tuple) or len(tags) > TAGS_MAX:
        raise bad
    cleaned: list[str] = []
    for tag in tags:
        if not isinstance(tag, str):
            raise bad
        word = " ".join(tag.strip().lstrip("#").split()).lower()
        if len(word) > TAG_MAX:
            raise bad
        if word and word not in cleaned:
            cleaned.append(word)
    return cleaned


def _clean_text(text: Any) -> str:
    if not isinstance(text, str) or not text.strip():
        raise ServiceError(messages.JOURNAL_TEXT_REQUIRED, field="text")
    if len(text) > TEXT_MAX:
        raise ServiceError(messages.JOURNAL_TEXT_TOO_LONG.format(max=TEXT_MAX), field="text")
    return text.strip("\n")


def _clean_mood(mood: Any) -> str:
    if mood in (None, ""):
        return ""
    if mood not in FEELINGS:
        raise ServiceError(messages.JOURNAL_BAD_MOOD.format(choices=", ".join(FEELINGS)), field="mood")
    return str(mood)


def _clean_prompt(prompt: Any) -> str:
    if prompt in (None, ""):
        return ""
    if prompt not in PROMPT_KEYS:
        raise ServiceError(messages.JOURNAL_BAD_PROMPT, field="prompt")
    return str(prompt)


def _clean_seal(sealed_until: date | None, today: date) -> date | None:
    if sealed_until is not None and sealed_until <= today:
        raise ServiceError(messages.JOURNAL_SEAL_IN_PAST, field="sealed_until")
    return sealed_until


def entry_create(
    *,
    user: User,
    text: str,
    today: date,
    entry_date: date | None = None,
    tags: Any = None,
    mood: str = "",
    prompt: str = "",
    sealed_until: date | None = None,
) -> JournalEntry:
    entry = JournalEntry(
        user=user,
        entry_date=entry_date or today,
        mood=_clean_mood(mood),
        prompt=_clean_prompt(prompt),
        sealed_until=_clean_seal(sealed_until, today),
    )
    entry.text = _clean_text(text)
    entry.tags = clean_tags(tags)
    entry.save()
    return entry


ENTRY_FIELDS = {"text", "entry_date", "tags", "mood", "prompt", "sealed_until"}


def entry_update(*, entry: JournalEntry, today: date, **changes: Any) -> JournalEntry:
    unknown = set(changes) - ENTRY_FIELDS
    if unknown:
        raise TypeError(f"unknown journal fields: {sorted(unknown)}")
    if "text" in changes:
        entry.text = _clean_text(changes["text"])
    if "tags" in changes:
        entry.tags = clean_tags(changes["tags"])
    if "mood" in changes:
        entry.mood = _clean_mood(changes["mood"])
    if "prompt" in changes:
        entry.prompt = _clean_prompt(changes["prompt"])
    if changes.get("entry_date"):
        entry.entry_date = changes["entry_date"]
    if "sealed_until" in changes and changes["sealed_until"] != entry.sealed_until:
        entry.sealed_until = _clean_seal(changes["sealed_until"], today)
    entry.save()
    return entry


def entry_delete(*, entry: JournalEntry) -> None:
    """Delete for good. SQLite overwrites the freed pages (secure_delete) and its log is emptied (wipe.py)."""
    entry.delete()
    checkpoint_after_delete()


def checkin_create(*, user: User, feelings: list[Feeling], at: datetime, note: str = "") -> MoodCheckIn:
    if not feelings:
        raise ServiceError(messages.MOOD_NEEDS_A_FEELING, field="feelings")
    if len(feelings) > FEELINGS_MAX:
        raise ServiceError(messages.MOOD_TOO_MANY.format(max=FEELINGS_MAX), field="feelings")
    if not isinstance(note, str) or len(note) > NOTE_MAX:
        raise ServiceError(messages.MOOD_NOTE_TOO_LONG.format(max=NOTE_MAX), field="note")
    with transaction.atomic():
        checkin = MoodCheckIn(user=user, at=at)
        checkin.note = note.strip()
        checkin.save()
        for feeling in feelings:
            row = MoodFeeling(checkin=checkin, name=feeling.name, intensity=feeling.intensity)
            if feeling.name == OWN:
                row.own_words = feeling.own_words
            row.save()
    return checkin


def checkin_delete(*, checkin: MoodCheckIn) -> None:
    checkin.delete()
    checkpoint_after_delete()
