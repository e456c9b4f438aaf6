"""Issue 15, item 4, in Chromium on a phone and a desktop: no logging form chooses for the person, and a
pause that ends in contact is never put on a plan nobody chose."""

from __future__ import annotations

import pytest

from tests.test_browser_pause import VIEWPORTS, _context, _sign_up, _start_plan, app, chromium, neutral  # noqa: F401

pytestmark = pytest.mark.browser

CHOSEN = """() => {
  const out = [];
  document.querySelectorAll("main input[type=radio]:checked").forEach((r) => out.push(r.name + "=" + r.value));
  document.querySelectorAll("main select").forEach((s) => {
    if (s.value && !s.hidden && s.name !== "minutes") { out.push(s.name + "=" + s.value); }
  });
  return out;
}"""


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_nothing_is_chosen_in_advance_and_a_contact_waits_for_its_plan(app, chromium, viewport):  # noqa: F811
    context = _context(chromium, viewport)
    page = context.new_page()
    _sign_up(page, app.url, f"chooser{viewport}")
    _start_plan(page, app.url, "Alex", mode="Safety")
    log_url = page.get_by_role("link", name="Safety log").first.get_attribute("href")
    _start_plan(page, app.url, "Kit")
    for path in (log_url, "/mood/", "/pause/"):
        page.goto(app.url + path)
        assert page.evaluate(CHOSEN) == [], path

    # "I contacted them" with two plans and none chosen: nothing is saved until the person says which.
    for _ in range(5):
        page.get_by_role("button", name="Next").click()
    page.get_by_label("I contacted them").check()
    page.get_by_role("button", name="Save this pause").click()
    page.get_by_text("Say which plan this was about").wait_for()
    page.goto(app.url + "/urges/")
    page.get_by_text("No pauses yet.").wait_for()
    context.close()
