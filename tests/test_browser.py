"""The flows a person uses most, driven in Debian's Chromium against a real `nocontact serve`."""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime, timedelta
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

CHROMIUM = os.environ.get("NOCONTACT_CHROMIUM", "/usr/bin/chromium")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)"),
]


@pytest.fixture
def browser_page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        context = browser.new_context(viewport={"width": 360, "height": 780}, timezone_id="Europe/Berlin")
        page = context.new_page()
        page.set_default_timeout(15_000)
        yield page
        context.close()
        browser.close()


def test_sign_up_create_a_plan_log_a_slip_and_see_the_figures_change(running_app, browser_page):
    page = browser_page
    requests: list[str] = []
    problems: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)

    page.goto(running_app.url + "/")
    page.get_by_role("link", name="Get started").click()
    page.get_by_label("A name for your account").fill("sunrise")
    page.get_by_label("Password", exact=True).fill("a steady morning 12")
    page.get_by_label("Password again").fill("a steady morning 12")
    page.get_by_role("button", name="Create my account").click()
    login_name = page.get_by_test_id("login-name").inner_text()
    assert login_name.startswith("sunrise-")
    page.get_by_role("link", name="Start my first plan").click()

    page.get_by_role("heading", name="Start a plan").wait_for()
    assert page.get_by_label("Your time zone").input_value() == "Europe/Berlin"  # filled from the browser
    ten_days_ago = (datetime.now(UTC) - timedelta(days=10)).astimezone().strftime("%Y-%m-%dT%H:%M")
    page.get_by_label("Who are you keeping distance from?").fill("Sam")
    page.get_by_label("When was your last contact?").fill(ten_days_ago)
    page.get_by_label("Why you are doing this, in your own words").fill("I sleep better.")
    page.get_by_role("button", name="Start counting").click()

    streak = page.get_by_test_id("current-streak")
    assert streak.inner_text() in ("9", "10", "11")  # the exact day depends on the hour in Berlin
    assert page.get_by_test_id("slips").inner_text() == "0"
    assert page.get_by_text("I sleep better.").is_visible()

    page.get_by_role("link", name="Today", exact=True).click()
    page.get_by_text("Log what happened").click()
    page.get_by_label("How", exact=True).select_option("text")
    page.get_by_label("I reached out").check()
    page.get_by_role("button", name="Log it, just now").click()
    page.get_by_role("button", name="Yes, log it").click()  # a slip is confirmed first
    page.get_by_text("you can come back to no contact from here").wait_for()
    assert page.get_by_test_id("current-streak").inner_text() == "0"

    page.get_by_role("link", name="Sam").click()
    assert page.get_by_test_id("slips").inner_text() == "1"
    assert page.get_by_text("you came back to no contact after this").is_visible()
    assert int(page.get_by_test_id("longest-streak").inner_text().split()[0]) >= 9

    # Usable on a small phone: nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # Nothing was asked of any other server, and the CSP had nothing to block.
    hosts = {urlparse(u).hostname for u in requests if u.startswith("http")}
    assert hosts == {"127.0.0.1"}, hosts
    assert not [p for p in problems if "Content Security Policy" in p], problems

    # Log out, and back in with the login name the welcome page gave.
    log_out(page)
    page.get_by_role("link", name="Log in").first.click()
    page.get_by_label("Login name").fill(login_name)
    page.get_by_label("Password").fill("a steady morning 12")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name="Today").wait_for()
    assert page.get_by_role("link", name="Sam").is_visible()


def test_bad_input_in_the_browser_gets_a_clear_message(running_app, browser_page):
    page = browser_page
    page.goto(running_app.url + "/signup/")
    page.get_by_label("A name for your account").fill("x")
    page.get_by_label("Password", exact=True).fill("short")
    page.get_by_label("Password again").fill("short")
    page.get_by_role("button", name="Create my account").click()
    assert page.get_by_text("Use 3 to 30 letters").is_visible()
    assert page.get_by_text("This password is too short").is_visible()


def test_the_api_documentation_renders_from_the_app_alone(running_app, browser_page):
    page = browser_page
    requests: list[str] = []
    problems: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.goto(running_app.url + "/api/docs")
    page.get_by_text("/api/v1/plans/{plan_id}/status").first.wait_for()
    hosts = {urlparse(u).hostname for u in requests if u.startswith("http")}
    assert hosts == {"127.0.0.1"}, hosts
    assert not [p for p in problems if "Content Security Policy" in p], problems


