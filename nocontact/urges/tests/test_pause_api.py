"""The pause's routes in the JSON API: the signed-in session (with its CSRF token), the one error shape, the docs."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import time_machine
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from nocontact.urges.models import Urge


def _pause(key: str) -> dict[str, object]:
    now = datetime.now(UTC)
    return {"key": key, "started_at": (now - timedelta(minutes=3)).isoformat(), "outcome": "passed"}


def _signed_in_browser(username: str) -> Client:
    """A client that checks CSRF as a browser's requests are checked, signed in through the sign-in page."""
    browser = Client(enforce_csrf_checks=True)
    browser.get(reverse("accounts:login"))
    token = browser.cookies["csrftoken"].value
    signed_in = browser.post(
        reverse("accounts:login"),
        {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
    )
    assert signed_in.status_code == 302
    return browser


def test_the_pause_syncs_with_the_session_and_its_csrf_token_only(alice, alice_plan):
    browser = _signed_in_browser("alice")
    body = json.dumps({"urges": [_pause("k-csrf00001")]})
    forged = browser.post("/api/v1/pause/sync", body, content_type="application/json")
    assert forged.status_code == 403
    assert forged.json()["error"]["code"] == "csrf_failed"
    assert "Reload" in forged.json()["error"]["message"]
    assert not Urge.objects.exists()
    token = browser.cookies["csrftoken"].value
    sent = browser.post("/api/v1/pause/sync", body, content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert sent.status_code == 200
    assert sent.json() == {"results": [{"key": "k-csrf00001", "status": "saved"}]}
    assert browser.post("/api/v1/pause/alert", HTTP_X_CSRFTOKEN=token).json() == {"queued": 0}


def test_signed_out_the_pause_s_routes_answer_401_in_the_error_shape(db, alice_token):
    anonymous = Client()
    token_only = Client(HTTP_AUTHORIZATION=f"Bearer {alice_token}")  # the pause's routes are for the browser
    for client in (anonymous, token_only):
        for method, path in (("get", "data"), ("get", "key"), ("post", "sync"), ("post", "alert")):
            answer = getattr(client, method)(f"/api/v1/pause/{path}", content_type="application/json")
            assert answer.status_code == 401, path
            assert answer.json()["error"]["code"] == "signed_out"
            assert "Sign in again" in answer.json()["error"]["message"]


def test_a_body_that_is_not_a_batch_of_pauses_is_refused_whole(alice_client):
    for body in ("[]", '{"urges": 5}', json.dumps({"urges": [_pause(f"k-many{n:05}") for n in range(201)]})):
        answer = alice_client.post("/api/v1/pause/sync", body, content_type="application/json")
        assert answer.status_code == 422
        assert answer.json()["error"]["code"] == "invalid"
    assert not Urge.objects.exists()


def test_a_pause_without_an_offset_is_that_pause_s_error(alice_client):
    local = {**_pause("k-nooffset1"), "started_at": "2026-03-01T21:00:00"}
    results = alice_client.post(
        "/api/v1/pause/sync", json.dumps({"urges": [local, "not a pause"]}), content_type="application/json"
    ).json()["results"]
    assert results[0]["status"] == "error"
    assert "started_at" in results[0]["error"]["fields"]
    assert results[1] == {"status": "error", "error": results[1]["error"]}
    assert results[1]["error"]["code"] == "invalid"


def test_after_the_idle_lock_the_pause_s_key_is_not_handed_out(alice_client, alice):
    alice.idle_lock_minutes = 5
    alice.save(update_fields=["idle_lock_minutes"])
    with time_machine.travel(datetime.now(UTC), tick=False) as traveller:
        assert alice_client.get("/api/v1/pause/key").status_code == 200
        traveller.shift(timedelta(minutes=6))
        locked = alice_client.get("/api/v1/pause/key")
        assert locked.status_code == 401
        assert locked.json()["error"]["code"] == "signed_out"
        assert "key" not in locked.json()


def test_the_api_docs_list_the_pause_s_routes_with_session_auth(alice_client):
    schema = alice_client.get("/api/openapi.json").json()
    for path, method in (("data", "get"), ("key", "get"), ("sync", "post"), ("alert", "post")):
        operation = schema["paths"][f"/api/v1/pause/{path}"][method]
        assert operation["security"] == [{"SessionAuth": []}]
    assert schema["components"]["schemas"]["SyncIn"]["properties"]["urges"]["maxItems"] == 200
    assert alice_client.get("/api/docs").status_code == 200
