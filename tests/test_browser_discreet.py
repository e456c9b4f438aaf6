"""Issue 15, item 5, on every page: in discreet mode a glance at any screen reads as an ordinary notes app.

A person signs up, starts a safety plan, a strict plan and a minimal one, and turns discreet mode on. Every
route there is (walked from the URL resolver, as tests/test_access.py does) is then asked for with each id of
hers that the pages link to, first while there is nothing else yet (the empty pages), and again after she has
made one of everything in discreet mode (an entry, a record, a journal entry, a mood, a pause, a circle, an
import, a reflection, a token, a PIN), each answer and its notice looked at on the way. Every page that answers
is looked at as a glance would: its title, the text on screen and what its visible fields hold. None may show
a giveaway word or a plan's name or reason. What is folded away behind a tap ("Show the name") is not on screen,
and is allowed.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.urls import reverse

from tests.data import exports
from tests.screens import ids_on
from tests.test_access import NO_SUCH_ID, web_routes
from tests.test_browser import sign_up
from tests.test_browser_plans import (  # noqa: F401  (app and chromium: the module's fixtures)
    FORBIDDEN,
    PASSWORD,
    VIEWPORTS,
    _glance,
    _name,
    _page,
    _start_plan,
    app,
    chromium,
    pytestmark,
)

# The words the screenshots must not contain (FORBIDDEN), and their other forms.
GIVEAWAY = re.compile(r"\b(contacts?|contacted|ex|urges?|safety|abuse|abusive)\b", re.IGNORECASE)
assert all(GIVEAWAY.search(word) for word in ("contact", "ex", "urge", "safety"))
assert all(FORBIDDEN.search(word) for word in ("contact", "ex", "urge", "safety"))
PLANS = {"Kit": "I sleep now.", "Alex": "My evenings are mine.", "Robin": "The children come first."}
PRIVATE = [*PLANS, *PLANS.values()]
# Routes a signed-in person does not look at: leaving (they end the session), and what is not a page.
NOT_LOOKED_AT = {"accounts:logout", "safety:exit", "web:healthz", "urges:sw", "urges:manifest"}
# Downloads: a file saved on purpose, not a screen.
DOWNLOADS = {"accounts:export", "safety:log_csv", "safety:log_pdf"}
# What a text box, a date or a number shows (a checkbox, a radio or a slider shows no words).
FIELDS = "input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=range]), textarea"


def _on_screen(page) -> str:
    """What a glance shows (`_glance`), and what the visible fields hold: a name filled in is on screen too."""
    values = page.eval_on_selector_all(FIELDS, "nodes => nodes.filter(n => n.checkVisibility()).map(n => n.value)")
    return _glance(page) + "\n" + "\n".join(values)


def _submit(page, field: str, value: str = "") -> None:
    """Press the submit button of the form that holds ``field`` (by name: the labels are what changes here)."""
    inside = f"[name={field}][value={value}]" if value else f"[name={field}]"
    with page.expect_navigation():
        page.locator(f"form:has({inside}) [type=submit]").first.click()


@VIEWPORTS
def test_in_discreet_mode_no_page_shows_a_name_or_a_giveaway_word(app, chromium, viewport):  # noqa: F811
    page = _page(chromium, viewport)
    sign_up(page, app.url, _name("notes"))
    _start_plan(page, app.url, "Kit", days_ago=4, mode="Safety: no contact for my safety", reason=PLANS["Kit"])
    _start_plan(page, app.url, "Alex", days_ago=40, reason=PLANS["Alex"])
    _start_plan(page, app.url, "Robin", days_ago=12, mode="Minimal contact, with boundaries", reason=PLANS["Robin"])
    page.get_by_label("Direct message or chat app").check()
    page.get_by_role("button", name="Save boundaries").click()
    page.goto(app.url + "/today/")
    if page.get_by_role("button", name="I understand").count():
        page.get_by_role("button", name="I understand").click()
    page.goto(app.url + "/account/safety/")
    page.get_by_label("Discreet mode").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_text("These apply on every device").wait_for()

    seen: dict[str, str] = {}  # what each screen showed, by the URL (or the step) it was seen at
    ids: set[str] = set()

    def glance(step: str) -> None:
        seen[step] = _on_screen(page)
        ids.update(ids_on(page))

    def walk(when: str) -> set[str]:
        """Every route, with each of her ids: every page that answers is looked at. The routes that were."""
        looked = set()
        for name, _, params in web_routes():
            if name in NOT_LOOKED_AT | DOWNLOADS:
                continue
            urls = [reverse(name, kwargs={"public_id": i}) for i in sorted(ids)] if params else [reverse(name)]
            for url in urls:
                answer = page.request.get(app.url + url, max_redirects=0)
                if answer.status in (404, 405):  # not this kind of thing, or a form's POST-only address
                    continue
                # 403: a page that says calmly why it is not offered here (the reflection, on a safety plan).
                assert answer.status in (200, 302, 403), (name, url, answer.status)
                page.goto(app.url + url)
                glance(f"{url} ({when})")
                looked.add(name)
        return looked

    page.goto(app.url + "/today/")
    glance("/today/")
    plan_ids = {}
    for name in PLANS:
        card = page.locator("section.plan-card", has_text=name)  # the name is in the folded <details>
        plan_ids[name] = urlsplit(card.locator("h2 a").get_attribute("href")).path.split("/")[2]
    walk("nothing kept yet")

    # One of everything, made in discreet mode, and every answer (with its notice) looked at.
    page.goto(f"{app.url}/plans/{plan_ids['Alex']}/ready/")
    glance("the reflection's questions")
    for group in page.locator("form.readiness fieldset").all():
        group.locator("input[type=radio]").first.check()
    _submit(page, "need")
    glance("the reflection's suggestion")
    _submit(page, "outcome", "stay")
    glance("staying as things are")
    page.goto(f"{app.url}/plans/{plan_ids['Alex']}/log/")  # after the reflection: this starts a new run
    page.locator("[name=channel]").select_option("text")
    page.locator("[name=direction][value=outgoing]").check()
    _submit(page, "channel")
    glance("a slip, asked first")
    _submit(page, "confirm")
    glance("a slip, logged")
    page.goto(f"{app.url}/plans/{plan_ids['Robin']}/log/")
    page.locator("[name=channel]").select_option("message")
    page.locator("[name=direction][value=incoming]").check()
    page.locator("[name=boundaries][value=outside]").check()
    _submit(page, "channel")
    glance("outside the boundaries, logged")
    page.goto(f"{app.url}/plans/{plan_ids['Kit']}/safety-log/")
    page.locator("[name=kind]").select_option(index=1)
    page.locator("[name=channel]").select_option(index=1)
    page.locator("[name=details]").fill("At the door at nine.")
    _submit(page, "kind")
    glance("a record")
    page.goto(app.url + "/journal/new/")
    page.locator("[name=text]").fill("A quiet evening with a book.")
    _submit(page, "text")
    glance("a journal entry")
    page.goto(app.url + "/mood/")
    page.locator("label:has(> [name=f_calm][value='3'])").click()  # one tap: the feeling and its strength
    _submit(page, "f_calm")
    glance("a mood")
    page.goto(app.url + "/circle/")
    page.locator("[name=person-name]").fill("Sam")
    page.locator("[name=person-phone]").fill("+44 7700 900123")
    page.locator("[name=person-preferred]").select_option("call")
    _submit(page, "person-name")
    glance("someone in the circle")
    page.locator("[name=helper-text]").fill("A walk by the river")
    _submit(page, "helper-text")
    glance("something that helps")

    page.goto(app.url + "/pause/")
    glance("the pause")
    page.locator("#plan").select_option(plan_ids["Kit"])
    glance("the pause, a plan chosen")
    for _ in range(10):  # skipped through, step by step, to the last one
        if page.locator("#save").is_visible():
            break
        page.locator("#skip").click()
    page.locator("[name=outcome][value=passed]").check()
    with page.expect_response(re.compile(r"/api/v1/pause/sync$")):  # kept on the device, then sent
        page.locator("#save").click()
    page.locator("#result").filter(has_text=re.compile(r"\w")).wait_for()
    glance("a pause, saved")

    page.goto(f"{app.url}/plans/{plan_ids['Alex']}/import/")
    page.locator("[name=file]").set_input_files(
        files=[{"name": "chat.txt", "mimeType": "text/plain", "buffer": exports.WHATSAPP_ANDROID_DMY.encode()}]
    )
    page.locator("[name=person]").fill("Alex")
    with page.expect_navigation(url=re.compile(r"/imports/")):
        page.locator("#import-form [type=submit]").click()
    glance("an import, previewed")
    _submit(page, "action", "import")
    glance("an import, done")
    page.goto(app.url + "/account/")
    page.get_by_text("API tokens, for scripts and apps").click()  # under "Advanced", folded
    page.locator("[name=name]").fill("laptop")
    _submit(page, "name")
    glance("a token")
    page.goto(app.url + "/account/")
    with page.expect_navigation():
        page.locator(f"form[action='{reverse('accounts:recovery_create')}'] [type=submit]").click()
    glance("a recovery code")
    page.goto(app.url + "/account/safety/")
    page.locator("[name=pin]").fill("482913")
    page.locator("form:has([name=pin]) [name=password]").fill(PASSWORD)
    _submit(page, "pin")
    glance("a trusted device")
    for path in ("/", "/today/", "/journal/", "/account/", "/account/access/", "/circle/"):
        page.goto(app.url + path)
        ids.update(ids_on(page))
    assert set(plan_ids.values()) <= ids

    looked = walk("one of everything")
    asked_by_get = {
        name
        for name, _, params in web_routes()
        if name not in NOT_LOOKED_AT | DOWNLOADS
        and page.request.get(app.url + reverse(name, kwargs=dict.fromkeys(params, NO_SUCH_ID))).status != 405
    }
    assert asked_by_get - looked == set(), "pages nothing of hers was found at"

    # The app as a phone's home screen shows it.
    manifest = page.request.get(app.url + "/manifest.webmanifest").json()
    seen["/manifest.webmanifest"] = " ".join(
        [manifest["name"], manifest["short_name"], *(s["name"] for s in manifest["shortcuts"])]
    )

    shown = {
        where: {"words": sorted(set(GIVEAWAY.findall(text))), "names": [p for p in PRIVATE if p in text]}
        for where, text in seen.items()
    }
    wrong = {where: found for where, found in shown.items() if found["words"] or found["names"]}
    assert not wrong, "\n".join(f"{where}: {found}\n    {seen[where]!r}" for where, found in wrong.items())
    page.context.close()
