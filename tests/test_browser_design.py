"""Issue 22: every page, on a phone (390x844), offers nothing to tap that is smaller than 44x44 px.

A person with one of everything (tests/screens.py) signs in; every page there is, walked from the URL resolver
with each of her ids, is measured in Chromium: each visible link, button, field, summary and each radio or
checkbox through its label. A link inside a sentence is sized by its line (WCAG 2.2, 2.5.8 "inline") and is
left out. The signed-out pages are measured too.
"""

from __future__ import annotations

import os
import secrets

import pytest

from conftest import RunningApp
from tests.screens import ARGS, SIGNED_OUT, TAP_TARGETS, chromium_path, screens, seed, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(chromium_path()), reason="no Chromium (apt-get install chromium)"),
]
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def seeded_app(tmp_path_factory):
    """A `nocontact serve` whose one person has one of everything; (the app, her plans' ids)."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "NOCONTACT_USER", "NOCONTACT_HOSTED"}}
    env["NOCONTACT_DATA_DIR"] = str(tmp_path_factory.mktemp("design-browser") / "data")
    env["TZ"] = "UTC"
    url = os.environ.get("DATABASE_URL", "")
    name = ""
    if url.startswith("postgres"):
        import psycopg

        name = f"nocontact_e2e_{secrets.token_hex(4)}"
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = url.rsplit("/", 1)[0] + "/" + name
    plan_ids = seed(env, "robin")
    running = RunningApp(env)
    yield running, plan_ids
    running.stop()
    if name:
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def phone():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=ARGS)
        page = browser.new_context(viewport=PHONE, timezone_id="Europe/London").new_page()
        page.set_default_timeout(15_000)
        yield page
        browser.close()


def test_no_tap_target_on_any_page_is_under_44_px_on_a_phone(seeded_app, phone):
    app, plan_ids = seeded_app
    small: dict[str, list[str]] = {}
    for url in SIGNED_OUT:
        phone.goto(app.url + url)
        if found := phone.evaluate(TAP_TARGETS):
            small[url] = found
    sign_in(phone, app.url)
    pages = screens(phone, app.url, plan_ids)
    assert len(pages) > 40, pages  # the walk reached the app, not only a sign-in page
    for _, url in pages:
        phone.goto(app.url + url)
        if found := phone.evaluate(TAP_TARGETS):
            small[url] = found
    assert not small, "\n".join(f"{url}: {', '.join(found)}" for url, found in small.items())


def test_light_or_dark_follows_the_device_until_the_person_chooses(seeded_app, phone):
    """Dark mode follows the system; a choice on the Account page wins over it, on every page."""
    app, _ = seeded_app
    context = phone.context.browser.new_context(viewport=PHONE, color_scheme="light")
    page = context.new_page()
    page.set_default_timeout(15_000)
    background = lambda: page.evaluate("getComputedStyle(document.body).backgroundColor")  # noqa: E731
    try:
        sign_in(page, app.url)
        light = background()
        page.emulate_media(color_scheme="dark")
        page.reload()
        dark = background()
        assert light != dark  # the system's setting is followed

        page.emulate_media(color_scheme="light")
        page.goto(app.url + "/account/")
        page.get_by_label("Dark", exact=True).check()
        page.get_by_role("button", name="Save", exact=True).click()
        page.get_by_text("The pages now look the way you chose").wait_for()
        assert background() == dark
        # The pause has its own page, kept offline by the service worker, which the save asked to refresh;
        # it answers from its copy first, so the new look is there by the next time it opens at the latest.
        themes = []
        for _ in range(3):
            page.goto(app.url + "/pause/")
            themes.append(page.evaluate("document.documentElement.dataset.theme"))
            if themes[-1] == "dark":
                break
            page.wait_for_timeout(500)
        assert themes[-1] == "dark", themes

        page.emulate_media(color_scheme="dark")
        page.goto(app.url + "/account/")
        page.get_by_label("Light", exact=True).check()
        page.get_by_role("button", name="Save", exact=True).click()
        page.get_by_text("The pages now look the way you chose").wait_for()
        assert background() == light

        page.get_by_label("Follow this device").check()
        page.get_by_role("button", name="Save", exact=True).click()
        page.get_by_text("The pages now look the way you chose").wait_for()
        assert background() == dark
    finally:
        context.close()
