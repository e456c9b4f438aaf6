from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from conftest import page
from nocontact.boundaries.models import PlanBoundaries
from nocontact.boundaries.selectors import within_boundaries
from nocontact.boundaries.services import boundaries_set, check_draft
from nocontact.errors import ServiceError
from nocontact.plans import services
from nocontact.plans.models import Contact

SAT_NIGHT = datetime(2026, 3, 7, 23, 30, tzinfo=UTC)


@pytest.fixture
def coparent(alice, now):
    plan = services.plan_create(
        user=alice, name="Co-parent", started_at=datetime(2026, 1, 1, tzinfo=UTC), tz="UTC", mode="minimal", now=now
    )
    boundaries_set(
        plan=plan,
        topics=["children", "school", "schedule"],
        own_topics={"football": ["training", "match"]},
        channels=["message"],
        days=[0, 1, 2, 3, 4],
        start_hour=8,
        end_hour=20,
    )
    return plan


def test_boundaries_only_on_minimal_plans_and_validated(alice_plan, coparent):
    with pytest.raises(ServiceError, match="minimal-contact plans"):
        boundaries_set(plan=alice_plan, topics=["children"])
    for bad in (
        {"topics": ["gossip"]},
        {"channels": ["pigeon"]},
        {"days": [7]},
        {"start_hour": 20, "end_hour": 8},
        {"own_topics": {"": ["x"]}},
        {"own_topics": {"band": []}},
    ):
        with pytest.raises(ServiceError):
            boundaries_set(plan=coparent, **bad)
    assert PlanBoundaries.objects.get(plan=coparent).topics == ["children", "schedule", "school"]


def test_checking_against_a_plan_uses_its_topics_hours_and_own_words(coparent):
    weekday = datetime(2026, 3, 3, 10, 0, tzinfo=UTC)
    assert check_draft(text="Training moved to 6 on Thursday", plan=coparent, now=weekday).verdict == "ok"
    assert check_draft(text="I've paid the gas bill.", plan=coparent, now=weekday).kinds == ("off_topic",)
    late = check_draft(text="Can you pick up Mia at 5?", plan=coparent, now=SAT_NIGHT, channel="call")
    assert set(late.kinds) == {"outside_hours", "wrong_channel"}
    assert within_boundaries(coparent, channel="message", at=weekday)
    assert not within_boundaries(coparent, channel="message", at=SAT_NIGHT)
    with pytest.raises(ServiceError):
        check_draft(text="   ", plan=coparent, now=weekday)


def test_boundaries_page_saves(alice_client, coparent):
    url = reverse("plans:boundaries", args=[coparent.public_id])
    assert "football: training, match" in page(alice_client.get(url))
    response = alice_client.post(
        url,
        {
            "topics": ["children", "health"],
            "own_topics": "band: gig, van",
            "channels": ["message", "text"],
            "days": ["5", "6"],
            "start_hour": "9",
            "end_hour": "18",
        },
    )
    assert response.status_code == 302
    row = PlanBoundaries.objects.get(plan=coparent)
    assert (row.topics, row.own_topics, row.channels, row.days, row.start_hour, row.end_hour) == (
        ["children", "health"],
        {"band": ["gig", "van"]},
        ["message", "text"],
        [5, 6],
        9,
        18,
    )
    bad = alice_client.post(url, {"own_topics": "no colon here"})
    assert bad.status_code == 400
    assert "short name" in page(bad)


@time_machine.travel(datetime(2026, 3, 20, 12, 0, tzinfo=UTC), tick=False)
def test_contact_over_time_counts_within_necessary_and_strayed(alice_client, coparent):
    now = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)
    for days, permitted, strayed, direction, note in [
        (1, True, False, "outgoing", ""),
        (2, True, False, "both", ""),
        (3, True, True, "outgoing", "Mia was ill"),
        (4, False, True, "outgoing", ""),
        (5, False, False, "incoming", ""),
    ]:
        services.contact_log(
            plan=coparent,
            at=now - timedelta(days=days),
            channel="message",
            direction=direction,
            permitted=permitted,
            strayed=strayed,
            note=note,
            now=now,
        )
    body = page(alice_client.get(reverse("plans:permitted", args=[coparent.public_id])))
    assert '<th scope="row">2026-03</th><td>2</td><td>1</td><td>1</td><td>1</td>' in body
    assert "Direct message or chat app: 5 of 5" in body
    with pytest.raises(ServiceError, match="why it was necessary"):
        services.contact_log(
            plan=coparent, at=now, channel="text", direction="outgoing", permitted=True, strayed=True, now=now
        )


