"""Every screen a person can see, with one of everything in it: for the tap-target test and `scripts/screenshots`.

`SEED` runs in the app's own environment (a fresh data folder) and makes a person with a strict, a minimal and
a safety plan, entries, a journal entry, a mood, a pause, a circle and a record, then prints her login name and
the public ids of her things. `screens()` lists every page there is (walked from the URL resolver) with each of
those ids; a browser then asks for each and keeps those that answer.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "a steady morning 12"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"]
# Not a screen: leaving (ends the session), files, the worker script and the manifest.
NOT_SCREENS = {
    "accounts:logout",
    "safety:exit",
    "web:healthz",
    "urges:sw",
    "urges:manifest",
    "accounts:export",
    "safety:log_csv",
    "safety:log_pdf",
}
# Seen signed out (the rest send a visitor to sign in).
SIGNED_OUT = ["/", "/login/", "/signup/", "/recover/"]

SEED = r"""
import json, os, sys
from datetime import UTC, datetime, timedelta
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nocontact.settings")
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("createcachetable", verbosity=0)
from nocontact.accounts.services import user_create
from nocontact.boundaries.services import boundaries_set
from nocontact.journal.services import checkin_create, entry_create
from nocontact.domain.feelings import Feeling
from nocontact.plans.services import contact_log, plan_create
from nocontact.safety.services import incident_record
from nocontact.urges.services import helper_add, support_person_save, urge_record

now = datetime.now(UTC)
user = user_create(username=sys.argv[1], password=sys.argv[2])
strict = plan_create(user=user, name="Sam", started_at=now - timedelta(days=23), tz="Europe/London", now=now,
                     reason="My evenings are mine again.")
minimal = plan_create(user=user, name="Robin", started_at=now - timedelta(days=64), tz="Europe/London", now=now,
                      mode="minimal", reason="The children come first.")
safety = plan_create(user=user, name="Kit", started_at=now - timedelta(days=9), tz="Europe/London", now=now,
                     mode="safety")
boundaries_set(plan=minimal, topics=["children"], channels=["message"], days=[0, 1, 2, 3, 4], start_hour=9, end_hour=18)
contact_log(plan=strict, at=now - timedelta(days=30), channel="text", direction="outgoing", now=now)
contact_log(plan=strict, at=now - timedelta(days=3), channel="call", direction="incoming", now=now)
contact_log(plan=minimal, at=now - timedelta(days=2), channel="message", direction="both", now=now, permitted=True)
incident_record(plan=safety, at=now - timedelta(days=1), kind="threat", channel="call", now=now,
                details="Called four times after midnight.")
entry_create(user=user, text="A quiet evening. I went for a walk instead.", today=now.date())
checkin_create(user=user, feelings=[Feeling("calm", 3), Feeling("sadness", 2)], at=now - timedelta(hours=5))
urge_record(user=user, key="screens-0001", started_at=now - timedelta(hours=20), outcome="passed", now=now,
            plan=strict, strength_before=8, strength_after=4, feeling="loneliness", helped=["activity", "breathing"])
support_person_save(
    user=user, name="Dana", preferred="call", phone="+44 7700 900123", notify_url="ntfys://ntfy.sh/dana-7fq2"
)
helper_add(user=user, text="A walk round the block")
print(json.dumps([strict.public_id, minimal.public_id, safety.public_id]))
"""


def seed(env: dict[str, str], login_name: str) -> list[str]:
    """One person with one of everything, in the data folder ``env`` names; the public ids of her plans."""
    done = subprocess.run(
        [sys.executable, "-c", SEED, login_name, PASSWORD], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if done.returncode:
        raise RuntimeError(done.stderr)
    ids: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return ids


def candidates(ids: set[str]) -> Iterator[tuple[str, str]]:
    """(route name, address) for every screen route, once per id for the routes that take one."""
    from tests.test_access import web_routes

    for name, _, params in web_routes():
        if name in NOT_SCREENS:
            continue
        if params:
            for public_id in sorted(ids):
                yield name, reverse(name, kwargs={"public_id": public_id})
        else:
            yield name, reverse(name)


def ids_on(page) -> set[str]:
    """The public ids in a page's address, its links and its forms (her own things, as the pages name them)."""
    from urllib.parse import urlsplit

    from django.urls import Resolver404, resolve

    links = "nodes => nodes.map(n => n.getAttribute('href') || n.getAttribute('action'))"
    found = set()
    for url in [page.url, *page.eval_on_selector_all("a[href], form[action]", links)]:
        path = urlsplit(url).path
        if not path.startswith("/") or path.startswith(("/api/", "/static/")):
            continue
        try:
            match = resolve(path)
        except Resolver404:
            continue
        if "public_id" in match.kwargs:
            found.add(match.kwargs["public_id"])
    return found


def sign_in(page, base: str, login_name: str = "robin") -> None:
    """Sign in on the login page as the seeded person, and wait for the page it leads to."""
    page.goto(base + "/login/")
    page.get_by_label("Login name").fill(login_name)
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()


def screens(page, base: str, plan_ids: list[str]) -> list[tuple[str, str]]:
    """Every screen the signed-in ``page`` can open: (route name, address), each answered with a page."""
    ids = set(plan_ids)
    for path in ("/today/", "/journal/", "/mood/", "/circle/", *(f"/plans/{i}/" for i in plan_ids)):
        page.goto(base + path)
        ids |= ids_on(page)
    for public_id in plan_ids:
        page.goto(f"{base}/plans/{public_id}/safety-log/")
        ids |= ids_on(page)
    found = []
    for name, url in candidates(ids):
        answer = page.request.get(base + url, max_redirects=0)
        if answer.status == 200 and "text/html" in answer.headers.get("content-type", ""):
            found.append((name, url))
    return found


# What can be tapped, and the size a finger gets: a control inside a label is tapped through the label.
# A link inside a sentence is sized by the line it sits in (WCAG 2.2, 2.5.8, "inline"), and is left out.
TAP_TARGETS = (Path(__file__).with_name("tap_targets.js")).read_text()


def chromium_path() -> str:
    return os.environ.get("NOCONTACT_CHROMIUM", "/usr/bin/chromium")
