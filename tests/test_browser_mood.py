"""The mood check-in in Chromium: each feeling a row of numbers, one tap picks the feeling and how strong it is,
with or without JavaScript; the strength fills in up to the number tapped; nothing is chosen in advance."""

from __future__ import annotations

from tests.test_browser import sign_up
from tests.test_browser_plans import (  # noqa: F401  (app and chromium: the module's fixtures)
    PHONE,
    _name,
    _page,
    app,
    chromium,
    pytestmark,
)


def _background(locator) -> str:
    return locator.evaluate("node => getComputedStyle(node).backgroundColor")


def test_one_tap_picks_a_feeling_and_its_strength_on_a_phone(app, chromium):  # noqa: F811
    page = _page(chromium, PHONE)
    sign_up(page, app.url, _name("mood"))
    page.goto(app.url + "/mood/")
    assert page.locator("form input[type=radio]:checked").count() == 0
    assert page.locator("select").count() == 0

    grief = page.get_by_role("group", name="Grief")
    untouched = _background(grief.locator("label").nth(4))
    grief.get_by_text("4", exact=True).click()  # one tap
    assert grief.get_by_role("radio", name="4").is_checked()
    # the numbers up to the one tapped fill in; the one after stays as it was
    assert _background(grief.locator("label").nth(0)) != untouched
    assert _background(grief.locator("label").nth(2)) != untouched
    assert _background(grief.locator("label").nth(4)) == untouched
    grief.get_by_text("2", exact=True).click()  # a second thought: another tap changes it
    assert grief.get_by_role("radio", name="2").is_checked()
    for label in grief.locator("label").all():
        box = label.bounding_box()
        assert box["width"] >= 44
        assert box["height"] >= 44

    page.get_by_role("group", name="Calm").get_by_text("3", exact=True).click()
    page.get_by_role("button", name="Check in").click()
    page.get_by_text("Thank you for checking in.").wait_for()
    chart = page.locator("svg.mood-chart")
    assert sorted(chart.locator("text.chart-label").all_text_contents()) == ["calm", "grief"]
    assert page.get_by_role("heading", name="Since you began, by day").is_visible()  # no weeks before she did
    assert page.locator("form input[type=radio]:checked").count() == 0  # a fresh check-in after saving


def test_without_javascript_the_check_in_still_works_and_a_wrong_value_is_explained(app, chromium):  # noqa: F811
    page = _page(chromium, PHONE, java_script_enabled=False)
    sign_up(page, app.url, _name("plain"))
    page.goto(app.url + "/mood/")
    page.get_by_role("group", name="Loneliness").get_by_text("5", exact=True).click()
    page.get_by_label("Note (optional)").fill("a quiet evening")
    # an intensity tampered with before it was sent
    page.locator("input[name=f_loneliness][value='5']").evaluate("node => { node.value = '7'; }")
    page.get_by_role("button", name="Check in").click()
    page.get_by_text("Nothing was saved yet.").wait_for()
    assert page.get_by_text("Loneliness: Choose how strong it is").is_visible()
    assert page.get_by_label("Note (optional)").input_value() == "a quiet evening"  # nothing typed is lost
    page.get_by_role("group", name="Loneliness").get_by_text("5", exact=True).click()
    page.get_by_role("button", name="Check in").click()
    page.get_by_text("Thank you for checking in.").wait_for()
