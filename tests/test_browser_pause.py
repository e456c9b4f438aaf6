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
from tests.test_browser import CHROMIUM, log_out

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
    log_out(page)
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
    # The calm flow comes from the cache too: its stylesheet (the dots, the breathing circle) and its script.
    assert page.evaluate("getComputedStyle(document.getElementById('dots')).display") == "flex"
    for _ in range(3):
        page.get_by_role("button", name="Next").click()
    page.get_by_label("Your message").fill(UNSENT)
    for _ in range(2):
        page.get_by_role("button", name="Next").click()
    page.get_by_label("It passed").check()
    page.get_by_role("button", name="Save this pause").click()
    page.get_by_text("1 pause(s) kept on this device").wait_for()
    expect(page.get_by_role("heading", name="You gave it time, and it passed.")).to_be_focused()
    assert not page.get_by_role("button", name="Save this pause").is_visible()
    page.get_by_role("link", name="Quick exit").click()  # offline: straight to the neutral page
    page.wait_for_timeout(1000)
    context.set_offline(False)
    context.clear_cookies()

    _sign_up(page, app.url, f"other{viewport}")
    page.goto(app.url + "/urges/")
    page.wait_for_timeout(1500)  # time enough for anything wrongly kept to be sent
    page.goto(app.url + "/urges/")
    assert not page.get_by_text("1 pause so far.").is_visible()
    log_out(page)
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


# --- Issue 22: the pause as a calm full-screen flow ----------------------------------------------------------

FOCUSED_HEADING = "() => { const h = document.activeElement; return h && h.tagName === 'H2' ? h.textContent : null; }"
# Everything a finger may need on a step: buttons, button-like links, whole-label choices, lists, folds.
TARGETS = (
    ".step:not([hidden]) :is(button, a.button, a.choice, .chips label, .choices label, select, summary), "
    "#step-nav button"
)
SMALL = """nodes => nodes.filter(n => n.checkVisibility())
    .map(n => [n.textContent.trim(), n.getBoundingClientRect()])
    .filter(([, r]) => r.width < 44 || r.height < 44).map(([t]) => t)"""


def _plan_with_reason(page, base, reason="My evenings are mine again."):
    page.goto(base + "/plans/new/")
    page.get_by_label("Who are you keeping distance from?").fill("Alex")
    page.get_by_label("When was your last contact?").fill("2026-11-20T09:00")
    page.get_by_label("Why you are doing this, in your own words").fill(reason)
    zone = page.get_by_label("Your time zone")
    if not zone.input_value():
        zone.fill("Europe/Berlin")
    page.get_by_role("button", name="Start counting").click()
    page.get_by_test_id("current-streak").wait_for()


def _add_to_circle(page, base, name="Robin", phone="+44 7700 900123"):
    page.goto(base + "/circle/")
    page.get_by_label("Name").fill(name)
    page.get_by_label("Phone").fill(phone)
    page.get_by_role("button", name="Add to my circle").click()
    page.get_by_text(name).first.wait_for()


def _pauses_saved(page, base, count: int) -> None:
    text = f"{count} pause{'s' if count != 1 else ''} so far."
    for _ in range(30):
        page.goto(base + "/urges/")
        if page.get_by_text(text).is_visible():
            return
        page.wait_for_timeout(300)
    raise AssertionError(f"not {text!r}: {page.inner_text('main')}")


