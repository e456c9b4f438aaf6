"""The safety log, its exports with a content hash on every page, and erasing everything (help lines: test_help)."""

from __future__ import annotations

import csv
import hashlib
import io
from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from conftest import PASSWORD, page
from nocontact.accounts.models import AccountSession, TrustedDevice, User
from nocontact.plans.services import plan_create, plan_update
from nocontact.safety.models import Incident
from nocontact.safety.services import incident_record


@pytest.fixture
def safety_plan(alice):
    now = datetime.now(UTC)
    return plan_create(
        user=alice, name="Kit", mode="safety", started_at=now - timedelta(days=60), tz="Europe/London", now=now
    )


def _record(plan, n, details="He waited outside my work at 17:30 — Zoë saw it."):
    now = datetime.now(UTC)
    return incident_record(
        plan=plan, at=now - timedelta(days=n), kind="turned_up", channel="in_person", details=details, now=now
    )


def test_recording_an_incident_on_the_web(alice_client, safety_plan):
    url = reverse("safety:log", args=[safety_plan.public_id])
    response = alice_client.post(
        url, {"at": "2026-03-02T18:05", "kind": "message", "channel": "text", "details": "Forty texts in an hour."}
    )
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert incident.at == datetime(2026, 3, 2, 18, 5, tzinfo=UTC)  # London is on GMT in March
    assert incident.details == "Forty texts in an hour."
    assert "Forty" not in incident.details_encrypted
    body = page(alice_client.get(url))
    assert "Forty texts in an hour." in body
    assert "Mon 2 Mar 2026, 18:05" in body


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("at", "next tuesday"),
        ("at", "2999-01-01T10:00"),
        ("kind", "gossip"),
        ("channel", "pigeon"),
        ("details", "x" * 10_001),
    ],
)
def test_bad_entries_are_refused_and_nothing_is_stored(alice_client, safety_plan, field, value):
    form = {"at": "2026-03-02T18:05", "kind": "message", "channel": "text", "details": ""}
    response = alice_client.post(reverse("safety:log", args=[safety_plan.public_id]), form | {field: value})
    assert response.status_code == 400
    assert "errorlist" in page(response)
    assert not Incident.objects.exists()


def test_the_safety_log_belongs_to_safety_plans_only(alice_client, alice_plan):
    assert alice_client.get(reverse("safety:log", args=[alice_plan.public_id])).status_code == 404


def test_a_log_is_kept_when_the_plan_leaves_safety_mode(alice_client, api, safety_plan):
    incident = _record(safety_plan, 3)
    plan_update(plan=safety_plan, mode="strict", now=datetime.now(UTC))
    log = reverse("safety:log", args=[safety_plan.public_id])
    assert log in page(alice_client.get(reverse("plans:plan_detail", args=[safety_plan.public_id])))
    body = page(alice_client.get(log))
    assert "Zoë saw it" in body
    assert "no longer in safety mode" in body
    assert "Record it" not in body
    refused = alice_client.post(log, {"at": "2026-03-02T18:05", "kind": "message", "channel": "text", "details": ""})
    assert refused.status_code == 400
    assert Incident.objects.count() == 1
    assert b"Zo\xc3\xab saw it" in alice_client.get(reverse("safety:log_csv", args=[safety_plan.public_id])).content
    assert alice_client.get(reverse("safety:log_pdf", args=[safety_plan.public_id])).status_code == 200
    assert [i["id"] for i in api.get(f"/api/v1/plans/{safety_plan.public_id}/safety-log").json()] == [
        incident.public_id
    ]
    correct = reverse("safety:incident_correct", args=[incident.public_id])
    alice_client.post(correct, {"at": "2026-03-01T09:00", "kind": "threat", "channel": "call", "details": "Corrected."})
    correction = Incident.objects.get(refers_to=incident)
    assert correction.details == "Corrected."
    assert correction.action == "correct"
    withdrawn = alice_client.post(reverse("safety:incident_withdraw", args=[correction.public_id]))
    # Withdrawing keeps everything: the log stays, with the entry marked withdrawn.
    assert withdrawn.url == log
    assert Incident.objects.count() == 3
    body = page(alice_client.get(log))
    assert "Corrected." in body
    assert "Withdrawn" in body
    assert "Zoë saw it" in body


