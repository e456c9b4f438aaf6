"""Issue 15 item 7 in Chromium, on a phone and a desktop: the login name reaches the browser's password
manager as it really is (with its number), the Account page shows it, and a recovery code works."""

from __future__ import annotations

import os

import pytest

from tests.test_browser import CHROMIUM, log_out

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)"),
]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
FIRST = "a steady morning 12"
SECOND = "a quiet new harbour 34"


@pytest.fixture(params=[PHONE, DESKTOP], ids=["phone", "desktop"])
def page(request):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport=request.param, timezone_id="Europe/Berlin")
        tab = context.new_page()
        tab.set_default_timeout(15_000)
        yield tab
        context.close()
        browser.close()


def test_the_real_login_name_is_offered_shown_and_a_recovery_code_sets_a_new_password(running_app, page):
    base = running_app.url
    page.goto(base + "/signup/")
    page.get_by_label("A name for your account").fill("Robin")
    page.get_by_label("Password", exact=True).fill(FIRST)
    page.get_by_label("Password again").fill(FIRST)
    page.get_by_role("button", name="Create my account").click()
    login_name = page.get_by_test_id("login-name").inner_text()
    assert login_name.startswith("Robin-")
    assert login_name != "Robin"

    # The welcome page hands the password manager the real name, beside a password field in one form.
    saved = page.locator('input[autocomplete="username"]')
    assert saved.count() == 1
    assert saved.input_value() == login_name
    assert not saved.is_visible()
    form = saved.locator("xpath=ancestor::form")
    assert form.locator('input[type="password"][autocomplete="current-password"]').count() == 1
    page.get_by_label("Your password, once more").fill(FIRST)
    page.get_by_role("button", name="Save it in my browser").click()
    page.wait_for_url("**/plans/new/")

    # The Account page shows it, and says plainly that there is no reset without it.
    page.goto(base + "/account/")
    assert page.get_by_test_id("account-login-name").inner_text() == login_name
    assert page.get_by_text("without your login name nobody").is_visible()

    page.get_by_role("button", name="Make a recovery code").click()
    code = page.get_by_test_id("recovery-code").inner_text()
    assert page.get_by_text("this code won't be shown again").is_visible()
    page.goto(base + "/account/")
    assert code not in page.content()

    # Signed out and the password forgotten: the login name and the code set a new one.
    log_out(page)
    page.wait_for_url(base + "/")  # signing out first seals what the page keeps, then leaves
    page.goto(base + "/login/")
    page.get_by_role("link", name="Forgot your password?").click()
    page.get_by_label("Login name").fill(login_name)
    page.get_by_label("Recovery code").fill(code)
    page.get_by_label("New password", exact=True).fill(SECOND)
    page.get_by_label("New password again").fill(SECOND)
    page.get_by_role("button", name="Set my new password").click()
    page.get_by_text("Your new password is set").wait_for()
    assert "/account/" in page.url

    # The old password no longer works; the new one does; the code was used up.
    log_out(page)
    page.wait_for_url(base + "/")  # signing out first seals what the page keeps, then leaves
    page.goto(base + "/login/")
    page.get_by_label("Login name").fill(login_name)
    page.get_by_label("Password").fill(FIRST)
    page.get_by_role("button", name="Log in").click()
    page.get_by_text("don't match an account").wait_for()
    page.get_by_label("Login name").fill(login_name)
    page.get_by_label("Password").fill(SECOND)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/today/")
    page.goto(base + "/account/access/")
    assert page.get_by_text("New password set with the recovery code").is_visible()