def _to_step(page, n: int) -> None:
    """From the first step to step n (1-based), with Next."""
    for _ in range(n - 1):
        page.get_by_role("button", name="Next").click()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_one_step_at_a_time_with_dots_focus_on_each_heading_and_nothing_lost_going_back(app, chromium, viewport):
    context = _context(chromium, viewport)
    page = context.new_page()
    _sign_up(page, app.url, f"steps{viewport}")
    _plan_with_reason(page, app.url)
    page.goto(app.url + "/pause/")
    assert page.locator("#dots li").count() == 6
    assert page.locator("#dots li.now").count() == 1
    assert page.locator(".step:visible").count() == 1
    assert "Step 1 of 6" in page.locator(".step:visible h2").text_content()
    page.get_by_label("0 is barely there").fill("7")
    page.get_by_role("button", name="Next").click()
    heading = page.evaluate(FOCUSED_HEADING)
    assert heading
    assert heading.startswith("Step 2 of 6")
    assert "What are you feeling?" in heading
    expect(page.locator("#dots li").nth(1)).to_have_class("now")
    page.get_by_label("Loneliness").check()
    page.get_by_label("Or in your own words").fill("a long quiet evening")
    page.get_by_role("button", name="Next").click()
    assert page.evaluate(FOCUSED_HEADING).startswith("Step 3 of 6")
    page.get_by_role("button", name="Back").click()
    assert page.evaluate(FOCUSED_HEADING).startswith("Step 2 of 6")
    assert page.get_by_label("Loneliness").is_checked()
    assert page.get_by_label("Or in your own words").input_value() == "a long quiet evening"
    page.get_by_role("button", name="Back").click()
    assert page.evaluate(FOCUSED_HEADING).startswith("Step 1 of 6")
    assert page.locator("#strength_before_out").text_content() == "7"
    assert not page.get_by_role("button", name="Back").is_visible()
    # Every step: one question, and every target large enough for a thumb.
    for step in range(1, 7):
        small = page.eval_on_selector_all(TARGETS, SMALL)
        assert small == [], (step, small)
        if step < 6:
            page.get_by_role("button", name="Next").click()
    context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_after_saving_an_ending_screen_and_no_way_to_save_twice(app, chromium, viewport):
    context = _context(chromium, viewport)
    page = context.new_page()
    sent: list[str] = []
    page.on("request", lambda r: sent.append(r.post_data or "") if r.url.endswith("/api/v1/pause/sync") else None)
    _sign_up(page, app.url, f"ending{viewport}")
    _plan_with_reason(page, app.url)
    page.goto(app.url + "/pause/")
    page.get_by_label("0 is barely there").fill("8")
    _to_step(page, 4)
    page.get_by_label("Your message").fill(UNSENT)
    _to_step(page, 3)
    page.get_by_label("The urge now").fill("3")
    page.get_by_label("It passed").check()
    page.get_by_role("button", name="Save this pause").click()

    end = page.locator("#end")
    expect(end).to_be_visible()
    expect(page.get_by_role("heading", name="You gave it time, and it passed.")).to_be_focused()
    expect(end).to_contain_text("The urge went from 8 to 3.")
    expect(end).to_contain_text("You wrote it down instead of sending it.")
    expect(end).to_contain_text("days of no contact so far.")
    assert page.get_by_role("link", name="Back to Today").get_attribute("href") == "/today/"
    # The answers are gone from the page, and no Save button is left to press.
    assert not page.locator("#pause").is_visible()
    assert not page.get_by_role("button", name="Save this pause").is_visible()
    assert page.locator("#unsent").input_value() == ""
    assert UNSENT not in page.inner_text("body")
    _pauses_saved(page, app.url, 1)
    # Sending the form again by hand (Enter, a script) saves nothing more.
    page.go_back()
    page.goto(app.url + "/pause/")
    assert page.get_by_label("Your message").is_hidden()  # a new pause, at its first step
    _to_step(page, 4)
    assert page.get_by_label("Your message").input_value() == ""
    keys = {json.loads(body)["urges"][0]["key"] for body in sent if body}
    assert len(keys) == 1, keys
    context.close()


def test_saving_twice_by_accident_saves_once(app, chromium):
    context = _context(chromium, "phone")
    page = context.new_page()
    _sign_up(page, app.url, "twice")
    _plan_with_reason(page, app.url)
    page.goto(app.url + "/pause/")
    _to_step(page, 6)
    page.get_by_label("It passed").check()
    page.evaluate("() => { const f = document.getElementById('pause'); f.requestSubmit(); f.requestSubmit(); }")
    page.locator("#end").wait_for()
    page.evaluate("() => document.getElementById('pause').requestSubmit()")  # the form, hidden, sent once more
    page.wait_for_timeout(800)
    _pauses_saved(page, app.url, 1)
    page.wait_for_timeout(500)
    _pauses_saved(page, app.url, 1)
    context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_still_wanting_to_leads_to_a_longer_round_a_friend_or_the_journal(app, chromium, viewport):
    context = _context(chromium, viewport)
    page = context.new_page()
    _sign_up(page, app.url, f"still{viewport}")
    _plan_with_reason(page, app.url, "I deserve calm mornings.")
    # No one in the circle yet: the way to choose someone.
    page.goto(app.url + "/pause/")
    _to_step(page, 6)
    page.get_by_label("I still want to").check()
    page.get_by_text("Once this is saved, you can choose what to do next").wait_for()
    page.get_by_role("button", name="Save this pause").click()
    expect(page.get_by_role("heading", name="It's still strong, and that's all right.")).to_be_focused()
    assert page.get_by_role("link", name="Choose someone you could call").get_attribute("href") == "/circle/"
    expect(page.locator("#end-reason")).to_have_text("Your reason: I deserve calm mornings.")
    journal = page.get_by_role("link", name=re.compile("Write it in your journal instead"))
    assert journal.get_attribute("href") == "/journal/new/?prompt=unsent_message"
    _pauses_saved(page, app.url, 1)

    # With someone in the circle: one tap to call or text them, or another round, twice as long.
    _add_to_circle(page, app.url)
    page.goto(app.url + "/pause/")
    _to_step(page, 5)
    page.get_by_label("Pause for").select_option("3")
    page.get_by_role("button", name="Start the timer").click()
    page.get_by_role("button", name="Next").click()
    page.get_by_label("The urge now").fill("7")
    page.get_by_label("I still want to").check()
    page.get_by_role("button", name="Save this pause").click()
    assert page.get_by_role("link", name="Call Robin").get_attribute("href") == "tel:+44 7700 900123"
    assert page.get_by_role("link", name="Text Robin").get_attribute("href").startswith("sms:+44 7700 900123?body=")
    assert not page.get_by_role("link", name="Choose someone you could call").is_visible()
    page.get_by_role("button", name=re.compile("Another round")).click()
    heading = page.evaluate(FOCUSED_HEADING)
    assert heading
    assert "Step 5 of 6" in heading
    assert page.get_by_label("Pause for").input_value() == "6"
    expect(page.locator("#timer")).to_have_text(re.compile(r"^(6:00|5:\d\d) left$"))
    expect(page.locator("#timer-say")).to_have_text("The timer is running: 6 minutes.")
    page.get_by_role("button", name="Next").click()
    page.get_by_label("It passed").check()
    page.get_by_role("button", name="Save this pause").click()
    expect(page.get_by_role("heading", name="You gave it time, and it passed.")).to_be_focused()
    _pauses_saved(page, app.url, 3)
    page.get_by_text("The urge passed in 33% of them.").wait_for()
    context.close()


