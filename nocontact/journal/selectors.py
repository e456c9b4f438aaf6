"""Reads for the journal and mood. Every lookup is scoped to its owner."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.shortcuts import get_object_or_404

from nocontact import crypto
from nocontact.accounts.models import User
from nocontact.domain.days import local_date, zone
from nocontact.domain.spans import began_on, day_buckets
from nocontact.journal.models import JournalEntry, MoodCheckIn


def user_today(user: User, *, now: datetime) -> date:
    """Today in the person's own zone (their account's: see accounts.models.User.tz)."""
    return local_date(now, zone(user.time_zone))


def milestone_today(user: User, *, now: datetime) -> bool:
    """Whether any of the person's plans (outside safety mode) reaches a milestone today."""
    from nocontact.domain.figures import last_milestone
    from nocontact.plans.selectors import plan_list, plans_streaks

    plans = [p for p in plan_list(user) if p.mode != "safety"]
    for streak in plans_streaks(plans, as_of=now).values():
        days = streak.current_streak_days
        if days and last_milestone(days) == days:
            return True
    return False


def entry_list(user: User) -> list[JournalEntry]:
    entries = list(JournalEntry.objects.filter(user=user))
    for entry in entries:
        entry.user = user
    return entries


def entry_get(user: User, public_id: str) -> JournalEntry:
    entry = get_object_or_404(JournalEntry, user=user, public_id=public_id)
    entry.user = user
    return entry


def is_sealed(entry: JournalEntry, *, today: date) -> bool:
    return entry.sealed_until is not None and entry.sealed_until > today


def entry_search(user: User, words: str, *, today: date) -> list[JournalEntry]:
    """Entries whose text or tags hold every word (any case). Sealed letters stay sealed.

    The text is encrypted, so the database cannot search it: each entry is decrypted here, in
    memory, and compared. bench/bench_journal_search.py measures this over 5,000 entries.
    """
    needles = [w.casefold() for w in words.split() if w.strip()]
    if not needles:
        return []
    reader = crypto.Reader(user)
    rows = (
        JournalEntry.objects.filter(user=user)
        .exclude(sealed_until__gt=today)
        .values_list("pk", "public_id", "text_encrypted", "tags_encrypted")
    )
    matches = []
    for pk, public_id, text, tags in rows:
        haystack = reader.read(table="journal", field="text", row=public_id, token=text)
        if tags:
            haystack += "\n" + " ".join(
                json.loads(reader.read(table="journal", field="tags", row=public_id, token=tags))
            )
        if all(n in haystack.casefold() for n in needles):
            matches.append(pk)
    if not matches:
        return []
    wanted = set(matches)
    return [e for e in entry_list(user) if e.pk in wanted]


def checkin_list(user: User, *, since: datetime | None = None) -> list[MoodCheckIn]:
    qs = MoodCheckIn.objects.filter(user=user).prefetch_related("feelings")
    if since is not None:
        qs = qs.filter(at__gte=since)
    checkins = list(qs)
    for checkin in checkins:
        checkin.user = user
    return checkins


def checkin_get(user: User, public_id: str) -> MoodCheckIn:
    checkin = get_object_or_404(MoodCheckIn, user=user, public_id=public_id)
    checkin.user = user
    return checkin


@dataclass(frozen=True)
class MoodRow:
    """One feeling over a span: its average intensity in each bucket (None where not felt)."""

    label: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class MoodChart:
    buckets: tuple[date, ...]  # the first day of each bucket, oldest first; the last one ends today
    bucket_days: int
    rows: tuple[MoodRow, ...]
    today: date
    since_began: bool = False  # the span was cut to start when the person did

    def span(self, index: int) -> tuple[date, date]:
        """The first and the last day of a bucket."""
        return self.buckets[index], self.buckets[index] + timedelta(days=self.bucket_days - 1)


def mood_chart(user: User, *, now: datetime, weeks: int) -> MoodChart:
    """Average intensity of each feeling, by day (up to 8 weeks) or by week (longer spans).

    The chart starts when the person did (the account, or an earlier check-in, as after a restore), not with
    empty days before they were here.
    """
    tz = zone(user.time_zone)
    today = local_date(now, tz)
    bucket_days = 1 if weeks <= 8 else 7
    checkins = [(local_date(c.at, tz), c) for c in checkin_list(user, since=now - timedelta(days=weeks * 7 + 1))]
    began = began_on(local_date(user.date_joined, tz), *(day for day, _ in checkins))
    buckets = day_buckets(today=today, days=weeks * 7, bucket_days=bucket_days, began=began)
    first, count = buckets[0], len(buckets)
    sums: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for day, checkin in checkins:
        if not first <= day <= today:
            continue
        index = (day - first).days // bucket_days
        for feeling in checkin.feelings.all():
            label = feeling.own_words if feeling.name == "own" else feeling.name
            sums[label].append((index, feeling.intensity))
    rows = []
    for label in sorted(sums, key=lambda k: (-len(sums[k]), k)):
        per: dict[int, list[int]] = defaultdict(list)
        for index, intensity in sums[label]:
            per[index].append(intensity)
        rows.append(
            MoodRow(label, tuple(round(sum(per[i]) / len(per[i]), 1) if i in per else None for i in range(count)))
        )
    since_began = count < (weeks * 7) // bucket_days
    return MoodChart(buckets, bucket_days, tuple(rows), today, since_began)