def test_correcting_keeps_the_original_and_withdrawing_keeps_the_entry(alice_client, safety_plan):
    incident = _record(safety_plan, 3)
    correct = reverse("safety:incident_correct", args=[incident.public_id])
    assert "Zoë saw it" in page(alice_client.get(correct))
    alice_client.post(
        correct, {"at": "2026-03-01T09:00", "kind": "threat", "channel": "call", "details": "A voicemail."}
    )
    incident.refresh_from_db()
    assert (incident.kind, incident.channel) == ("turned_up", "in_person")  # the original, unchanged
    assert incident.details.endswith("Zoë saw it.")
    correction = Incident.objects.get(refers_to=incident)
    assert (correction.kind, correction.channel, correction.details) == ("threat", "call", "A voicemail.")
    body = page(alice_client.get(reverse("safety:log", args=[safety_plan.public_id])))
    assert "A voicemail." in body
    assert "Before it was corrected" in body
    assert "Zoë saw it" in body
    # The original can't be corrected again: only its newest version.
    again = alice_client.post(correct, {"at": "2026-03-01T09:00", "kind": "threat", "channel": "call", "details": "x"})
    assert again.status_code == 400
    assert "corrected since" in page(again)
    alice_client.post(reverse("safety:incident_withdraw", args=[correction.public_id]))
    assert Incident.objects.count() == 3
    assert Incident.objects.filter(action="withdraw", refers_to=correction).exists()
    body = page(alice_client.get(reverse("safety:log", args=[safety_plan.public_id])))
    assert "A voicemail." in body
    assert "Withdrawn" in body


def test_bob_gets_nothing_of_alices_safety_log(bob_client, safety_plan):
    incident = _record(safety_plan, 1)
    for url in (
        reverse("safety:log", args=[safety_plan.public_id]),
        reverse("safety:log_csv", args=[safety_plan.public_id]),
        reverse("safety:log_pdf", args=[safety_plan.public_id]),
        reverse("safety:incident_correct", args=[incident.public_id]),
    ):
        assert bob_client.get(url).status_code == 404, url
    assert bob_client.post(reverse("safety:incident_withdraw", args=[incident.public_id])).status_code == 404
    form = {"at": "2026-03-01T09:00", "kind": "threat", "channel": "call", "details": "x"}
    assert bob_client.post(reverse("safety:incident_correct", args=[incident.public_id]), form).status_code == 404
    assert Incident.objects.count() == 1


