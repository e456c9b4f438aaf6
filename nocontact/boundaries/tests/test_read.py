"""Reading a message *from* them (issue 21): only the practical part and what needs an answer, the rest folded
away unread; a brief reply; nothing of the message kept. The page, the API, and BIFF's first question."""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from conftest import page
from nocontact import messages
from nocontact.domain.checker import classify
from nocontact.domain.checker.read import NOTHING_ASKED
from nocontact.plans import services

# Written for these tests: a co-parent's message with two practical lines inside digs and a jab at the past.
HOSTILE = (
    "Must be nice to have so much free time while I do everything. "
    "Mia's school trip form has to be signed and back by Wednesday. "
    "Can you pick her up at 4:30 on Friday? "
    "You always put yourself first, always have. "
    "Remember when we took her to the sea, before you ruined everything?"
)
PRACTICAL = ("Mia's school trip form has to be signed and back by Wednesday.", "Can you pick her up at 4:30 on Friday?")
FOLDED = (
    "Must be nice to have so much free time",
    "You always put yourself first",
    "before you ruined everything",
)
ONLY_PRACTICAL = "Dentist moved Mia's check-up to Tuesday at 10. Could you take her?"
ONLY_HURT = "You ruined my life. You always put yourself first, always have."
API = "/api/v1/read-message"


def rows_in_every_table() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def folded_part(body: str) -> str:
    match = re.search(r"<details class=\"folded\"[^>]*>(.*?)</details>", body, re.S)
    assert match, "no folded part"
    return match.group(0)


@pytest.fixture
def coparent(alice, now):
    return services.plan_create(
        user=alice, name="Co-parent", started_at=datetime(2026, 1, 1, tzinfo=UTC), tz="UTC", mode="minimal", now=now
    )


# --- the page -------------------------------------------------------------------------------------------


def test_the_page_shows_the_practical_part_and_folds_the_rest_away_closed(alice_client, coparent):
    empty = alice_client.get(reverse("plans:read"))
    assert empty.status_code == 200
    assert "Their message" in page(empty)
    assert 'data-testid="reading"' not in page(empty)

    response = alice_client.post(reverse("plans:read"), {"text": HOSTILE})
    assert response.status_code == 200
    body = page(response)
    practical = body[body.index('data-testid="practical"') : body.index("Needs an answer")]
    for line in PRACTICAL:
        assert line in practical
    needs = body[body.index('data-testid="needs-answer"') :]
    assert "Can you pick her up at 4:30 on Friday?" in needs[: needs.index("</ul>")]
    # The rest is in one closed <details>, saying how much is folded: never outside it, never open.
    folded = folded_part(body)
    assert '<details class="folded" data-testid="folded">' in folded  # no "open"
    assert "3 other sentences, folded away. Open only if you choose to." in folded
    for words in FOLDED:
        assert words in folded
        assert body.count(words) == 1
    # A brief reply to copy, in a box that checks it before sending; the message itself is not shown again.
    assert "Thanks for letting me know." in body
    assert f'action="{reverse("plans:check")}"' in body
    assert HOSTILE not in body
    assert response["Cache-Control"] == "no-store"
    assert response.wsgi_request.sensitive_post_parameters == ("text",)


def test_one_folded_sentence_and_none_and_a_message_that_asks_nothing(alice_client):
    body = page(alice_client.post(reverse("plans:read"), {"text": ONLY_PRACTICAL}))
    assert "Dentist moved Mia's check-up to Tuesday at 10." in body
    assert '<details class="folded"' not in body  # nothing folded: no fold
    hurt = page(alice_client.post(reverse("plans:read"), {"text": ONLY_HURT}))
    assert messages.READ_NOTHING_PRACTICAL in hurt
    assert NOTHING_ASKED in hurt
    assert "2 other sentences, folded away." in folded_part(hurt)
    single = page(alice_client.post(reverse("plans:read"), {"text": "You ruined my life. Bin day is Monday."}))
    assert "1 other sentence, folded away." in folded_part(single)


def test_reading_stores_nothing_and_logs_nothing(alice_client, coparent, caplog):
    before = rows_in_every_table()
    with caplog.at_level(logging.DEBUG):
        alice_client.post(reverse("plans:read"), {"text": HOSTILE})
        alice_client.post(reverse("plans:read"), {"text": ""})
        alice_client.post(reverse("plans:read"), {"text": HOSTILE + "x" * 20_000})
    assert rows_in_every_table() == before
    assert not any("ruined" in record.getMessage() for record in caplog.records)


def test_the_page_reads_only_what_is_posted_never_an_address(alice_client):
    body = page(alice_client.get(reverse("plans:read"), {"text": HOSTILE}))
    assert 'data-testid="reading"' not in body
    assert "ruined" not in body
    assert 'method="post"' in body


def test_empty_or_too_long_is_a_calm_form_error(alice_client):
    empty = alice_client.post(reverse("plans:read"), {"text": "   "})
    assert empty.status_code == 400
    long = alice_client.post(reverse("plans:read"), {"text": "a" * 20_001})
    assert long.status_code == 400
    assert "20000" in page(long)


