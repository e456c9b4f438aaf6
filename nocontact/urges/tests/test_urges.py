from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.urls import reverse

from conftest import page
from nocontact.domain.urges import UrgeFacts, insights
from nocontact.errors import ServiceError
from nocontact.plans.models import Contact
from nocontact.plans.selectors import plan_figures
from nocontact.urges import services
from nocontact.urges.models import Helper, SupportPerson, Urge


def record(client, items):
    return client.post("/api/v1/pause/sync", data=json.dumps({"urges": items}), content_type="application/json")


def item(key, **extra):
    now = datetime.now(UTC)
    base = {
        "key": key,
        "started_at": (now - timedelta(minutes=12)).isoformat(),
        "ended_at": now.isoformat(),
        "strength_before": 8,
        "strength_after": 3,
        "feeling": "loneliness",
        "trigger": "reassurance",
        "unsent": "I just want to hear your voice.",
        "helped": ["timer"],
        "outcome": "passed",
    }
    return base | extra


def test_a_pause_sent_twice_is_stored_once(alice_client, alice_plan):
    first = record(alice_client, [item("k-000000001", plan=alice_plan.public_id)]).json()
    again = record(alice_client, [item("k-000000001", plan=alice_plan.public_id, outcome="contacted")]).json()
    assert first["results"] == [{"key": "k-000000001", "status": "saved"}]
    assert again["results"] == [{"key": "k-000000001", "status": "already"}]
    urge = Urge.objects.get()
    assert (urge.outcome, urge.strength_before, urge.strength_after, urge.pause_seconds) == ("passed", 8, 3, 720)


def test_pauses_are_stored_in_order_and_a_bad_one_does_not_stop_the_rest(alice_client, alice_plan):
    items = [
        item("k-00000000a"),
        item("k-00000000b", outcome="maybe"),
        item("k-00000000c", strength_before=42),
        item("k-00000000d"),
    ]
    results = record(alice_client, items).json()["results"]
    assert [r["status"] for r in results] == ["saved", "error", "error", "saved"]
    assert "how it ended" in results[1]["error"]["message"]
    assert results[1]["error"]["fields"] == {"outcome": [results[1]["error"]["message"]]}
    assert "strength_before" in results[2]["error"]["fields"]
    assert list(Urge.objects.order_by("pk").values_list("key", flat=True)) == ["k-00000000a", "k-00000000d"]
    broken = alice_client.post("/api/v1/pause/sync", data="{", content_type="application/json")
    assert broken.status_code == 400
    assert broken.json()["error"]["code"] == "bad_request"


def test_i_contacted_them_logs_one_slip_and_says_so_kindly(alice_client, alice_plan, now):
    before = plan_figures(alice_plan, as_of=now).slips
    for _ in range(2):
        record(alice_client, [item("k-contacted1", plan=alice_plan.public_id, outcome="contacted", channel="text")])
    assert plan_figures(alice_plan, as_of=datetime.now(UTC)).slips == before + 1
    contact = Contact.objects.get()
    assert (contact.channel, contact.direction) == ("text", "outgoing")
    assert Urge.objects.get().contact == contact
    no_plan = record(alice_client, [item("k-contacted2", outcome="contacted")]).json()["results"][0]
    assert no_plan["status"] == "error"
    assert "which plan" in no_plan["error"]["message"]


def test_bob_cannot_file_a_pause_on_alices_plan(bob_client, alice_plan):
    result = record(bob_client, [item("k-bobsbobs1", plan=alice_plan.public_id, outcome="contacted")]).json()
    assert result["results"][0]["status"] == "error"
    assert not Contact.objects.exists()
    assert not Urge.objects.exists()


def test_the_unsent_message_is_encrypted(alice_client, alice_plan):
    record(alice_client, [item("k-secret001", unsent="MARKER-unsent-93f", feeling_words="MARKER-words")])
    urge = Urge.objects.get()
    with connection.cursor() as cursor:
        cursor.execute("SELECT unsent_encrypted, feeling_words_encrypted FROM urges_urge WHERE id = %s", [urge.pk])
        raw = " ".join(cursor.fetchone())
    assert "MARKER" not in raw
    urge.user = alice_plan.user
    assert urge.unsent == "MARKER-unsent-93f"


