"""Safety in Chromium: the quick exit (with and without JavaScript), discreet mode, the idle lock,
erasing everything, and the readiness check from start to each outcome."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from conftest import RunningApp, free_port
from tests.test_browser import CHROMIUM, sign_up

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)"),
]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"]


@pytest.fixture
def neutral():
    """A neutral page on loopback, standing in for the weather site the quick exit leads to."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = b"<!doctype html><title>Weather</title><p>Sunny spells later.</p>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", free_port()), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/weather"
    server.shutdown()


@pytest.fixture
def app(scratch_env, neutral):
    running = RunningApp({**scratch_env, "NOCONTACT_QUICK_EXIT_URL": neutral})
    yield running
    running.stop()


@pytest.fixture
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def _page(browser, **options):
    context = browser.new_context(viewport={"width": 360, "height": 780}, timezone_id="Europe/Berlin", **options)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def _start_plan(page, base, name, *, mode="Strict", days_ago=10, goal=30):
    page.goto(base + "/plans/new/")
    when = (datetime.now(UTC) - timedelta(days=days_ago)).astimezone().strftime("%Y-%m-%dT%H:%M")
    page.get_by_label("Who are you keeping distance from?").fill(name)
    page.get_by_label(mode, exact=False).first.check()
    page.get_by_label("When was your last contact?").fill(when)
    page.get_by_label("Goal, in days").fill(str(goal))
    zone = page.get_by_label("Your time zone")
    if not zone.input_value():  # filled from the browser's zone when JavaScript runs
        zone.fill("Europe/Berlin")
    page.get_by_role("button", name="Start counting").click()
    page.get_by_test_id("current-streak").wait_for()


def _left_for_neutral(page, neutral):
    page.wait_for_url(neutral)
    assert page.title() == "Weather"


@pytest.mark.parametrize("how", ["button", "escape", "shift"])
def test_quick_exit_then_back_does_not_show_the_app(app, chromium, neutral, how):
    page = _page(chromium)
    sign_up(page, app.url, f"exit{how}")
    _start_plan(page, app.url, "Kit", mode="Safety")
    page.get_by_text("a word about your phone").wait_for()  # shown once, in a safety plan
    page.goto(app.url + "/journal/")
    page.get_by_role("link", name="Quick exit").wait_for()
    if how == "button":
        page.get_by_role("link", name="Quick exit").click()
    elif how == "escape":
        page.keyboard.press("Escape")
    else:
        for _ in range(3):
            page.keyboard.press("Shift")
    _left_for_neutral(page, neutral)
    page.go_back()
    page.wait_for_load_state()
    assert page.url == neutral, page.url
    assert "Journal" not in page.content()
    assert "Kit" not in page.content()
    # Opening the app's address again within the hold leads to the neutral page too.
    page.goto(app.url + "/today/")
    assert page.url == neutral


def test_quick_exit_without_javascript_is_a_plain_link_and_back_still_does_not_show_the_app(app, chromium, neutral):
    page = _page(chromium, java_script_enabled=False)
    page.goto(app.url + "/signup/")
    page.get_by_label("A name for your account").fill("nojs")
    page.get_by_label("Password", exact=True).fill("a steady morning 12")
    page.get_by_label("Password again").fill("a steady morning 12")
    page.get_by_role("button", name="Create my account").click()
    page.get_by_test_id("login-name").wait_for()
    _start_plan(page, app.url, "Kit", mode="Safety")
    page.goto(app.url + "/today/")
    page.get_by_role("link", name="Quick exit").click()
    _left_for_neutral(page, neutral)
    page.go_back()
    page.wait_for_load_state()
    assert page.url == neutral
    assert "Today" not in page.content()


def test_discreet_mode_title_and_manifest(app, chromium):
    page = _page(chromium)
    sign_up(page, app.url, "quiet")
    assert "nocontact" in page.title()
    page.goto(app.url + "/account/safety/")
    page.get_by_label("Discreet mode").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_text("These apply on every device").wait_for()
    assert page.title() == "Safeguards · Notes"
    assert page.locator("header .brand").inner_text() == "Notes"
    # The browser fetches the manifest with the session (crossorigin="use-credentials").
    manifest = page.evaluate(
        """async () => {
            const link = document.querySelector('link[rel=manifest]');
            const mode = link.crossOrigin === 'use-credentials' ? 'include' : 'omit';
            const response = await fetch(link.href, {credentials: mode});
            return response.json();
        }"""
    )
    assert manifest["name"] == "Notes"
    assert all("notes" in icon["src"] for icon in manifest["icons"])
    assert page.locator("link[rel=icon]").get_attribute("href").endswith("notes.svg")
    # The pause kept for offline use is refreshed too: offline, it opens under the neutral name.
    page.wait_for_function(
        "async () => { const r = await caches.match('/pause/'); return r && (await r.text()).includes('· Notes'); }"
    )