def log_out(page) -> None:
    """Log out the way a person would: on a phone the button sits in the tab bar's "More" menu."""
    more = page.locator("nav.tabbar summary")
    if more.is_visible():
        more.click()
    page.get_by_role("button", name="Log out").click()


def sign_up(page, base: str, name: str) -> None:
    page.goto(base + "/signup/")
    page.get_by_label("A name for your account").fill(name)
    page.get_by_label("Password", exact=True).fill("a steady morning 12")
    page.get_by_label("Password again").fill("a steady morning 12")
    page.get_by_role("button", name="Create my account").click()
    page.get_by_test_id("login-name").wait_for()


def test_journal_from_a_prompt_search_it_then_check_in_and_see_the_chart(running_app, browser_page):
    page = browser_page
    sign_up(page, running_app.url, "writer")
    page.get_by_role("link", name="Journal", exact=True).click()
    page.get_by_role("link", name="Write freely").click()
    page.get_by_text("Other prompts").click()
    page.get_by_role("link", name="The message you won't send").click()
    assert page.get_by_text("It stays here. Nobody reads it but you.").is_visible()
    page.get_by_label("Your entry").fill("I wanted to tell you about the **lighthouse** trip.")
    page.get_by_label("Tags").fill("trip")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Saved. It is stored encrypted.").wait_for()
    assert page.locator("article strong").inner_text() == "lighthouse"

    page.get_by_role("link", name="Journal", exact=True).click()
    assert page.get_by_text("I wanted to tell you about the").is_visible()
    page.get_by_label("Search your journal").fill("LIGHTHOUSE")
    page.get_by_label("Search your journal").press("Enter")
    page.get_by_text("1 entry with “LIGHTHOUSE”").wait_for()
    page.get_by_label("Search your journal").fill("submarine")
    page.get_by_label("Search your journal").press("Enter")
    page.get_by_text("0 entries with “submarine”").wait_for()

    page.get_by_role("link", name="Mood", exact=True).click()
    page.get_by_role("group", name="Loneliness").get_by_text("4", exact=True).click()  # the feeling and its strength
    page.get_by_label("In your own words (optional)").fill("tired but okay")
    page.get_by_role("button", name="Check in").click()
    page.get_by_text("Thank you for checking in.").wait_for()
    chart = page.locator("svg.mood-chart")
    assert chart.get_attribute("role") == "img"
    assert chart.locator("text", has_text="loneliness").count() == 1
    assert chart.locator("text", has_text="tired but okay").count() == 1
    assert chart.locator("rect.chart-bar").count() == 2

    page.get_by_role("link", name="Today", exact=True).click()
    page.get_by_role("button", name="Calm").click()
    page.get_by_text("Thank you for checking in.").wait_for()


