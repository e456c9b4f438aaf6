"""The readiness check on the web and in the API: each outcome, comparison over time, never in a safety plan."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from conftest import page
from nocontact.plans.models import Plan
from nocontact.plans.services import plan_create, plan_update
from nocontact.readiness.models import ReadinessCheck

CALM = {"feelings": "no", "need": "", "practical": "none", "motive": "practical", "silence": "yes", "days": "calm"}


@pytest.fixture
def safety_plan(alice, now):
    return plan_create(
        user=alice, name="R", mode="safety", started_at=datetime(2026, 1, 1, tzinfo=UTC), tz="UTC", now=now
    )


def _take(client, plan, answers):
    response = client.post(reverse("readiness:take", args=[plan.public_id]), answers)
    assert response.status_code == 302, page(response)
    return ReadinessCheck.objects.get(public_id=response["Location"].rstrip("/").split("/")[-1])


def test_offered_on_the_dashboard_once_the_goal_is_reached(alice_client, alice_plan):
    body = page(alice_client.get(reverse("plans:dashboard")))
    assert reverse("readiness:take", args=[alice_plan.public_id]) in body
    plan_update(plan=alice_plan, now=datetime.now(UTC), goal_days=3000)
    body = page(alice_client.get(reverse("plans:dashboard")))
    assert reverse("readiness:take", args=[alice_plan.public_id]) not in body
    # Still there on request after 30 days, from the plan's page.
    detail = page(alice_client.get(reverse("plans:plan_detail", args=[alice_plan.public_id])))
    assert "Reflect on what comes next" in detail


def test_not_yet_extends_the_goal_past_today(alice_client, alice_plan):
    check = _take(alice_client, alice_plan, CALM | {"feelings": "yes", "need": "to be seen"})
    assert check.suggested == "not_yet"
    assert check.answers["need"] == "to be seen"
    assert "to be seen" not in check.answers_encrypted
    result = alice_client.get(reverse("readiness:result", args=[check.public_id]))
    assert "too soon" in page(result)
    response = alice_client.post(
        reverse("readiness:result", args=[check.public_id]), {"outcome": "not_yet", "extend_days": "45"}
    )
    assert response.status_code == 302
    alice_plan.refresh_from_db()
    streak = check.streak_days
    assert alice_plan.goal_days == streak + 45
    check.refresh_from_db()
    assert (check.chosen, check.extend_days) == ("not_yet", 45)
    # The goal is no longer reached, so the check is no longer suggested on the dashboard.
    assert reverse("readiness:take", args=[alice_plan.public_id]) not in page(alice_client.get("/today/"))


def test_go_slowly_switches_to_minimal_and_leads_to_the_boundaries(alice_client, alice_plan):
    check = _take(alice_client, alice_plan, CALM | {"practical": "work"})
    assert check.suggested == "go_slowly"
    response = alice_client.post(reverse("readiness:result", args=[check.public_id]), {"outcome": "go_slowly"})
    assert response["Location"] == reverse("plans:boundaries", args=[alice_plan.public_id])
    alice_plan.refresh_from_db()
    assert alice_plan.mode == "minimal"


def test_stay_changes_nothing_but_is_remembered(alice_client, alice_plan):
    check = _take(alice_client, alice_plan, CALM)
    assert check.suggested == "stay"
    alice_client.post(reverse("readiness:result", args=[check.public_id]), {"outcome": "stay"})
    alice_plan.refresh_from_db()
    assert (alice_plan.mode, alice_plan.goal_days) == ("strict", 30)
    check.refresh_from_db()
    assert check.chosen == "stay"


def test_earlier_answers_are_shown_beside_the_new_ones(alice_client, alice_plan):
    _take(alice_client, alice_plan, CALM | {"feelings": "yes"})
    later = _take(alice_client, alice_plan, CALM)
    body = page(alice_client.get(reverse("readiness:result", args=[later.public_id])))
    assert "Your answers over time" in body
    assert "No, not really" in body
    assert "Yes" in body


def test_unanswered_questions_get_a_clear_error_and_nothing_is_saved(alice_client, alice_plan):
    response = alice_client.post(reverse("readiness:take", args=[alice_plan.public_id]), {"feelings": "no"})
    assert response.status_code == 400
    assert not ReadinessCheck.objects.exists()
    bad = alice_client.post(
        reverse("readiness:result", args=[_take(alice_client, alice_plan, CALM).public_id]),
        {"outcome": "not_yet", "extend_days": "9999"},
    )
    assert bad.status_code == 400


def test_never_offered_in_a_safety_plan_on_the_web(alice_client, safety_plan):
    take_url = reverse("readiness:take", args=[safety_plan.public_id])
    for url in ("/today/", reverse("plans:plan_detail", args=[safety_plan.public_id])):
        body = page(alice_client.get(url))
        assert take_url not in body
        assert "Reflect on what comes next" not in body
    direct = alice_client.get(take_url)
    assert direct.status_code == 403
    assert "isn't part of a safety plan" in page(direct)
    assert alice_client.post(take_url, CALM).status_code == 403
    assert not ReadinessCheck.objects.exists()


def test_a_plan_that_became_a_safety_plan_refuses_an_earlier_check(alice_client, alice_plan):
    check = _take(alice_client, alice_plan, CALM | {"practical": "work"})
    plan_update(plan=alice_plan, now=datetime.now(UTC), mode="safety")
    response = alice_client.post(reverse("readiness:result", args=[check.public_id]), {"outcome": "go_slowly"})
    assert response.status_code == 403
    assert Plan.objects.get(pk=alice_plan.pk).mode == "safety"


def test_bob_sees_none_of_alices_checks(alice_client, bob_client, alice_plan):
    check = _take(alice_client, alice_plan, CALM)
    assert bob_client.get(reverse("readiness:result", args=[check.public_id])).status_code == 404
    assert bob_client.get(reverse("readiness:take", args=[alice_plan.public_id])).status_code == 404


# --- API ---------------------------------------------------------------------------------------


def test_api_readiness_flow(api, alice_plan):
    url = f"/api/v1/plans/{alice_plan.public_id}/readiness"
    state = api.get(url).json()
    assert state["offered"]
    assert state["available"]
    assert [q["key"] for q in state["questions"]] == ["feelings", "need", "practical", "motive", "silence", "days"]
    taken = api.post(url, {"answers": CALM | {"silence": "no"}}, content_type="application/json")
    assert taken.status_code == 201
    body = taken.json()
    assert (body["suggested"], body["tender"], body["chosen"]) == ("not_yet", ["silence"], None)
    chosen = api.post(
        f"/api/v1/readiness/{body['id']}/choice",
        {"outcome": "not_yet", "extend_days": 10},
        content_type="application/json",
    )
    assert chosen.status_code == 200
    assert chosen.json()["goal_days"] == body["streak_days"] + 10
    assert api.get(url).json()["checks"][0]["chosen"] == "not_yet"


def test_api_refuses_bad_answers_with_the_field_named(api, alice_plan):
    url = f"/api/v1/plans/{alice_plan.public_id}/readiness"
    response = api.post(url, {"answers": CALM | {"days": "sunny"}}, content_type="application/json")
    assert response.status_code == 400
    assert "days" in response.json()["error"]["fields"]
    assert api.post(url, {"answers": "yes"}, content_type="application/json").status_code == 422


def test_api_never_offers_it_in_a_safety_plan(api, safety_plan):
    url = f"/api/v1/plans/{safety_plan.public_id}/readiness"
    for response in (api.get(url), api.post(url, {"answers": CALM}, content_type="application/json")):
        assert response.status_code == 409
        assert response.json()["error"]["code"] == "not_offered"
    assert not ReadinessCheck.objects.exists()