def test_the_plan_in_the_address_only_leads_back_and_must_be_your_own(alice_client, bob_client, coparent):
    url = reverse("plans:read") + f"?plan={coparent.public_id}"
    mine = page(alice_client.post(url, {"text": HOSTILE}))
    assert f'name="plan" value="{coparent.public_id}"' in mine
    assert f"{reverse('plans:check')}?plan={coparent.public_id}" in mine
    theirs = bob_client.post(url, {"text": HOSTILE})
    assert theirs.status_code == 200  # reading needs no plan; Bob's page just doesn't carry Alice's
    assert coparent.public_id not in page(theirs)


def test_anonymous_is_sent_to_sign_in(client):
    response = client.post(reverse("plans:read"), {"text": HOSTILE})
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_suggested_reply_can_be_checked_on_the_check_page(alice_client):
    body = page(alice_client.post(reverse("plans:read"), {"text": HOSTILE}))
    reply = re.search(r'<textarea name="text" id="id_reply"[^>]*>(.*?)</textarea>', body, re.S)
    assert reply
    checked = alice_client.post(reverse("plans:check"), {"text": reply.group(1), "plan": ""})
    assert checked.status_code == 200
    assert 'data-testid="check-result"' in page(checked)


# --- the check page: BIFF's first question, and links -----------------------------------------------------


def test_the_check_page_first_asks_whether_a_reply_is_needed(alice_client, coparent):
    body = page(alice_client.get(reverse("plans:check") + f"?plan={coparent.public_id}"))
    question = body.index("Does this need a reply at all?")
    assert question < body.index('name="text"')  # before the draft box
    assert f"{reverse('plans:read')}?plan={coparent.public_id}" in body
    answer = body[question : body.index("</section>", question)]
    assert "<details" in answer
    assert "Not replying is a complete answer." in answer


def test_wherever_the_check_page_is_linked_the_read_page_is_too(alice_client, coparent):
    for url in (reverse("plans:dashboard"), reverse("plans:plan_detail", args=[coparent.public_id])):
        body = page(alice_client.get(url))
        assert f"{reverse('plans:check')}?plan={coparent.public_id}" in body
        assert f"{reverse('plans:read')}?plan={coparent.public_id}" in body


# --- on the rules alone -----------------------------------------------------------------------------------


def test_on_the_rules_alone_both_pages_say_so_in_one_calm_sentence(alice_client):
    with classify.using(None):
        for response in (
            alice_client.get(reverse("plans:check")),
            alice_client.post(reverse("plans:check"), {"text": "Pick up at 5 on Friday?"}),
            alice_client.get(reverse("plans:read")),
            alice_client.post(reverse("plans:read"), {"text": HOSTILE}),
        ):
            assert page(response).count(messages.CHECKER_RULES_ONLY) == 1
    if classify.engine() == "model":
        assert messages.CHECKER_RULES_ONLY not in page(alice_client.get(reverse("plans:read")))
        assert messages.CHECKER_RULES_ONLY not in page(alice_client.get(reverse("plans:check")))


# --- the API ----------------------------------------------------------------------------------------------


def post(client: Client, body) -> object:
    return client.post(API, data=body if isinstance(body, str) else json.dumps(body), content_type="application/json")


def test_the_api_answers_exactly_the_four_keys(api, coparent):
    before = rows_in_every_table()
    response = post(api, {"text": HOSTILE, "plan": coparent.public_id})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"practical", "needs_answer", "folded", "suggested_reply"}
    assert body["practical"] == list(PRACTICAL)
    assert body["needs_answer"] == ["Can you pick her up at 4:30 on Friday?"]
    assert body["folded"] == 3
    assert body["suggested_reply"].startswith("Thanks for letting me know.")
    assert "ruined" not in response.content.decode()  # the folded sentences are counted, never returned
    assert post(api, {"text": ONLY_PRACTICAL}).json()["folded"] == 0
    assert rows_in_every_table() == before


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({}, 422, "text"),
        ({"text": 5}, 422, "text"),
        ({"text": ["a"]}, 422, "text"),
        ({"text": "a" * 20_001}, 422, "text"),
        ({"text": "ok", "plan": 7}, 422, "plan"),
        ({"text": "  "}, 400, "text"),
    ],
)
def test_bad_input_gets_the_error_shape(api, body, status, field):
    response = post(api, body)
    assert response.status_code == status
    error = response.json()["error"]
    assert field in error["fields"]


@pytest.mark.parametrize("body", ["null", "42", "[]", '"text"', '{"text": "a\\u0000b"}'])
def test_a_body_that_is_not_an_object_or_holds_nul_is_a_422(api, body):
    assert post(api, body).status_code == 422


def test_someone_elses_plan_or_none_is_a_404_and_no_token_a_401(api, bob_api, coparent):
    assert post(bob_api, {"text": HOSTILE, "plan": coparent.public_id}).status_code == 404
    assert post(api, {"text": HOSTILE, "plan": "nosuchplan00"}).status_code == 404
    assert post(Client(), {"text": HOSTILE}).status_code == 401


def test_the_openapi_document_describes_the_route(client):
    doc = client.get("/api/openapi.json").json()
    operation = doc["paths"]["/api/v1/read-message"]["post"]
    assert operation["summary"]
    ref = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    schema = doc["components"]["schemas"][ref.rsplit("/", 1)[1]]
    assert set(schema["properties"]) == {"practical", "needs_answer", "folded", "suggested_reply"}
    assert set(schema["required"]) == set(schema["properties"])
