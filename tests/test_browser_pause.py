"""The quick exit and the pause in Chromium, on a phone and a desktop: nothing fires while typing, nothing
typed is lost or left readable, the next account sees nothing, and the pause works with JavaScript off."""

from __future__ import annotations

import json
import os
import re

import pytest
from playwright.sync_api import expect

from conftest import RunningApp
from tests import test_browser_safety as safety
from tests.test_browser import CHROMIUM

ARGS = safety.ARGS
_start_plan = safety._start_plan
neutral = safety.neutral  # the neutral page the quick exit leads to (a fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)"),
]
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
PASSWORD = "a steady morning 12"
PARAGRAPH = "Hi Alex. I know I said I would not write. OK?"
UNSENT = "I Miss You So Much, Alex"
TEXT_FIELDS = (
    "textarea:visible, input:visible:not([type]), input[type=text]:visible, input[type=search]:visible, "
    "input[type=email]:visible, input[type=url]:visible, input[type=tel]:visible, input[type=password]:visible"
)


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


def _context(browser, viewport, **options):
    context = browser.new_context(viewport=VIEWPORTS[viewport], timezone_id="Europe/Berlin", **options)
    context.set_default_timeout(15_000)
    return context


def _sign_up(page, base, name) -> str:
    page.goto(base + "/signup/")
    page.get_by_label("A name for your account").fill(name)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    return page.get_by_test_id("login-name").inner_text()


def _sign_in(page, base, login):
    page.goto(base + "/login/")
    page.get_by_label("Login name").fill(login)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"^(?!.*/login/).*$"))


def _quick_exit_on(page, base):
    page.goto(base + "/account/safety/")
    page.get_by_label("Show the quick exit").check()
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_role("link", name="Quick exit").wait_for()


def _type_like_a_person(page, text):
    """Capitals and '?' with Shift held, as on a real keyboard, at a normal typing speed."""
    for ch in text:
        if ch == " ":
            page.keyboard.press("Space", delay=10)
        elif ch.isupper() or ch in "?!":
            page.keyboard.press(f"Shift+{ch}", delay=10)
        else:
            page.keyboard.press(ch, delay=10)


