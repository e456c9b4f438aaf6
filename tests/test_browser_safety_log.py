"""The safety log in Chromium, on a phone and a desktop: record, correct, withdraw, download, and check the file."""

from __future__ import annotations

import os

import pytest

from tests.test_browser import CHROMIUM, sign_up
from tests.test_browser_safety import ARGS, _start_plan
from tests.test_cli import run

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)"),
]


@pytest.fixture
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.mark.parametrize("viewport", [(390, 844), (1280, 800)], ids=["phone", "desktop"])
def test_correct_and_withdraw_keep_the_originals_and_the_download_verifies(
    running_app, chromium, scratch_env, tmp_path, viewport
):
    width, height = viewport
    context = chromium.new_context(
        viewport={"width": width, "height": height}, timezone_id="Europe/Berlin", accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_up(page, running_app.url, "leaving")
    _start_plan(page, running_app.url, "Kit", mode="Safety")
    page.get_by_role("link", name="Safety log").first.click()
    for details in ("Forty texts in an hour.", "Waited outside the gym."):
        page.get_by_label("What happened").select_option("message")  # nothing is chosen in advance
        page.get_by_label("How", exact=True).select_option("text")
        page.get_by_label("Details (optional)").fill(details)
        page.get_by_role("button", name="Record it").click()
        page.get_by_text(details).wait_for()

    entry = page.locator("li", has_text="Forty texts in an hour.")
    entry.get_by_role("link", name="Correct").click()
    page.get_by_label("Details (optional)").fill("Forty-two texts in an hour.")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("The earlier version stays in the log").wait_for()
    corrected = page.locator("li", has_text="Forty-two texts in an hour.")
    assert "Before it was corrected" in corrected.inner_text()
    assert "Forty texts in an hour." in corrected.inner_text()

    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("li", has_text="Waited outside the gym.").get_by_role("button", name="Withdraw").click()
    page.get_by_text("It stays in the log marked as withdrawn").wait_for()
    withdrawn = page.locator("li", has_text="Waited outside the gym.")
    assert "Withdrawn" in withdrawn.inner_text()
    assert withdrawn.get_by_role("button", name="Withdraw").count() == 0

    for label, name in (("Download as CSV", "record.csv"), ("Download as PDF", "record.pdf")):
        with page.expect_download() as download:
            page.get_by_role("link", name=label).click()
        target = tmp_path / name
        download.value.save_as(target)
        checked = run(scratch_env, "verify-export", str(target))
        assert checked.stdout.startswith("Intact and signed by this server's key")
    assert "4 entries" in run(scratch_env, "verify-export", str(tmp_path / "record.csv")).stdout
    context.close()