def test_the_idle_lock_signs_out_after_a_shortened_timeout(app, chromium):
    page = _page(chromium)
    sign_up(page, app.url, "sleepy")
    page.goto(app.url + "/account/safety/")
    page.get_by_label("Sign out after this many quiet minutes (optional)").fill("1")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("These apply on every device").wait_for()
    page.clock.install()
    page.goto(app.url + "/today/")
    page.clock.run_for(30_000)
    assert "/today/" in page.url  # not yet
    page.clock.run_for(40_000)
    page.get_by_text("signed out after a quiet while").wait_for()
    assert "/login/" in page.url
    page.goto(app.url + "/today/")
    assert "/login/" in page.url


def _db(env, code: str) -> str:
    prelude = "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'nocontact.settings'; django.setup();"
    return subprocess.run(
        [sys.executable, "-c", prelude + code], env=env, capture_output=True, text=True, check=True, timeout=60
    ).stdout.strip()


COUNT_OWNED_ROWS = """
from django.apps import apps
from django.contrib.sessions.models import Session
from axes.models import AccessAttempt
owned = [m for m in apps.get_models() if m.__module__.startswith('nocontact.')]
counts = {m.__name__: m.objects.count() for m in owned}
counts['Session'] = Session.objects.count()
counts['AccessAttempt'] = AccessAttempt.objects.count()
print(sorted((k, v) for k, v in counts.items() if v))
"""


def test_erase_everything_leaves_none_of_the_users_rows(app, chromium, scratch_env):
    page = _page(chromium)
    sign_up(page, app.url, "leaving")
    _start_plan(page, app.url, "Kit", mode="Safety")
    page.get_by_role("link", name="Safety log").first.click()
    page.get_by_label("What happened").select_option("turned_up")
    page.get_by_label("How", exact=True).select_option("in_person")
    page.get_by_label("Details (optional)").fill("Waited outside the gym.")
    page.get_by_role("button", name="Record it").click()
    page.get_by_text("Waited outside the gym.").wait_for()
    page.goto(app.url + "/journal/new/")
    page.locator("textarea").first.fill("Some private words.")
    page.get_by_role("button", name="Save").first.click()
    assert _db(scratch_env, COUNT_OWNED_ROWS) != "[]"

    page.goto(app.url + "/account/")
    page.get_by_role("link", name="Erase everything…").click()
    page.get_by_label("Type “erase everything” to confirm").fill("erase")
    page.get_by_role("button", name="Erase everything now").click()
    page.get_by_text("type “erase everything” exactly").wait_for()
    page.get_by_label("Type “erase everything” to confirm").fill("erase everything")
    page.get_by_role("button", name="Erase everything now").click()
    page.get_by_role("heading", name="Everything is erased").wait_for()
    assert _db(scratch_env, COUNT_OWNED_ROWS) == "[]"
    page.goto(app.url + "/today/")
    assert "/login/" in page.url


def _answer(page, choices: dict[str, str]) -> None:
    for question, answer in choices.items():
        page.get_by_role("group", name=question).get_by_label(answer).check()
    page.get_by_role("button", name="See what this suggests").click()


CALM = {
    "Do you still have feelings for them?": "No, not really",
    "Is there a practical reason for contact?": "No practical reason",
    "If you reached out, what would you be hoping for?": "Only to sort out something practical",
    "Could you accept no reply, or a hurtful one?": "Yes, I'd be all right",
    "How do you feel on the days you think of them?": "Mostly calm",
}


def test_the_readiness_check_from_start_to_each_outcome(app, chromium):
    page = _page(chromium)
    sign_up(page, app.url, "ready")
    _start_plan(page, app.url, "Sam", days_ago=40, goal=30)
    page.goto(app.url + "/today/")
    page.get_by_role("link", name="a short reflection on what comes next").click()

    _answer(page, CALM)
    assert "Staying in no contact is a complete answer" in page.get_by_test_id("suggestion").inner_text()
    page.get_by_role("button", name="Stay in no contact").click()
    page.get_by_text("You're staying in no contact").wait_for()

    page.get_by_role("link", name="Reflect on what comes next").click()
    _answer(page, CALM | {"Do you still have feelings for them?": "Yes"})
    assert "too soon" in page.get_by_test_id("suggestion").inner_text()
    page.get_by_label("How many more days?").fill("20")
    page.get_by_role("button", name="Give it more time").click()
    page.get_by_text("Your goal is now").wait_for()
    assert page.get_by_test_id("current-streak").inner_text() in ("39", "40", "41")
    assert "to your goal of" in page.content()

    page.get_by_role("link", name="Reflect on what comes next").click()
    _answer(page, CALM | {"Is there a practical reason for contact?": "Belongings, money or a home"})
    page.get_by_text("Your answers over time").wait_for()
    page.get_by_role("button", name="Switch to minimal contact").click()
    page.get_by_text("Your plan is now minimal contact").wait_for()
    assert "/boundaries/" in page.url


def test_a_safety_plan_never_shows_the_readiness_check(app, chromium):
    page = _page(chromium)
    sign_up(page, app.url, "safe")
    _start_plan(page, app.url, "Kit", mode="Safety", days_ago=90)
    for url in ("/today/", page.url):
        page.goto(url if url.startswith("http") else app.url + url)
        assert page.get_by_text("reflection").count() == 0
        assert page.get_by_text("Reflect on what comes next").count() == 0