def _storage(page) -> dict:
    """Everything this origin keeps in the browser, as text."""
    return page.evaluate(
        """async () => {
        const out = {local: {}, session: {}, idb: {}, caches: {}};
        for (let i = 0; i < localStorage.length; i++) {
          const k = localStorage.key(i); out.local[k] = localStorage.getItem(k);
        }
        for (let i = 0; i < sessionStorage.length; i++) {
          const k = sessionStorage.key(i); out.session[k] = sessionStorage.getItem(k);
        }
        for (const db of await indexedDB.databases()) {
          out.idb[db.name] = await new Promise((ok) => {
            const req = indexedDB.open(db.name);
            req.onsuccess = () => {
              const conn = req.result, all = [];
              const names = Array.from(conn.objectStoreNames);
              if (!names.length) { conn.close(); ok(all); return; }
              const tx = conn.transaction(names, "readonly");
              names.forEach((n) => {
                const r = tx.objectStore(n).getAll();
                r.onsuccess = () => all.push(String(JSON.stringify(r.result)));
              });
              tx.oncomplete = () => { conn.close(); ok(all); };
            };
            req.onerror = () => ok(["unopenable"]);
          });
        }
        for (const name of await caches.keys()) {
          const cache = await caches.open(name);
          const texts = (await cache.keys()).map(async (r) => (await (await cache.match(r)).text()));
          out.caches[name] = await Promise.all(texts);
        }
        return out;
      }"""
    )


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_typing_with_capitals_and_escape_in_every_text_field_never_exits(app, chromium, neutral, viewport):
    context = _context(chromium, viewport)
    page = context.new_page()
    _sign_up(page, app.url, f"typist{viewport}")
    _start_plan(page, app.url, "Alex")
    _quick_exit_on(page, app.url)
    fields = 0
    for path in ("/journal/new/", "/mood/", "/circle/", "/plans/new/", "/account/safety/", "/pause/"):
        page.goto(app.url + path)
        steps = 6 if path == "/pause/" else 1  # the pause shows one step at a time
        for step in range(steps):
            for i in range(page.locator(TEXT_FIELDS).count()):
                field = page.locator(TEXT_FIELDS).nth(i)
                field.click()
                _type_like_a_person(page, PARAGRAPH)
                page.keyboard.press("Escape")
                page.wait_for_timeout(150)
                assert page.url.startswith(app.url + path), f"left from a field on {path}: {page.url}"
                limit = int(field.get_attribute("maxlength") or len(PARAGRAPH))
                assert field.input_value().endswith(PARAGRAPH[:limit]), path
                fields += 1
            if step < steps - 1:
                page.get_by_role("button", name="Next").click()
    assert fields >= 12
    # Shift alone, three times, outside a field: that is the way out, and what was being written is kept.
    page.goto(app.url + "/journal/new/")
    page.get_by_label("Your entry").fill("Today the sea was grey and that was fine.")
    page.wait_for_timeout(600)  # kept as a draft while typing (sealed)
    page.locator("h1").click()
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(neutral)
    context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_after_a_quick_exit_nothing_readable_stays_and_the_next_account_sees_nothing(app, chromium, neutral, viewport):
    context = _context(chromium, viewport)
    page = context.new_page()
    alice = _sign_up(page, app.url, f"first{viewport}")
    _start_plan(page, app.url, "Alex")
    _quick_exit_on(page, app.url)
    page.goto(app.url + "/journal/new/")
    page.get_by_label("Your entry").fill("Dear diary, a lighthouse of a day.")
    page.wait_for_timeout(600)
    page.goto(app.url + "/pause/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.evaluate("ncVault.key().then(() => true)")
    for _ in range(3):
        page.get_by_role("button", name="Next").click()
    page.get_by_label("Your message").fill(UNSENT)
    page.wait_for_timeout(300)
    page.evaluate("sessionStorage.setItem('probe', 'x')")
    page.get_by_role("link", name="Quick exit").click()
    page.wait_for_url(neutral)

    # Back on the app's origin (a page the hold lets through): nothing of hers can be read.
    page.goto(app.url + "/healthz")
    kept = _storage(page)
    text = json.dumps(kept)
    for secret in (UNSENT, "lighthouse", "Alex", "Dear diary"):
        assert secret not in text, secret
    assert kept["session"] == {}
    assert kept["idb"] == {}
    assert kept["caches"] == {}
    assert kept["local"], kept["local"]
    assert all(k.startswith("nc.sealed.") for k in kept["local"]), kept["local"]

    # Ten minutes on (the hold's cookie gone), someone else signs in on the same browser.
    context.clear_cookies()
    _sign_up(page, app.url, f"second{viewport}")
    _start_plan(page, app.url, "Robin")
    page.goto(app.url + "/pause/")
    for _ in range(3):
        page.get_by_role("button", name="Next").click()
    assert page.get_by_label("Your message").input_value() == ""
    page.goto(app.url + "/journal/new/")
    page.wait_for_timeout(500)
    assert not page.get_by_role("button", name="Put it back").is_visible()
    assert page.get_by_label("Your entry").input_value() == ""
    page.goto(app.url + "/today/")
    page.wait_for_timeout(500)
    assert not page.locator("[data-drafts-waiting]").is_visible()
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(app.url + "/")

    # She signs in again: what she was writing is hers again, offered back, and the pause is where she left it.
    _sign_in(page, app.url, alice)
    page.goto(app.url + "/today/")
    page.get_by_text("What you were writing was kept.").wait_for()
    page.get_by_role("link", name="Carry on writing").click()
    page.get_by_role("button", name="Put it back").click()
    assert page.get_by_label("Your entry").input_value() == "Dear diary, a lighthouse of a day."
    page.goto(app.url + "/pause/")
    expect(page.get_by_label("Your message")).to_have_value(UNSENT)  # opened once her key is there
    assert page.get_by_label("Your message").is_visible()  # and the pause is at the step she was on
    context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_pause_saved_offline_survives_the_quick_exit_and_reaches_only_its_own_account(
    app, chromium, neutral, viewport
):
    context = _context(chromium, viewport)
    page = context.new_page()
    alice = _sign_up(page, app.url, f"offline{viewport}")
    _start_plan(page, app.url, "Alex")
    _quick_exit_on(page, app.url)
    page.goto(app.url + "/pause/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.evaluate("ncVault.key().then(() => true)")  # opened online once: her key is on the device
    page.reload()  # now controlled by the service worker
    context.set_offline(True)
    page.goto(app.url + "/pause/")
    for _ in range(3):
        page.get_by_role("button", name="Next").click()
    page.get_by_label("Your message").fill(UNSENT)
    for _ in range(2):
        page.get_by_role("button", name="Next").click()
    page.get_by_label("It passed").check()
    page.get_by_role("button", name="Save this pause").click()
    page.get_by_text("1 pause(s) kept on this device").wait_for()
    page.get_by_role("link", name="Quick exit").click()  # offline: straight to the neutral page
    page.wait_for_timeout(1000)
    context.set_offline(False)
    context.clear_cookies()

    _sign_up(page, app.url, f"other{viewport}")
    page.goto(app.url + "/urges/")
    page.wait_for_timeout(1500)  # time enough for anything wrongly kept to be sent
    page.goto(app.url + "/urges/")
    assert not page.get_by_text("1 pause so far.").is_visible()
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(app.url + "/")

    _sign_in(page, app.url, alice)
    page.goto(app.url + "/today/")
    for _ in range(30):
        page.goto(app.url + "/urges/")
        if page.get_by_text("1 pause so far.").is_visible():
            break
        page.wait_for_timeout(300)
    assert page.get_by_text("1 pause so far.").is_visible()
    context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_pause_completes_with_javascript_off_and_no_address_holds_what_was_typed(app, chromium, viewport):
    context = _context(chromium, viewport, java_script_enabled=False)
    page = context.new_page()
    urls: list[str] = []
    page.on("request", lambda r: urls.append(r.url))
    _sign_up(page, app.url, f"nojs{viewport}")
    _start_plan(page, app.url, "Alex")
    page.goto(app.url + "/pause/")
    page.screenshot(path=f"/tmp/pause-nojs-{viewport}.png", full_page=True)
    page.get_by_label("Loneliness").check()
    page.get_by_label("Or in your own words").fill("hollow evening")
    page.get_by_label("Reassurance").check()
    page.get_by_label("Your message").fill(UNSENT)
    page.get_by_label("It passed").check()
    page.get_by_label("Writing it down").check()
    page.get_by_role("button", name="Save this pause").click()
    page.get_by_text("Every pause you take is a record that urges pass.").wait_for()
    page.goto(app.url + "/urges/")
    assert page.get_by_text("1 pause so far.").is_visible()
    # The journal's search is sent the same way.
    page.goto(app.url + "/journal/")
    page.get_by_label("Search your journal").fill("lighthouse keeper")
    page.get_by_label("Search your journal").press("Enter")
    page.get_by_text("0 entries with").wait_for()
    for url in urls:
        for typed in (UNSENT, "hollow", "lighthouse", "Miss"):
            assert typed not in url
            assert typed.replace(" ", "+") not in url
            assert typed.replace(" ", "%20") not in url
    context.close()