def test_the_csv_and_pdf_carry_the_same_content_hash_on_every_page(alice_client, safety_plan):
    for n in range(60, 0, -1):  # enough entries for several PDF pages
        _record(safety_plan, n, details=f"Entry {n}: he waited outside — Zoë saw it. " * 3)
    csv_response = alice_client.get(reverse("safety:log_csv", args=[safety_plan.public_id]))
    assert csv_response["Content-Disposition"].startswith('attachment; filename="record-')
    assert "Kit" not in csv_response["Content-Disposition"]
    body = csv_response.content
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
    assert rows[0][:7] == ["entry", "recorded_time", "time_zone", "what", "how", "details", "entered_at_utc"]
    assert len(rows) == 62  # the header, 60 entries, and the signature line
    assert rows[1][3:5] == ["They turned up", "In person"]
    assert "Zoë saw it" in rows[1][5]
    assert rows[-1][0].startswith("#nocontact-signature v1 ed25519 ")
    digest = hashlib.sha256(body).hexdigest()
    # The same entries give the same bytes, so the hash can be checked again later.
    assert alice_client.get(reverse("safety:log_csv", args=[safety_plan.public_id])).content == body

    pdf = alice_client.get(reverse("safety:log_pdf", args=[safety_plan.public_id]))
    assert pdf["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(pdf.content))
    assert len(reader.pages) >= 3
    texts = [p.extract_text() for p in reader.pages]
    for number, text in enumerate(texts, 1):
        flat = "".join(text.split())
        assert digest in flat, f"page {number} lacks the hash"
        assert f"Page{number}of{len(texts)}" in flat
    everything = " ".join(texts)
    assert "Zoë saw it" in everything
    assert "Person: Kit" in everything

    # A later change to the log changes the hash the pages would carry.
    _record(safety_plan, 0, details="One more.")
    assert (
        hashlib.sha256(alice_client.get(reverse("safety:log_csv", args=[safety_plan.public_id])).content).hexdigest()
        != digest
    )


def test_an_empty_log_still_exports(alice_client, safety_plan):
    body = alice_client.get(reverse("safety:log_csv", args=[safety_plan.public_id])).content
    assert body.count(b"\r\n") == 2  # the header and the signature
    assert alice_client.get(reverse("safety:log_pdf", args=[safety_plan.public_id])).content.startswith(b"%PDF")


# --- Erase everything ------------------------------------------------------------------------------


def test_erase_everything_leaves_none_of_the_users_rows(client, alice, bob, safety_plan, alice_token):
    from axes.models import AccessAttempt
    from django.apps import apps
    from django_tasks_db.models import DBTaskResult

    from nocontact.journal.services import entry_create
    from nocontact.readiness.services import check_take
    from nocontact.urges.services import support_person_save
    from nocontact.urges.tasks import send_alert

    _record(safety_plan, 2)
    entry_create(user=alice, text="private", today=datetime.now(UTC).date())
    person = support_person_save(
        user=alice, name="Robin", phone="1", preferred="call", notify_url="json://127.0.0.1:9/x", alert_on_pause=True
    )
    send_alert.enqueue(person.pk)
    strict = plan_create(
        user=alice, name="Sam", started_at=datetime(2026, 1, 1, tzinfo=UTC), tz="UTC", now=datetime.now(UTC)
    )
    check_take(
        plan=strict,
        answers={"feelings": "no", "practical": "none", "motive": "practical", "silence": "yes", "days": "calm"},
        now=datetime.now(UTC),
    )
    Client().post(reverse("accounts:login"), {"username": "alice", "password": "wrong password"})
    other_device = Client()
    other_device.post(reverse("accounts:login"), {"username": "alice", "password": PASSWORD})
    client.post(reverse("accounts:login"), {"username": "alice", "password": PASSWORD})
    client.post(reverse("safety:device_trust"), {"pin": "4821", "password": PASSWORD})
    bob_plan = plan_create(
        user=bob, name="Al", started_at=datetime(2026, 1, 1, tzinfo=UTC), tz="UTC", now=datetime.now(UTC)
    )
    assert TrustedDevice.objects.filter(user=alice).exists()
    assert AccountSession.objects.filter(user=alice).count() == 2
    assert DBTaskResult.objects.exists()

    response = client.post(reverse("accounts:delete"), {"confirmation": "erase everything"})
    assert response.status_code == 200
    assert "Everything is erased" in page(response)

    assert not User.objects.filter(username="alice").exists()
    user_fks = [
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if getattr(field, "related_model", None) is User and field.many_to_one
    ]
    assert len(user_fks) >= 8
    for model, name in user_fks:
        assert not model.objects.filter(**{f"{name}_id": alice.pk}).exists(), model
    assert not Incident.objects.exists()
    assert not AccessAttempt.objects.filter(username__iexact="alice").exists()
    assert not DBTaskResult.objects.exists()
    assert not AccountSession.objects.filter(user_id=alice.pk).exists()
    for session in AccountSession.objects.all():
        assert session.get_decoded().get("_auth_user_id") != str(alice.pk)
    assert other_device.get("/today/").status_code == 302  # signed out on the other device too
    assert bob_plan.__class__.objects.filter(pk=bob_plan.pk).exists()


def test_download_my_data_holds_the_safety_log_and_readiness_answers(alice_client, alice, safety_plan):
    from nocontact.readiness.services import check_take

    _record(safety_plan, 2)
    strict = plan_create(
        user=alice, name="Sam", started_at=datetime(2026, 1, 1, tzinfo=UTC), tz="UTC", now=datetime.now(UTC)
    )
    answers = {
        "feelings": "no",
        "need": "quiet",
        "practical": "none",
        "motive": "practical",
        "silence": "yes",
        "days": "calm",
    }
    check_take(plan=strict, answers=answers, now=datetime.now(UTC))
    data = alice_client.get(reverse("accounts:export")).json()
    plans = {p["name"]: p for p in data["plans"]}
    assert plans["Kit"]["safety_log"][0]["details"].endswith("Zoë saw it.")
    assert plans["Kit"]["safety_log"][0]["kind"] == "turned_up"
    assert plans["Sam"]["readiness_checks"][0]["answers"]["need"] == "quiet"
    assert plans["Sam"]["readiness_checks"][0]["suggested"] == "stay"


def test_the_safety_log_in_the_api(api, bob_api, safety_plan, alice_plan):
    url = f"/api/v1/plans/{safety_plan.public_id}/safety-log"

    def post(where, data):
        return api.post(where, data, content_type="application/json")

    made = post(url, {"at": "2026-03-02T18:05", "kind": "threat", "channel": "call", "details": "A voicemail."})
    assert made.status_code == 201
    body = made.json()
    assert body["at"] == "2026-03-02T18:05:00Z"
    assert body["details"] == "A voicemail."
    assert [i["id"] for i in api.get(url).json()] == [body["id"]]
    assert bob_api.get(url).status_code == 404
    assert bob_api.delete(f"/api/v1/safety-log/{body['id']}").status_code == 404
    assert post(url, {"at": "2026-03-02T18:05", "kind": "gossip", "channel": "call"}).status_code == 422
    assert post(url, {"at": "2999-01-01T00:00", "kind": "threat", "channel": "call"}).status_code == 400
    strict = post(
        f"/api/v1/plans/{alice_plan.public_id}/safety-log",
        {"at": "2026-03-02T18:05", "kind": "threat", "channel": "call"},
    )
    assert strict.status_code == 400
    assert "safety plans" in strict.json()["error"]["message"]
    fix = {"at": "2026-03-02T18:05", "kind": "threat", "channel": "call", "details": "Two voicemails."}
    fixed = post(f"/api/v1/safety-log/{body['id']}/correction", fix)
    assert fixed.status_code == 201
    assert fixed.json()["refers_to"] == body["id"]
    assert [(i["id"], i["details"]) for i in api.get(url).json()] == [(fixed.json()["id"], "Two voicemails.")]
    stale = post(f"/api/v1/safety-log/{body['id']}/correction", fix | {"details": "Three."})
    assert stale.status_code == 400
    assert "corrected since" in stale.json()["error"]["message"]
    assert (
        bob_api.post(f"/api/v1/safety-log/{body['id']}/correction", fix, content_type="application/json").status_code
        == 404
    )
    # DELETE withdraws: gone from the list as it stands, kept in the history, marked.
    assert api.delete(f"/api/v1/safety-log/{fixed.json()['id']}").status_code == 204
    assert api.delete(f"/api/v1/safety-log/{fixed.json()['id']}").status_code == 204  # twice: nothing more
    assert api.get(url).json() == []
    history = api.get(url + "?history=true").json()
    assert [(i["entry"], i["action"], i["status"]) for i in history] == [
        (1, "record", "corrected"),
        (2, "correct", "withdrawn"),
        (3, "withdraw", "withdrawal"),
    ]
    assert history[0]["details"] == "A voicemail."
    assert all(len(i["chain_hash"]) == 64 for i in history)
