"""The pause with no JavaScript: one plain form, POSTed; the per-person key for what the device keeps;
and what the quick exit's hold says afterwards."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import time_machine
from django.test import Client
from django.urls import reverse

from conftest import page
from nocontact.urges.models import Urge

NOW = datetime(2026, 3, 10, 20, 0, tzinfo=UTC)


def _pause_fields(body: str) -> dict[str, str]:
    key = re.search(r'name="key" value="([^"]+)"', body)
    started = re.search(r'name="started_at" value="([^"]+)"', body)
    assert key
    assert started
    return {"key": key.group(1), "started_at": started.group(1)}


@time_machine.travel(NOW, tick=False)
def test_the_pause_is_one_posted_form_with_every_choice_already_on_the_page(alice_client, alice_plan):
    body = page(alice_client.get(reverse("urges:pause")))
    form = re.search(r"<form id=\"pause\"[^>]*>", body)
    assert form
    assert 'method="post"' in form.group(0)
    # Nothing the page needs comes from a script: the feelings, the reasons, the outcomes and the plans are there.
    for label in ("Loneliness", "Reassurance", "It passed", "I contacted them", "Waiting"):
        assert f"> {label}</label>" in body, label
    assert re.search(r'<option value="[^"]+"[^>]*>Sam</option>', body)
    assert "Your reason: My evenings are mine again." in body
    assert not re.search(r"<(ul|select|div)[^>]*>\s*</\1>", re.sub(r"<[^>]+\shidden[^>]*>\s*</\w+>", "", body))


def test_without_javascript_the_pause_is_saved_and_nothing_typed_reaches_an_address(alice_client, alice, alice_plan):
    with time_machine.travel(NOW, tick=False):
        fields = _pause_fields(page(alice_client.get(reverse("urges:pause"))))
    with time_machine.travel(NOW + timedelta(minutes=12), tick=False):
        response = alice_client.post(
            reverse("urges:pause"),
            fields
            | {
                "plan": alice_plan.public_id,
                "strength_before": "8",
                "feeling": "loneliness",
                "trigger": "reassurance",
                "unsent": "I miss the way you laughed.",
                "strength_after": "3",
                "outcome": "passed",
                "helped": ["timer", "writing"],
            },
        )
        assert response.status_code == 302
        assert "laughed" not in response["Location"]
        assert "Every pause you take is a record that urges pass." in page(alice_client.get(response["Location"]))
        # Sent twice (a double tap, or Back and Save again): stored once.
        alice_client.post(reverse("urges:pause"), fields | {"outcome": "passed"})
    urge = Urge.objects.get()
    urge.user = alice
    assert (urge.plan_id, urge.outcome, urge.strength_before, urge.strength_after) == (alice_plan.pk, "passed", 8, 3)
    assert urge.unsent == "I miss the way you laughed."
    assert urge.started_at == NOW
    assert sorted(urge.helped) == ["timer", "writing"]


@time_machine.travel(NOW, tick=False)
def test_a_pause_missing_its_ending_says_so_and_keeps_every_word(alice_client, alice_plan):
    fields = _pause_fields(page(alice_client.get(reverse("urges:pause"))))
    response = alice_client.post(
        reverse("urges:pause"), fields | {"unsent": "Please call me back.", "feeling": "grief"}
    )
    body = page(response)
    assert response.status_code == 400
    assert "Choose how it ended: it passed, I still want to, or I contacted them." in body
    assert "Please call me back.</textarea>" in body
    assert re.search(r'value="grief" checked', body)
    assert not Urge.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_bob_cannot_file_a_pause_under_alices_plan(bob_client, alice_plan):
    fields = _pause_fields(page(bob_client.get(reverse("urges:pause"))))
    response = bob_client.post(
        reverse("urges:pause"), fields | {"plan": alice_plan.public_id, "outcome": "contacted", "channel": "call"}
    )
    assert response.status_code == 400
    assert not Urge.objects.exists()
    assert not alice_plan.contacts.exists()


@time_machine.travel(NOW, tick=False)
def test_in_discreet_mode_the_first_step_reads_as_an_ordinary_notes_app(alice_client, alice, alice_plan):
    alice.discreet = True
    alice.save(update_fields=["discreet"])
    body = page(alice_client.get(reverse("urges:pause")))
    first = re.search(r'<section class="card step" data-step="strength">(.*?)</section>', body, re.S)
    assert first
    visible = re.sub(r"<option[^>]*>[^<]*</option>", "", first.group(1))  # a list's names show only when opened
    visible = re.sub(r"<[^>]+>", " ", visible) + " " + re.search(r"<h1>(.*?)</h1>", body).group(1)
    for word in ("contact", "urge", "safety", "ex", "Sam"):
        assert not re.search(rf"\b{word}\b", visible, re.I), word
    assert re.search(r'<select id="plan" name="plan"[^>]*><option value="">Choose…</option>', body)
    assert "I contacted them" not in body
    assert "I reached out" in body


def test_the_device_key_goes_only_to_its_own_signed_in_person_and_is_never_stored(alice_client, bob_client):
    first = alice_client.get("/api/v1/pause/key")
    assert first.status_code == 200
    assert first["Cache-Control"] == "no-store"
    again = alice_client.get("/api/v1/pause/key").json()
    assert again == first.json()  # the same person, the same key: what was kept opens again
    bobs = bob_client.get("/api/v1/pause/key").json()
    assert bobs["key"] != again["key"]
    assert bobs["tag"] != again["tag"]
    signed_out = Client().get("/api/v1/pause/key")
    assert signed_out.status_code == 401
    assert signed_out.json()["error"]["code"] == "signed_out"


def test_after_the_hold_the_app_says_why_it_was_away_once_in_plain_words(alice_client, settings):
    settings.QUICK_EXIT_URL = "https://example.org/weather"
    with time_machine.travel(NOW, tick=False) as traveller:
        alice_client.get(reverse("safety:exit"))
        assert alice_client.get(reverse("accounts:login"))["Location"] == "https://example.org/weather"
        traveller.shift(timedelta(minutes=11))
        body = page(alice_client.get(reverse("accounts:login")))
        assert "For 10 minutes after the exit button is used, this address opens another page" in body
        assert "That time has passed." not in page(alice_client.get(reverse("accounts:login")))