def test_the_check_page_explains_and_suggests(alice_client, coparent):
    response = alice_client.post(reverse("plans:check"), {"text": "I miss you. Pick up at 5 on Friday?", "plan": ""})
    body = page(response)
    assert "Worth a second look" in body
    assert "I miss you." in body
    assert "Pick up at 5 on Friday?" in body
    ok = page(alice_client.post(reverse("plans:check"), {"text": "Pick up at 5 on Friday?"}))
    assert "This reads as brief and practical." in ok
    assert not Contact.objects.exists()  # checking keeps nothing


def test_bob_cannot_see_or_use_alices_boundaries(bob_client, coparent):
    for name in ("plans:boundaries", "plans:permitted"):
        assert bob_client.get(reverse(name, args=[coparent.public_id])).status_code == 404
    assert (
        bob_client.post(reverse("plans:boundaries", args=[coparent.public_id]), {"topics": ["money"]}).status_code
        == 404
    )
    response = bob_client.post(reverse("plans:check"), {"text": "ok", "plan": coparent.public_id})
    assert response.status_code == 400  # not one of Bob's plans
    assert PlanBoundaries.objects.get(plan=coparent).topics == ["children", "schedule", "school"]


def test_the_api_checks_and_sets_boundaries(alice_token, coparent, bob):
    api = Client(HTTP_AUTHORIZATION=f"Bearer {alice_token}")
    result = api.post(
        "/api/v1/check",
        data=json.dumps({"text": "Are you seeing someone? Pick up at 5.", "topics": ["children", "schedule"]}),
        content_type="application/json",
    ).json()
    assert result["verdict"] == "review"
    assert result["flags"][0] == {
        "kind": "personal_question",
        "excerpt": "Are you seeing someone?",
        "why": result["flags"][0]["why"],
    }
    assert result["suggestion"] == "Pick up at 5."
    url = f"/api/v1/plans/{coparent.public_id}/boundaries"
    assert api.get(url).json()["own_topics"] == {"football": ["training", "match"]}
    put = api.put(url, data=json.dumps({"topics": ["money"], "channels": ["text"]}), content_type="application/json")
    assert put.json()["topics"] == ["money"]
    bad = api.put(url, data=json.dumps({"topics": ["gossip"]}), content_type="application/json")
    assert bad.status_code == 400
    assert "topics" in bad.json()["error"]["fields"]
    from nocontact.accounts.services import token_create

    bob_api = Client(HTTP_AUTHORIZATION=f"Bearer {token_create(user=bob, name='b')[1]}")
    assert bob_api.get(url).status_code == 404
    assert (
        bob_api.post(
            "/api/v1/check",
            data=json.dumps({"text": "ok", "plan": coparent.public_id}),
            content_type="application/json",
        ).status_code
        == 404
    )


def test_an_empty_topic_list_means_every_topic_is_fine_in_the_api_too(alice_token, coparent):
    """The plan agreed on the children only; the rent is off its topics, unless the caller ticked none."""
    api = Client(HTTP_AUTHORIZATION=f"Bearer {alice_token}")
    api.put(
        f"/api/v1/plans/{coparent.public_id}/boundaries",
        data=json.dumps({"topics": ["children"]}),
        content_type="application/json",
    )

    def check(**extra: object) -> dict:
        body = {"text": "The rent goes up by £40 from March.", "plan": coparent.public_id, **extra}
        return api.post("/api/v1/check", data=json.dumps(body), content_type="application/json").json()

    assert check()["verdict"] == "review"
    assert check(topics=[])["verdict"] == "ok"