def test_the_pause_offline_then_online_and_the_alert(running_app, browser_page):
    """The whole pause with a short timer, first with the network off, and an alert to a friend."""
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    from conftest import free_port

    received: list[dict] = []

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self):
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    port = free_port()
    receiver = HTTPServer(("127.0.0.1", port), Receiver)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    page = browser_page
    try:
        sign_up(page, running_app.url, "pauser")
        page.get_by_role("link", name="Start my first plan").click()
        page.get_by_label("Who are you keeping distance from?").fill("Sam")
        page.get_by_label("When was your last contact?").fill("2026-01-01T09:00")
        page.get_by_label("Why you are doing this, in your own words").fill("I deserve calm mornings.")
        page.get_by_role("button", name="Start counting").click()
        page.goto(running_app.url + "/circle/")
        page.get_by_label("Name").fill("Robin")
        page.get_by_label("Phone").fill("+44 7700 900123")
        page.get_by_label("Best way").select_option("text")
        page.get_by_label("Alert them when I start a pause").check()
        page.get_by_label("The topic they follow").wait_for(state="hidden")  # only the chosen way's fields show
        page.get_by_label("ntfy, an app for alerts").check()
        page.get_by_label("The ntfy server").fill(f"http://127.0.0.1:{port}")
        page.get_by_label("The topic they follow").fill("robin-alerts")
        page.get_by_role("button", name="Add to my circle").click()
        page.get_by_text("alerted when a pause starts").wait_for()
        assert page.get_by_text("alert by ntfy").is_visible()
        page.get_by_role("button", name="Send a test").click()
        page.get_by_text("The test went to Robin.").wait_for()
        assert [(r["topic"], r["title"]) for r in received] == [("robin-alerts", "Just a test")]
        received.clear()

        # Open the pause once online (the service worker keeps it), then lose the network.
        page.get_by_role("link", name="Reach out").click()  # "I want to reach out" on a wide screen
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        for _ in range(50):
            if received:
                break
            page.wait_for_timeout(200)
        assert received, "the alert did not reach the friend"
        assert received[0]["title"] == "A friend could use a call"
        assert "Sam" not in json.dumps(received)
        assert "calm mornings" not in json.dumps(received)

        page.reload()  # now controlled by the service worker
        page.context.set_offline(True)
        page.goto(running_app.url + "/pause/?timer_seconds=2")
        assert page.get_by_text("Offline: everything still works here.").is_visible()
        page.get_by_label("0 is barely there").fill("8")
        page.get_by_role("button", name="Next").click()
        page.get_by_label("Loneliness").check()
        page.get_by_role("button", name="Next").click()
        page.get_by_label("Reassurance").check()
        page.get_by_role("button", name="Next").click()
        page.get_by_label("Your message").fill("I just wanted to hear your voice.")
        page.get_by_role("button", name="Next").click()
        assert page.get_by_text("Your reason: I deserve calm mornings.").is_visible()
        assert page.get_by_role("link", name="Text Robin").get_attribute("href").startswith("sms:+44 7700 900123?body=")
        page.get_by_role("button", name="Start the timer").click()
        page.get_by_text("The time is up").wait_for(timeout=10_000)
        page.get_by_role("button", name="Next").click()
        page.get_by_label("The urge now").fill("3")
        page.get_by_label("It passed").check()
        page.get_by_label("Waiting").check()
        page.get_by_role("button", name="Save this pause").click()
        page.get_by_text("1 pause(s) kept on this device").wait_for()

        page.context.set_offline(False)
        page.get_by_text("1 pause(s) kept on this device").wait_for(state="detached", timeout=15_000)
        page.goto(running_app.url + "/urges/")
        assert page.get_by_text("1 pause so far.").is_visible()
        assert page.get_by_text("The urge passed in 100% of them.").is_visible()
        page.goto(running_app.url + "/pause/")  # coming back sends nothing twice
        page.wait_for_timeout(1000)
        page.goto(running_app.url + "/urges/")
        assert page.get_by_text("1 pause so far.").is_visible()
    finally:
        receiver.shutdown()


def test_the_pause_keeps_its_timer_and_leads_a_practical_matter_to_the_checker(running_app, browser_page):
    page = browser_page
    sign_up(page, running_app.url, "timer")
    page.get_by_role("link", name="Start my first plan").click()
    page.get_by_label("Who are you keeping distance from?").fill("Co-parent")
    page.get_by_label("Minimal contact, with boundaries").check()
    page.get_by_label("When was your last contact?").fill("2026-01-01T09:00")
    page.get_by_role("button", name="Start counting").click()
    page.get_by_role("heading", name="Boundaries with “Co-parent”").wait_for()  # the next step
    page.goto(running_app.url + "/pause/?timer_seconds=90")
    assert not page.get_by_role("button", name="Back").is_visible()  # one step at a time
    assert not page.get_by_text("Write what you want to send").is_visible()
    page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Next").click()
    page.get_by_label("A practical matter").check()
    link = page.get_by_role("link", name="Check your message first")
    assert "/check/?plan=" in link.get_attribute("href")
    href_before = link.get_attribute("href")
    page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Start the timer").click()
    href = href_before
    page.reload()  # leave and come back: the pause is where it was (once the sealed state is opened again)
    expect(page.locator("#timer")).to_have_text(re.compile(r"^1:\d\d.*left$"))
    page.goto(running_app.url + href)
    assert page.get_by_label("Check against the boundaries of").input_value() == href.split("=")[1]
