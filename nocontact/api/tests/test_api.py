from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client

from nocontact.plans.models import Contact, Plan

T = datetime(2026, 1, 11, 7, 0, tzinfo=UTC)


def send(client: Client, method: str, url: str, body=None):
    kwargs: dict[str, str | bytes] = {"content_type": "application/json"}
    if body is not None:
        kwargs["data"] = body if isinstance(body, str | bytes) else json.dumps(body)
    return getattr(client, method)(url, **kwargs)


def assert_error_shape(response, status: int, code: str):
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str)
    assert body["error"]["message"]
    return body["error"]


@time_machine.travel(T, tick=False)
def test_plan_and_contact_round_trip(api):
    created = send(
        api,
        "post",
        "/api/v1/plans",
        {
            "name": "Sam",
            "since": "2026-01-01T10:00",
            "tz": "Europe/Berlin",
            "reason": "Peace.",
        },
    )
    assert created.status_code == 201
    plan = created.json()
    assert plan["since"].startswith("2026-01-01T09:00")  # read in Berlin time, answered in UTC
    assert plan["reason"] == "Peace."
    assert plan["goal_days"] == 30
    assert plan["mode"] == "strict"
    logged = send(
        api,
        "post",
        f"/api/v1/plans/{plan['id']}/contacts",
        {
            "at": "2026-01-05T13:00",
            "channel": "text",
            "direction": "outgoing",
            "note": "hi",
        },
    )
    assert logged.status_code == 201
    assert logged.json()["slip"] is True
    status = api.get(f"/api/v1/plans/{plan['id']}/status").json()
    assert (
        status["current_streak_days"],
        status["longest_streak_days"],
        status["clean_days_total"],
        status["slips"],
    ) == (6, 6, 9, 1)
    assert status["next_milestone_days"] == 7
    assert status["goal_reached"] is False
    earlier = api.get(f"/api/v1/plans/{plan['id']}/status", {"as_of": "2026-01-04T12:00"}).json()
    assert earlier["current_streak_days"] == 3
    assert earlier["slips"] == 0
    contacts = api.get(f"/api/v1/plans/{plan['id']}/contacts").json()
    assert [c["note"] for c in contacts] == ["hi"]
    contact_id = contacts[0]["id"]
    patched = send(api, "patch", f"/api/v1/contacts/{contact_id}", {"direction": "incoming"})
    assert patched.json()["slip"] is False
    assert api.get(f"/api/v1/plans/{plan['id']}/status").json()["current_streak_days"] == 10
    assert send(api, "delete", f"/api/v1/contacts/{contact_id}").status_code == 204
    assert send(api, "patch", f"/api/v1/plans/{plan['id']}", {"goal_days": 60}).json()["goal_days"] == 60
    assert send(api, "delete", f"/api/v1/plans/{plan['id']}").status_code == 204
    assert api.get("/api/v1/plans").json() == []


def test_without_a_token_nothing_is_shown(alice_plan):
    for headers in [{}, {"HTTP_AUTHORIZATION": "Bearer nc_wrong"}, {"HTTP_AUTHORIZATION": "Basic abc"}]:
        assert_error_shape(Client(**headers).get("/api/v1/plans"), 401, "unauthorized")


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/api/v1/plans/{plan}"),
        ("patch", "/api/v1/plans/{plan}"),
        ("delete", "/api/v1/plans/{plan}"),
        ("get", "/api/v1/plans/{plan}/status"),
        ("get", "/api/v1/plans/{plan}/contacts"),
        ("post", "/api/v1/plans/{plan}/contacts"),
        ("get", "/api/v1/contacts/{contact}"),
        ("patch", "/api/v1/contacts/{contact}"),
        ("delete", "/api/v1/contacts/{contact}"),
    ],
)
def test_bob_gets_404_on_alices_things(bob_api, alice_contact, method, url):
    url = url.format(plan=alice_contact.plan.public_id, contact=alice_contact.public_id)
    body = {"channel": "text", "direction": "outgoing", "name": "x"}
    response = send(bob_api, method, url, body if method in ("post", "patch") else None)
    assert_error_shape(response, 404, "not_found")
    assert "Sam" not in response.content.decode()
    assert Plan.objects.filter(name="Sam").exists()
    assert Contact.objects.count() == 1


def test_bob_lists_only_his_own(bob_api, alice_plan):
    assert bob_api.get("/api/v1/plans").json() == []


@time_machine.travel(T, tick=False)
@pytest.mark.parametrize(
    ("body", "status", "code", "field"),
    [
        ({"name": "Sam", "since": "2026-01-01", "tz": "Mars/Base"}, 400, "invalid", "tz"),
        ({"name": "Sam", "since": "2027-01-01", "tz": "UTC"}, 400, "invalid", "started_at"),
        ({"name": "", "since": "2026-01-01", "tz": "UTC"}, 400, "invalid", "name"),
        ({"name": "Sam", "since": "not a date", "tz": "UTC"}, 422, "invalid", "since"),
        ({"name": "Sam", "since": "2026-01-01", "tz": "UTC", "goal_days": "lots"}, 422, "invalid", "goal_days"),
        ({"name": "Sam", "since": "2026-01-01", "tz": "UTC", "mode": "sneaky"}, 422, "invalid", "mode"),
        ({"name": ["Sam"], "since": "2026-01-01", "tz": "UTC"}, 422, "invalid", "name"),
        ({"since": "2026-01-01", "tz": "UTC"}, 422, "invalid", "name"),
    ],
)
def test_bad_plans_get_one_clear_error_shape(api, body, status, code, field):
    error = assert_error_shape(send(api, "post", "/api/v1/plans", body), status, code)
    assert field in error["fields"]
    assert not Plan.objects.exists()


def test_broken_json_and_huge_bodies_get_the_same_shape(api, alice_plan):
    assert_error_shape(send(api, "post", "/api/v1/plans", "{not json"), 400, "bad_request")
    huge = json.dumps({"name": "x", "since": "2026-01-01", "tz": "UTC", "reason": "y" * 400_000})
    assert_error_shape(send(api, "post", "/api/v1/plans", huge), 413, "too_large")
    url = f"/api/v1/plans/{alice_plan.public_id}/contacts"
    assert_error_shape(send(api, "post", url, {"channel": "pigeon", "direction": "outgoing"}), 422, "invalid")
    assert_error_shape(
        send(api, "post", url, {"channel": "text", "direction": "outgoing", "at": "2099-01-01T00:00"}), 400, "invalid"
    )
    null = assert_error_shape(send(api, "patch", f"/api/v1/plans/{alice_plan.public_id}", {"name": None}), 400, "null")
    assert null["fields"] == {"name": [null["message"]]}
    assert_error_shape(api.get("/api/v1/nothing-here"), 404, "not_found")
    assert Plan.objects.count() == 1
    assert Contact.objects.count() == 0


def test_openapi_and_docs_are_served_by_the_app_alone(client, db):
    schema = client.get("/api/openapi.json").json()
    assert "/api/v1/plans/{plan_id}/status" in schema["paths"]
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    for url in re.findall(r'(?:src|href)="([^"]+)"', docs.content.decode()):
        assert url.startswith("/"), url
    asset = re.search(r'src="(/static/[^"]+swagger-ui-bundle\.js)"', docs.content.decode()).group(1)
    assert client.get(asset).status_code == 200