def test_the_timer_ring_counts_down_and_says_so_now_and_then(app, chromium):
    context = _context(chromium, "phone")
    page = context.new_page()
    _sign_up(page, app.url, "ring")
    _plan_with_reason(page, app.url)
    page.goto(app.url + "/pause/?timer_seconds=3")
    _to_step(page, 5)
    assert page.get_by_text("Your reason: My evenings are mine again.").is_visible()
    assert page.get_by_text(re.compile(r"^\d+ days of no contact so far\.$")).is_visible()
    offset = "() => getComputedStyle(document.getElementById('ring-left')).strokeDashoffset"
    assert page.evaluate(offset) == "0px"
    page.get_by_role("button", name="Start the timer").click()
    expect(page.locator("#timer-say")).to_have_text("The timer is running: 1 minute.")
    assert page.locator("#timer-say").get_attribute("aria-live") == "polite"
    page.wait_for_timeout(1500)
    assert page.locator("#timer-say").text_content() == "The timer is running: 1 minute."  # not every second
    page.get_by_text("The time is up. How is it now?").wait_for(timeout=10_000)
    page.wait_for_timeout(1200)  # the ring's last second of easing
    assert float(page.evaluate(offset).removesuffix("px")) > 330  # the ring has emptied
    assert page.get_by_role("button", name="Start the timer").is_visible()
    context.close()


@pytest.mark.parametrize("motion", ["reduce", "no-preference"])
def test_the_breathing_circle_moves_only_when_motion_is_welcome(app, chromium, motion):
    context = _context(chromium, "phone", reduced_motion=motion)
    page = context.new_page()
    _sign_up(page, app.url, "breathe" + motion.replace("-", ""))
    _plan_with_reason(page, app.url)
    page.goto(app.url + "/pause/")
    _to_step(page, 5)
    style = """sel => {
        const [node, pseudo] = sel.split("::");
        const s = getComputedStyle(document.querySelector(node), pseudo ? "::" + pseudo : null);
        return [s.animationName, s.display];
    }"""
    if motion == "reduce":
        assert page.evaluate(style, ".ring-wrap::before") == ["none", "block"]  # still, and there
        assert page.evaluate(style, ".say-in")[1] == "none"
        assert page.evaluate(style, ".say-out")[1] == "none"
        assert page.locator(".say-still").is_visible()
        assert page.get_by_text("in for four as it grows, out for four as it shrinks").is_visible()
    else:
        assert page.evaluate(style, ".ring-wrap::before")[0] == "nc-breathe"
        assert page.evaluate(style, ".say-in")[0] == "nc-say-in"
        assert not page.locator(".say-still").is_visible()
        duration = page.evaluate("getComputedStyle(document.querySelector('.ring-wrap'), '::before').animationDuration")
        assert duration == "8s"  # 4 s in, 4 s out
    context.close()


def test_in_discreet_mode_the_reason_is_one_tap_away_not_on_screen(app, chromium):
    context = _context(chromium, "phone")
    page = context.new_page()
    _sign_up(page, app.url, "quiet")
    _plan_with_reason(page, app.url, "My evenings are mine again.")
    page.goto(app.url + "/account/safety/")
    page.get_by_label("Discreet mode").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_text("These apply on every device").wait_for()
    page.goto(app.url + "/pause/")
    _to_step(page, 5)
    assert "My evenings" not in page.inner_text("body")
    page.locator("#reason-fold summary").click()
    assert page.get_by_text("Your reason: My evenings are mine again.").is_visible()
    page.get_by_role("button", name="Next").click()
    page.get_by_label("I still want to").check()
    page.get_by_role("button", name="Save this pause").click()
    page.locator("#end").wait_for()
    text = page.inner_text("body")
    assert "My evenings" not in text
    assert not re.search(r"\b(contact|urge|ex|safety)\b", text, re.IGNORECASE), text
    context.close()
