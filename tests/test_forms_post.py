"""Nothing a person types may end up in an address (the address bar, the browser's history, a server's log).

Every <form> in every template, and on every page Alice can open, is checked: a form with a field one types
into is sent with POST. GET is kept only for a choice that is not private: the help page's list of countries
(a public list, nothing typed). A search is not exempt: what someone looks for in their own journal is as
private as the journal, so the journal's search is POSTed too.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine
from django.urls import reverse

from conftest import page

ROOT = Path(__file__).resolve().parent.parent / "nocontact"
FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S | re.I)
# Fields one types into, written out, or rendered by Django from a form object.
TYPED = re.compile(
    r"<textarea\b|<input\b(?![^>]*type=\"(?:hidden|checkbox|radio|submit|button|range|reset)\")"
    r"|\{\{\s*(?:\w+\.)*(?:form|field)\b|\{%\s*for\s+\w+\s+in\s+\w*form",
    re.I,
)
# Forms sent with GET, and why that is all right.
GET_ALLOWED = {"safety/help.html": "a country from a public list: nothing typed, nothing private"}


def _method(attrs: str) -> str:
    found = re.search(r"method=\"(\w+)\"", attrs, re.I)
    return found.group(1).lower() if found else "get"


def _templates() -> list[Path]:
    return sorted(p for p in ROOT.glob("*/templates/**/*.html"))


def test_every_template_form_with_a_typed_field_is_posted():
    checked, wrong = 0, []
    for path in _templates():
        name = str(path).split("/templates/", 1)[1]
        for attrs, inner in FORM.findall(path.read_text()):
            checked += 1
            if _method(attrs) == "post":
                continue
            if TYPED.search(inner) or name not in GET_ALLOWED:
                wrong.append(f"{name}: <form{attrs}>")
    assert checked > 30  # the walk found the app's forms
    assert not wrong, "\n".join(wrong)


@pytest.fixture
def alice_pages(alice_client, alice_plan, alice):
    from nocontact.journal.services import entry_create

    with time_machine.travel(datetime(2026, 3, 10, 12, 0, tzinfo=UTC), tick=False):
        entry = entry_create(
            user=alice, today=datetime(2026, 3, 10).date(), text="Quiet.", entry_date=datetime(2026, 3, 10).date()
        )
    plan = alice_plan.public_id
    return [
        "/",
        reverse("plans:dashboard"),
        reverse("plans:plan_create"),
        f"/plans/{plan}/",
        f"/plans/{plan}/edit/",
        f"/plans/{plan}/log/",
        reverse("journal:list"),
        reverse("journal:entry_create"),
        reverse("journal:entry_detail", args=[entry.public_id]),
        reverse("journal:entry_edit", args=[entry.public_id]),
        reverse("journal:mood"),
        reverse("urges:pause"),
        reverse("urges:circle"),
        reverse("safety:help"),
        reverse("safety:safeguards"),
        reverse("accounts:settings"),
        "/check/",
        reverse("plans:read"),
    ]


def test_every_form_alice_meets_sends_what_she_types_with_post(alice_client, alice_pages):
    seen = 0
    for url in alice_pages:
        response = alice_client.get(url, follow=True)
        assert response.status_code == 200, url
        for attrs, inner in FORM.findall(page(response)):
            seen += 1
            if TYPED.search(inner):
                assert _method(attrs) == "post", f"{url}: <form{attrs}>"
    assert seen > 15


def test_the_journal_search_keeps_its_words_out_of_the_address(alice_client, alice):
    from nocontact.journal.services import entry_create

    day = datetime(2026, 3, 10).date()
    entry_create(user=alice, today=day, text="The lighthouse at dusk.", entry_date=day, tags="trip")
    found = alice_client.post(reverse("journal:list"), {"q": "lighthouse"})
    assert "1 entry with “lighthouse”" in page(found)
    # The old way (words in the address) no longer searches: such an address shows the whole journal.
    assert "entry with" not in page(alice_client.get(reverse("journal:list") + "?q=lighthouse"))
    # A tag leads to its entries without putting the tag in an address either.
    detail = page(alice_client.get(reverse("journal:entry_detail", args=[alice.journal_entries.get().public_id])))
    assert "?q=" not in detail
    assert 'name="q" value="trip"' in detail
