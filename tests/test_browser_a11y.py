"""Issue 22: axe-core finds nothing wrong on any page, signed in and out, light and dark, phone and desktop.

axe-core is Deque's accessibility engine (WCAG 2.x rules: contrast, names, labels, landmarks, ARIA), shipped
inside axe-playwright-python and run in Debian's Chromium on the real pages of a person with one of everything
(tests/screens.py). Each violation is reported with its page, its rule and the element, so a failure says what
to mend.
"""

from __future__ import annotations

import os

import pytest

from tests.screens import ARGS, SIGNED_OUT, chromium_path, screens, sign_in
from tests.test_browser_design import seeded_app  # noqa: F401  (the fixture: a served app with one of everything)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(chromium_path()), reason="no Chromium (apt-get install chromium)"),
]
LOOKS = {
    "phone-light": ({"width": 390, "height": 844}, "light"),
    "phone-dark": ({"width": 390, "height": 844}, "dark"),
    "desktop-light": ({"width": 1280, "height": 800}, "light"),
    "desktop-dark": ({"width": 1280, "height": 800}, "dark"),
}


@pytest.mark.parametrize("look", LOOKS)
def test_axe_finds_no_violation_on_any_page(seeded_app, look):  # noqa: F811
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    app, plan_ids = seeded_app
    viewport, scheme = LOOKS[look]
    axe = Axe()
    problems: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=ARGS)
        page = browser.new_context(viewport=viewport, color_scheme=scheme, timezone_id="Europe/London").new_page()
        page.set_default_timeout(15_000)

        def check(url: str) -> None:
            page.goto(app.url + url)
            for rule in axe.run(page).response["violations"]:
                for node in rule["nodes"]:
                    problems.append(f"{url}: {rule['id']} ({rule['impact']}) at {node['target']}: {rule['help']}")

        try:
            for url in SIGNED_OUT:
                check(url)
            sign_in(page, app.url)
            pages = screens(page, app.url, plan_ids)
            assert len(pages) > 40, pages  # the walk reached the app, not only a sign-in page
            for _, url in pages:
                check(url)
        finally:
            browser.close()
    assert not problems, "\n".join(problems)
