"""Issue 15, items 4 and 5, on the pages beyond the plan pages: nothing chosen in advance, nothing given away."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from conftest import page
from nocontact.accounts.models import User
from nocontact.journal.models import MoodFeeling
from nocontact.plans import services as plan_services
from nocontact.plans.tests.test_trust import FORBIDDEN, preselected, seen_at_a_glance
from nocontact.safety.models import Incident
from nocontact.urges.models import Urge

NOW = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)


@pytest.fixture
def two_plans(alice):
    """A safety plan and a strict one: the pause then offers a choice of plan."""
    safety = plan_services.plan_create(
        user=alice, name="Alex", started_at=NOW - timedelta(days=4), tz="UTC", mode="safety", now=NOW
    )
    strict = plan_services.plan_create(
        user=alice, name="Kit", started_at=NOW - timedelta(days=9), tz="UTC", now=NOW, reason="Quiet nights."
    )
    return safety, strict


# --- Item 4: no radio or select in a logging form is preselected ----------------------------------------


@time_machine.travel(NOW, tick=False)
def test_the_safety_log_form_chooses_nothing_in_advance(alice_client, two_plans):
    safety, _ = two_plans
    html = page(alice_client.get(reverse("safety:log", args=[safety.public_id])))
    assert 'name="kind"' in html
    assert 'name="channel"' in html
    assert preselected(html) == []
    assert "Choose…" in html


@time_machine.travel(NOW, tick=False)
def test_the_safety_log_refuses_an_entry_with_no_choice_and_keeps_what_was_typed(alice_client, two_plans):
    safety, _ = two_plans
    at = NOW.strftime("%Y-%m-%dT%H:%M")
    response = alice_client.post(
        reverse("safety:log", args=[safety.public_id]), {"at": at, "kind": "", "channel": "", "details": "At the gate"}
    )
    assert response.status_code == 400
    html = page(response)
    assert "Choose what happened." in html
    assert "Choose how it happened." in html
    assert "At the gate" in html
    assert not Incident.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_correcting_an_entry_still_shows_its_own_choices(alice_client, two_plans):
    safety, _ = two_plans
    at = NOW.strftime("%Y-%m-%dT%H:%M")
    alice_client.post(
        reverse("safety:log", args=[safety.public_id]), {"at": at, "kind": "threat", "channel": "call", "details": ""}
    )
    incident = Incident.objects.get()
    html = page(alice_client.get(reverse("safety:incident_correct", args=[incident.public_id])))
    assert sorted(preselected(html)) == ["id_channel=call", "id_kind=threat"]


@time_machine.travel(NOW, tick=False)
def test_the_pause_chooses_no_plan_no_ending_and_no_channel_in_advance(alice_client, two_plans):
    html = page(alice_client.get(reverse("urges:pause")))
    assert 'name="outcome"' in html
    assert 'id="channel"' in html
    assert 'id="plan"' in html
    assert [c for c in preselected(html) if not c.startswith("minutes=")] == []


@time_machine.travel(NOW, tick=False)
def test_a_pause_needs_its_ending_but_keeps_a_harmless_channel_default(alice_client, two_plans):
    _, strict = two_plans
    base = {"key": "k" * 12, "plan": strict.public_id, "unsent": "Not sending this"}
    refused = alice_client.post(reverse("urges:pause"), base)
    assert refused.status_code == 400
    assert "Not sending this" in page(refused)
    assert not Urge.objects.exists()
    alice_client.post(reverse("urges:pause"), {**base, "outcome": "contacted", "channel": ""})
    assert Urge.objects.get().outcome == "contacted"


@time_machine.travel(NOW, tick=False)
def test_the_mood_page_chooses_no_strength_in_advance_and_keeps_the_default(alice_client):
    html = page(alice_client.get(reverse("journal:mood")))
    assert 'name="own_intensity"' in html
    assert preselected(html) == []
    alice_client.post(reverse("journal:mood"), {"own": "strangely light", "own_intensity": ""})
    assert MoodFeeling.objects.get().intensity == 3


# --- Item 5: discreet mode on the remaining pages -------------------------------------------------------


def _at_a_glance(html: str) -> str:
    """The title, the headings, the labels and legends: what a glance at the screen reads first."""
    parts = re.findall(r"<(title|h[1-6]|label|legend)\b[^>]*>(.*?)</\1>", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", text) for _, text in parts)


def _pages(safety, strict) -> list[str]:
    return [
        reverse("safety:log", args=[safety.public_id]),
        reverse("urges:insights"),
        reverse("urges:circle"),
        reverse("plans:plan_create"),
        reverse("plans:plan_edit", args=[strict.public_id]),
        reverse("plans:plan_edit", args=[safety.public_id]),
    ]


@time_machine.travel(NOW, tick=False)
def test_discreet_mode_gives_nothing_away_on_the_remaining_pages(alice_client, alice, two_plans):
    User.objects.filter(pk=alice.pk).update(discreet=True, safety_warned_at=NOW)
    for url in _pages(*two_plans):
        html = page(alice_client.get(url))
        headings = _at_a_glance(html)
        assert not FORBIDDEN.findall(headings), (url, FORBIDDEN.findall(headings), headings)
        glance = seen_at_a_glance(html)
        for name in ("Alex", "Kit", "Quiet nights"):
            assert name not in glance, url


@time_machine.travel(NOW, tick=False)
def test_without_discreet_mode_those_pages_keep_their_words(alice_client, alice, two_plans):
    User.objects.filter(pk=alice.pk).update(safety_warned_at=NOW)
    safety, strict = two_plans
    assert "<title>Safety log" in page(alice_client.get(reverse("safety:log", args=[safety.public_id])))
    assert "<title>Your urges" in page(alice_client.get(reverse("urges:insights")))
    assert "When was your last contact?" in page(alice_client.get(reverse("plans:plan_edit", args=[strict.public_id])))


@time_machine.travel(NOW, tick=False)
def test_a_discreet_edit_keeps_the_folded_name_and_reason(alice_client, alice, two_plans):
    User.objects.filter(pk=alice.pk).update(discreet=True)
    _, strict = two_plans
    url = reverse("plans:plan_edit", args=[strict.public_id])
    html = page(alice_client.get(url))
    assert 'value="Kit"' in html
    assert "Quiet nights." in html
    response = alice_client.post(
        url,
        {
            "name": "Kit",
            "mode": "strict",
            "started_at": "2026-02-23T12:00",
            "tz": "UTC",
            "goal_days": "30",
            "reason": "Quiet nights.",
        },
    )
    assert response.status_code == 302
    strict.refresh_from_db()
    assert (strict.name, strict.reason, strict.mode) == ("Kit", "Quiet nights.", "strict")
    refused = page(
        alice_client.post(
            url, {"name": "", "mode": "strict", "started_at": "2026-02-23T12:00", "tz": "UTC", "goal_days": "30"}
        )
    )
    assert '<details class="reveal" open>' in refused  # the field to fix is not hidden


@time_machine.travel(NOW, tick=False)
def test_with_one_plan_its_hidden_list_is_the_answer_even_in_discreet_mode(alice_client, alice):
    only = plan_services.plan_create(user=alice, name="Kit", started_at=NOW - timedelta(days=9), tz="UTC", now=NOW)
    User.objects.filter(pk=alice.pk).update(discreet=True)
    html = page(alice_client.get(reverse("urges:pause")))
    assert '<select id="plan" name="plan" hidden>' in html
    response = alice_client.post(reverse("urges:pause"), {"key": "k" * 12, "plan": "", "outcome": "contacted"})
    assert response.status_code == 302
    assert Urge.objects.get().plan == only
