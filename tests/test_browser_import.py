"""Import in Chromium: upload a WhatsApp export, see the preview, import, see the log and figures, undo."""

from __future__ import annotations

import os

import pytest

from tests.data import exports
from tests.test_browser import CHROMIUM, sign_up
from tests.test_browser_safety import _page, _start_plan, chromium  # noqa: F401  (a fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)"),
]


def test_upload_preview_import_and_undo(running_app, chromium, tmp_path):  # noqa: F811
    export = tmp_path / "WhatsApp Chat with Alex.txt"
    # Contact a few days after the plan's start (40 days ago): dates written day-first, as the phone would.
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    # The browser (and so the plan) is in Berlin: count the days there, whatever the hour in UTC.
    day = (datetime.now(ZoneInfo("Europe/Berlin")) - timedelta(days=20)).strftime("%d/%m/%Y")
    export.write_text(
        exports.WHATSAPP_ANDROID_DMY.replace("14/01/2026", day).replace("15/01/2026", day).replace("16/01/2026", day)
    )
    page = _page(chromium)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    sign_up(page, running_app.url, "importer")
    _start_plan(page, running_app.url, "Alex", days_ago=40)
    assert page.get_by_test_id("current-streak").inner_text() in ("39", "40", "41")

    page.get_by_role("link", name="Import chat or call history").click()
    page.get_by_label("The exported file").set_input_files(str(export))
    page.get_by_role("button", name="Read the file").click()
    if day[:2] <= "12":  # both readings would fit: the page asks, as a person would be asked
        page.get_by_text("day-first or month-first").wait_for()
        page.get_by_label("The exported file").set_input_files(str(export))
        page.get_by_label("Dates in the file").select_option("dmy")
        page.get_by_role("button", name="Read the file").click()
    page.get_by_role("heading", name="Before anything is written").wait_for()
    assert page.get_by_test_id("sent").inner_text() == "2"
    assert page.get_by_test_id("received").inner_text() == "2"
    assert page.get_by_test_id("after-slips").inner_text() == "2"  # two messages sent that day
    assert page.get_by_test_id("after-streak").inner_text() == "20 days"
    # Times in the plan's zone, in words (issue 19), and what counts as a conversation.
    first = page.get_by_test_id("first-contact").inner_text()
    assert first.split()[0] in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    assert first.endswith(", 09:01")
    assert "T09:01" not in first
    assert "you answered within 6 hours" in page.get_by_test_id("conversations").inner_text()

    page.get_by_role("button", name="Import 5 entries").click()
    page.get_by_text("Imported 5 entries into your log").wait_for()
    assert page.get_by_test_id("current-streak").inner_text() == "20"
    assert page.get_by_test_id("slips").inner_text() == "2"
    assert page.locator(".history .tag", has_text="imported").count() == 5

    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Undo this import").click()
    page.get_by_text("That import has been taken out of your log").wait_for()
    assert page.get_by_test_id("slips").inner_text() == "0"
    assert page.get_by_test_id("current-streak").inner_text() in ("39", "40", "41")
    assert {r.split("/")[2] for r in requests if r.startswith("http")} == {running_app.url.split("/")[2]}