def test_the_pause_page_carries_what_it_needs_offline(alice_client, alice_plan, alice):
    services.support_person_save(user=alice, name="Robin", phone="+44 7700 900123", preferred="text")
    services.helper_add(user=alice, text="A walk by the river")
    response = alice_client.get(reverse("urges:pause"))
    body = response.content.decode()
    import re

    data = json.loads(re.search(r'<script id="pause-data" type="application/json">(.*?)</script>', body, re.S).group(1))
    assert data["plans"][0]["reason"] == "My evenings are mine again."
    assert data["circle"][0]["name"] == "Robin"
    assert data["helpers"] == ["A walk by the river"]
    assert "htmx" not in body  # the pause page stays light
    fresh = alice_client.get("/api/v1/pause/data").json()  # the same, fresh, for a page from the cache
    assert {k: data[k] for k in ("plans", "circle", "helpers")} == fresh
    assert alice_client.get("/sw.js")["Content-Type"] == "application/javascript"
    manifest = json.loads(alice_client.get("/manifest.webmanifest").content)
    assert manifest["start_url"] == "/today/"
    assert manifest["display"] == "standalone"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes  # what phones need to install the app
    for icon in manifest["icons"]:
        assert alice_client.get(icon["src"]).status_code == 200


def test_the_reach_out_action_is_on_every_page(alice_client, alice_plan):
    for name in ("plans:dashboard", "journal:list", "accounts:settings"):
        assert 'href="/pause/">I want to reach out</a>' in page(alice_client.get(reverse(name)))


def test_support_circle_and_helpers(alice_client, alice, bob_client):
    response = alice_client.post(
        reverse("urges:circle"),
        {
            "person-name": "Robin",
            "person-phone": "+1 555 0100",
            "person-preferred": "call",
            "person-notify_url": "",
            "person-alert_on_pause": "on",
        },
    )
    assert response.status_code == 302
    robin = SupportPerson.objects.get()
    assert robin.alert_on_pause is False  # no address to alert
    bad = alice_client.post(
        reverse("urges:circle"),
        {"person-name": "X", "person-phone": "1", "person-preferred": "call", "person-notify_url": "not a url at all"},
    )
    assert bad.status_code == 400
    assert "An alert address looks like scheme://" in page(bad)
    alice_client.post(reverse("urges:circle"), {"helper-text": "Call my sister"})
    helper = Helper.objects.get()
    assert bob_client.post(reverse("urges:person_delete", args=[robin.public_id])).status_code == 404
    assert bob_client.post(reverse("urges:helper_delete", args=[helper.public_id])).status_code == 404
    assert "Robin" not in page(bob_client.get(reverse("urges:circle")))
    alice_client.post(reverse("urges:person_delete", args=[robin.public_id]))
    assert not SupportPerson.objects.exists()
    with pytest.raises(ServiceError):
        services.support_person_save(user=alice, name="Nobody", preferred="call")  # no phone, no e-mail


def test_alerts_are_queued_only_for_those_who_asked(alice):
    from django_tasks_db.models import DBTaskResult

    services.support_person_save(
        user=alice, name="Robin", phone="1", preferred="call", notify_url="json://127.0.0.1:9/x", alert_on_pause=True
    )
    services.support_person_save(user=alice, name="Sam", phone="2", preferred="call")
    assert services.alert_circle(user=alice) == 1
    assert DBTaskResult.objects.count() == 1


def test_insights_per_week():
    tz = UTC
    today = datetime(2026, 3, 11, tzinfo=UTC).date()  # a Wednesday
    facts = [
        UrgeFacts(datetime(2026, 3, 9, 23, tzinfo=UTC), 8, 2, "passed", ("timer",)),
        UrgeFacts(datetime(2026, 3, 10, 23, tzinfo=UTC), 6, 6, "still_want", ()),
        UrgeFacts(datetime(2026, 3, 2, 1, tzinfo=UTC), 9, 1, "passed", ("timer", "friend")),
    ]
    report = insights(facts, tz=tz, today=today, weeks=2)
    assert [(w.week_start.isoformat(), w.count, w.passed) for w in report.weeks] == [
        ("2026-03-02", 1, 1),
        ("2026-03-09", 2, 1),
    ]
    assert report.passed_share == 0.67
    assert report.avg_before == 7.7
    assert report.helped_most[0] == ("timer", 2)
    assert report.hard_hours[0] == (23, 2)


def test_the_insight_page(alice_client, alice_plan):
    record(alice_client, [item("k-insight01"), item("k-insight02", outcome="still_want")])
    body = page(alice_client.get(reverse("urges:insights")))
    assert "2 pauses so far." in body
    assert "passed in 50% of them" in body
