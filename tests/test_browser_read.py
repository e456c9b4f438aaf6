"""Issue 21 in Chromium on a phone: a hostile message pasted into "Read their message" shows only its practical
lines; the rest stays folded away, closed, until the person chooses to open it."""

from __future__ import annotations

import os

import pytest

from nocontact.boundaries.tests.test_read import HOSTILE, PRACTICAL
from tests.test_browser import CHROMIUM, sign_up
from tests.test_browser_plans import PHONE, _name, _page, app, chromium  # noqa: F401 (the module's fixtures)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)"),
]

# The same message as the page's own tests; what must stay folded away:
HURTFUL = ["free time while I do everything", "put yourself first", "you ruined everything"]


def test_a_hostile_message_shows_only_its_practical_lines_on_a_phone(app, chromium):  # noqa: F811
    page = _page(chromium, PHONE)
    sign_up(page, app.url, _name("reader"))
    # From the checker's first question, "Does this need a reply at all?", to their message.
    page.goto(app.url + "/check/")
    first = page.get_by_test_id("first-question")
    assert first.get_by_text("Does this need a reply at all?").is_visible()
    assert not first.get_by_text("Not replying is a complete answer.").is_visible()
    first.get_by_text("No, it doesn't need a reply").click()
    assert first.get_by_text("Not replying is a complete answer.").is_visible()
    first.get_by_role("link", name="read their message first").click()

    page.get_by_label("Their message").fill(HOSTILE)
    page.get_by_role("button", name="Read it").click()
    reading = page.get_by_test_id("reading")
    reading.wait_for()
    for line in PRACTICAL:
        assert page.get_by_test_id("practical").get_by_text(line).is_visible()
    assert page.get_by_test_id("needs-answer").get_by_text("Can you pick her up at 4:30 on Friday?").is_visible()
    folded = page.get_by_test_id("folded")
    assert folded.get_attribute("open") is None
    assert "3 other sentences, folded away" in folded.locator("summary").inner_text()
    body = page.inner_text("body")  # what is on screen: a closed <details> keeps its content out
    for words in HURTFUL:
        assert words not in body
    assert HOSTILE not in page.get_by_label("Their message").input_value()  # the box is empty again
    # Nothing spills sideways on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # Only if the person chooses: open it, and the sentences are there.
    folded.locator("summary").click()
    for words in HURTFUL:
        assert folded.get_by_text(words).is_visible()

    # The suggested reply can be checked before it is sent.
    reply = page.get_by_label("A brief reply you could send")
    assert "Thanks for letting me know." in reply.input_value()
    page.get_by_role("button", name="Check this reply").click()
    page.get_by_test_id("check-result").wait_for()
    page.context.close()
