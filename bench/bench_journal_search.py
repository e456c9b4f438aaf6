"""How long searching one person's journal takes, with 5,000 entries.

    .venv/bin/python bench/bench_journal_search.py [--entries 5000] [--runs 20]

Journal text is encrypted, so search decrypts each entry in memory and compares. This seeds a
scratch SQLite database with one user's entries (a few hundred words each, written through the
real service, so each is really encrypted), then times the search service and the journal page
with a query, and prints medians. Results go in bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = [
    "today",
    "walked",
    "river",
    "evening",
    "friend",
    "called",
    "quiet",
    "tired",
    "better",
    "slept",
    "phone",
    "kitchen",
    "music",
    "work",
    "tea",
    "rain",
    "morning",
    "sister",
    "laughed",
    "dinner",
    "window",
    "garden",
    "letter",
    "breathe",
    "calm",
    "missed",
    "remembered",
    "train",
    "book",
    "cinema",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    os.environ["NOCONTACT_DATA_DIR"] = tempfile.mkdtemp(prefix="nocontact-bench-journal-")
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "nocontact.settings"
    import django

    django.setup()
    from datetime import UTC, date, datetime, timedelta

    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from nocontact.accounts.services import user_create
    from nocontact.journal import selectors, services

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    settings.ALLOWED_HOSTS = ["*"]
    rng = random.Random(5000)
    user = user_create(username="bench", password="a bench password 1")
    today = date(2026, 11, 29)
    began = time.perf_counter()
    for i in range(args.entries):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 300)))
        if i % 500 == 0:
            text += " lighthouse"
        services.entry_create(
            user=user, text=text, today=today, entry_date=today - timedelta(days=i // 4), tags=[rng.choice(WORDS)]
        )
    seeded = time.perf_counter() - began

    def median_ms(fn) -> float:  # type: ignore[no-untyped-def]
        fn()
        times = []
        for _ in range(args.runs):
            t = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t)
        return statistics.median(times) * 1000

    hits = len(selectors.entry_search(user, "lighthouse", today=today))
    service_rare = median_ms(lambda: selectors.entry_search(user, "lighthouse", today=today))
    service_two = median_ms(lambda: selectors.entry_search(user, "river friend", today=today))
    client = Client()
    client.force_login(user, backend="nocontact.accounts.backends.AccountBackend")
    page = median_ms(lambda: client.get("/journal/", {"q": "lighthouse"}))
    print(
        f"{args.entries:,} entries (seeded in {seeded:.0f} s), {hits} contain 'lighthouse'; median of {args.runs}, "
        f"{datetime.now(UTC):%Y-%m-%d}, {os.cpu_count()} cores, SQLite\n"
    )
    print("| what | median ms |\n|---|---|")
    print(f"| search service, one rare word | {service_rare:.0f} |")
    print(f"| search service, two common words | {service_two:.0f} |")
    print(f"| GET /journal/?q=lighthouse (whole page, signed in) | {page:.0f} |")


if __name__ == "__main__":
    main()
