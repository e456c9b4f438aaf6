"""Issue 14, item 7: bad input gets a clear error, never a 500 or a traceback, and nothing is lost.

API: a 4xx in the one JSON error shape. Web: a form error. CLI: one line on stderr and exit code 2.
"""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime

import pytest
import time_machine

from conftest import nocontact_bin, page
from nocontact.boundaries.selectors import boundaries_of
from nocontact.boundaries.services import boundaries_set
from nocontact.plans.models import Contact, Plan

T = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)


def send(client, method: str, url: str, body=None):
    kwargs: dict[str, str | bytes] = {"content_type": "application/json"}
    if body is not None:
        kwargs["data"] = body if isinstance(body, str | bytes) else json.dumps(body)
    return getattr(client, method)(url, **kwargs)


def assert_error(response, status: int | None = None) -> dict:
    """The one JSON error shape, with a 4xx status."""
    assert 400 <= response.status_code < 500, (response.status_code, response.content[:300])
    if status is not None:
        assert response.status_code == status
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["code"]
    assert body["error"]["message"]
    return body["error"]


# --- offsets and limits ---------------------------------------------------------------------


@pytest.mark.parametrize("value", ["9223372036854775808", "9223372036854775807", "-9223372036854775809", "1e3"])
def test_huge_offsets_and_limits_are_refused_clearly(api, alice_plan, alice_contact, value):
    plan = alice_plan.public_id
    for url in (
        f"/api/v1/plans/{plan}/contacts?offset={value}",
        f"/api/v1/plans/{plan}/contacts?limit={value}",
        f"/api/v1/journal?offset={value}",
        f"/api/v1/journal?limit={value}",
        f"/api/v1/moods?limit={value}",
    ):
        assert_error(api.get(url), 422)


def test_ordinary_paging_still_works(api, alice_plan, alice_contact):
    listed = api.get(f"/api/v1/plans/{alice_plan.public_id}/contacts?offset=0&limit=10")
    assert listed.status_code == 200
    assert len(listed.json()) == 1
    assert api.get(f"/api/v1/plans/{alice_plan.public_id}/contacts?offset=5").json() == []


def test_web_history_page_number_overflow_is_not_an_error(alice_client, alice_plan, alice_contact):
    response = alice_client.get(f"/plans/{alice_plan.public_id}/?page=9223372036854775808")
    assert response.status_code == 200


# --- dates at the edge of the calendar ----------------------------------------------------------


@time_machine.travel(T, tick=False)
@pytest.mark.parametrize(
    "at", ["0001-01-01T00:00:00+14:00", "0001-01-01T00:00:00", "0001-01-01T00:00:00-12:00", "1899-12-31T23:00"]
)
def test_a_contact_at_the_start_of_the_calendar_is_refused(api, alice_plan, at):
    url = f"/api/v1/plans/{alice_plan.public_id}/contacts"
    error = assert_error(send(api, "post", url, {"at": at, "channel": "text", "direction": "outgoing"}), 400)
    assert "1900" in error["message"]
    assert not Contact.objects.exists()


@time_machine.travel(T, tick=False)
def test_a_plan_and_a_correction_at_the_start_of_the_calendar_are_refused(api, alice_plan, alice_contact):
    made = send(api, "post", "/api/v1/plans", {"name": "Old", "since": "0001-01-01T00:00:00+14:00", "tz": "Asia/Tokyo"})
    assert "1900" in assert_error(made, 400)["message"]
    moved = send(api, "patch", f"/api/v1/plans/{alice_plan.public_id}", {"since": "0001-01-01T00:00:00"})
    assert_error(moved, 400)
    corrected = send(api, "patch", f"/api/v1/contacts/{alice_contact.public_id}", {"at": "0001-01-01T00:00:00+14:00"})
    assert_error(corrected, 400)
    alice_contact.refresh_from_db()
    assert alice_contact.at == datetime(2026, 1, 5, 12, 0, tzinfo=UTC)


@time_machine.travel(T, tick=False)
@pytest.mark.parametrize("as_of", ["0001-01-01T00:00", "0001-01-01T00:00:00%2B14:00", "9999-12-31", "1899-06-01"])
def test_status_as_of_far_from_now_is_refused(api, alice_plan, as_of):
    error = assert_error(api.get(f"/api/v1/plans/{alice_plan.public_id}/status?as_of={as_of}"), 400)
    assert "1900" in error["message"]


@time_machine.travel(T, tick=False)
def test_the_web_form_refuses_a_contact_at_the_start_of_the_calendar(alice_client, alice_plan):
    response = alice_client.post(
        f"/plans/{alice_plan.public_id}/log/",
        {"at": "0001-01-01T00:00", "channel": "text", "direction": "outgoing"},
    )
    assert response.status_code == 400
    assert "1900" in page(response)
    assert not Contact.objects.exists()


@time_machine.travel(T, tick=False)
def test_the_web_form_refuses_a_plan_starting_at_the_start_of_the_calendar(alice_client):
    response = alice_client.post(
        "/plans/new/",
        {"name": "Old", "mode": "strict", "started_at": "0001-01-01T00:00", "tz": "Asia/Tokyo", "goal_days": 30},
    )
    assert response.status_code == 400
    assert "1900" in page(response)
    assert not Plan.objects.exists()


# --- NUL characters -------------------------------------------------------------------------------


@time_machine.travel(T, tick=False)
def test_a_nul_character_is_refused_in_every_api_text(api, alice_plan, alice_contact):
    plan = alice_plan.public_id
    attempts = [
        ("post", "/api/v1/plans", {"name": "Sa\x00m", "since": "2026-01-01", "tz": "Europe/Berlin"}),
        ("post", "/api/v1/plans", {"name": "Kim", "since": "2026-01-01", "tz": "Europe/Berlin\x00"}),
        ("patch", f"/api/v1/plans/{plan}", {"reason": "a\x00b"}),
        ("post", f"/api/v1/plans/{plan}/contacts", {"channel": "text", "direction": "outgoing", "note": "\x00"}),
        ("patch", f"/api/v1/contacts/{alice_contact.public_id}", {"note": "x\x00"}),
        ("post", "/api/v1/journal", {"text": "dear \x00 diary"}),
        ("post", "/api/v1/journal", {"text": "fine", "tags": ["ni\x00ght"]}),
        ("post", "/api/v1/moods", {"feelings": [{"name": "calm\x00", "intensity": 2}]}),
        ("post", "/api/v1/check", {"text": "hello\x00"}),
        ("post", "/api/v1/read-message", {"text": "hello\x00"}),
        ("put", f"/api/v1/plans/{plan}/boundaries", {"own_topics": {"ba\x00nd": ["gig"]}}),
    ]
    for method, url, body in attempts:
        error = assert_error(send(api, method, url, body), 422)
        assert "NUL" in json.dumps(error) or "character" in error["message"], (url, error)
    assert Plan.objects.count() == 1


def test_a_nul_character_in_a_query_or_a_path_is_refused(api, alice_plan):
    assert_error(api.get("/api/v1/journal?q=a%00b"))
    assert_error(api.get("/api/v1/plans/abc%00def"))
    assert_error(api.get(f"/api/v1/plans/{alice_plan.public_id}%00/contacts"))


def test_a_nul_character_in_a_web_form_is_a_form_error(alice_client):
    response = alice_client.post(
        "/plans/new/",
        {"name": "Sa\x00m", "mode": "strict", "started_at": "2026-01-01T09:00", "tz": "UTC", "goal_days": 30},
    )
    assert response.status_code == 400
    assert not Plan.objects.exists()


def test_a_nul_character_in_a_web_address_is_a_calm_400(alice_client):
    response = alice_client.get("/journal/?page=1%00")
    assert response.status_code == 400


# --- non-object bodies -------------------------------------------------------------------------------


@pytest.mark.parametrize("body", ["null", "42", "[null]", '"text"', "[]", "true"])
def test_a_non_object_body_to_boundaries_changes_nothing(api, alice, now, body):
    from nocontact.plans.services import plan_create

    plan = plan_create(
        user=alice, name="Co", started_at=datetime(2026, 1, 1, tzinfo=UTC), tz="UTC", mode="minimal", now=now
    )
    boundaries_set(plan=plan, topics=["children"], channels=["text"], days=[0, 1])
    response = send(api, "put", f"/api/v1/plans/{plan.public_id}/boundaries", body)
    assert_error(response, 422)
    row = boundaries_of(plan)
    assert row is not None
    assert row.topics == ["children"]
    assert row.channels == ["text"]
    assert row.days == [0, 1]


@pytest.mark.parametrize("body", ["null", "42", "[null]"])
def test_a_non_object_body_is_refused_on_every_write(api, alice_plan, alice_contact, body):
    plan = alice_plan.public_id
    for method, url in (
        ("post", "/api/v1/plans"),
        ("patch", f"/api/v1/plans/{plan}"),
        ("post", f"/api/v1/plans/{plan}/contacts"),
        ("patch", f"/api/v1/contacts/{alice_contact.public_id}"),
        ("post", "/api/v1/journal"),
        ("post", "/api/v1/moods"),
        ("post", "/api/v1/check"),
        ("post", "/api/v1/read-message"),
    ):
        assert_error(send(api, method, url, body), 422)
    alice_plan.refresh_from_db()
    assert alice_plan.name == "Sam"


# --- daylight-saving changes ----------------------------------------------------------------------


def test_a_skipped_local_time_says_which_instant_it_became_on_the_web(alice_client, alice_plan):
    # Europe/Berlin, 29 March 2026: 02:00 → 03:00. 02:30 never happened.
    with time_machine.travel(datetime(2026, 4, 1, tzinfo=UTC), tick=False):
        response = alice_client.post(
            f"/plans/{alice_plan.public_id}/log/",
            {"at": "2026-03-29T02:30", "channel": "text", "direction": "outgoing", "confirm": "1"},
            follow=True,
        )
    text = page(response)
    assert "02:30" in text
    assert "03:30" in text
    assert Contact.objects.get().at == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)


def test_an_ambiguous_local_time_says_which_instant_it_became_on_the_web(alice_client, alice_plan):
    # Europe/Berlin, 25 October 2026: 03:00 → 02:00. 02:30 happened twice; the first is kept.
    with time_machine.travel(datetime(2026, 11, 1, tzinfo=UTC), tick=False):
        response = alice_client.post(
            f"/plans/{alice_plan.public_id}/log/",
            {"at": "2026-10-25T02:30", "channel": "text", "direction": "outgoing", "confirm": "1"},
            follow=True,
        )
    text = page(response)
    assert "02:30" in text
    assert "+02:00" in text
    assert Contact.objects.get().at == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


# --- the command line ------------------------------------------------------------------------------


def cli(env, *args, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([nocontact_bin(), *args], env=env, capture_output=True, input=stdin, timeout=60)


def assert_one_line_exit_2(result: subprocess.CompletedProcess[bytes]) -> str:
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip() and "Created a local account" not in line]
    assert len(lines) == 1, err
    return lines[0]


@pytest.mark.e2e
def test_cli_dates_at_the_edges_are_one_clear_line(scratch_env):
    made = cli(scratch_env, "plan", "add", "Sam", "--since", "2026-01-01T09:00", "--tz", "Asia/Tokyo")
    assert made.returncode == 0, made.stderr
    for args in (
        ("log", "Sam", "--channel", "text", "--direction", "outgoing", "--at", "0001-01-01T00:00"),
        ("log", "Sam", "--channel", "text", "--direction", "outgoing", "--at", "0001-01-01T00:00+14:00"),
        ("status", "--as-of", "0001-01-01T00:00"),
        ("status", "--as-of", "9999-12-31"),
        ("status", "Sam", "--as-of", "9999-12-31T23:59", "--json"),
        ("plan", "add", "Old", "--since", "0001-01-01T00:00", "--tz", "Asia/Tokyo"),
    ):
        line = assert_one_line_exit_2(cli(scratch_env, *args))
        assert "1900" in line, (args, line)
    assert json.loads(cli(scratch_env, "status", "--json").stdout)["plans"][0]["slips"] == 0


@pytest.mark.e2e
def test_cli_refuses_bytes_that_are_not_utf8_and_nul_on_stdin(scratch_env):
    assert cli(scratch_env, "plan", "add", "Sam", "--since", "2026-01-01T09:00", "--tz", "UTC").returncode == 0
    for stdin in (b"caf\xe9 au lait\n", b"\xff\xfe\x00w\x00"):
        line = assert_one_line_exit_2(cli(scratch_env, "journal", "add", stdin=stdin))
        assert "UTF-8" in line
    assert "character" in assert_one_line_exit_2(cli(scratch_env, "journal", "add", stdin=b"a\x00b"))
    for args in (
        ("check-message",),
        ("check-message", "--plan", "Sam"),
        ("read-message",),
        ("read-message", "--plan", "Sam"),
    ):
        assert "UTF-8" in assert_one_line_exit_2(cli(scratch_env, *args, stdin=b"\xc3\x28 hello"))
    # One JSON object per line: a line that isn't UTF-8 is that line's error; the others are answered.
    lines = cli(scratch_env, "check-message", "--jsonl", stdin=b'{"id": 1, "text": "hi"}\n\xc3\x28\n')
    assert lines.returncode == 0, lines.stderr
    first, second = (json.loads(line) for line in lines.stdout.decode().splitlines())
    assert first["id"] == 1
    assert "verdict" in first
    assert "UTF-8" in second["error"]
    listed = json.loads(cli(scratch_env, "journal", "list", "--json").stdout)
    assert listed["entries"] == []


@pytest.mark.e2e
def test_cli_says_which_instant_a_skipped_or_repeated_time_became(scratch_env):
    assert (
        cli(scratch_env, "plan", "add", "Sam", "--since", "2026-01-01T09:00", "--tz", "Europe/Berlin").returncode == 0
    )
    skipped = cli(scratch_env, "log", "Sam", "--channel", "text", "--direction", "outgoing", "--at", "2026-03-29T02:30")
    assert skipped.returncode == 0, skipped.stderr
    assert "03:30" in skipped.stderr.decode()
    assert "02:30" in skipped.stderr.decode()
    repeated = cli(
        scratch_env, "log", "Sam", "--channel", "call", "--direction", "incoming", "--at", "2026-10-25T02:30"
    )
    # Still in the future relative to the real clock? Then it is refused; otherwise it notes the fold.
    if repeated.returncode == 0:
        assert "+02:00" in repeated.stderr.decode()
    plain = cli(scratch_env, "log", "Sam", "--channel", "call", "--direction", "incoming", "--at", "2026-03-28T02:30")
    assert plain.returncode == 0
    assert plain.stderr.decode().strip() == ""


# --- siblings -----------------------------------------------------------------------------------------


@time_machine.travel(T, tick=False)
def test_a_safety_log_entry_at_the_start_of_the_calendar_is_refused(api, alice, now):
    from nocontact.plans.services import plan_create

    plan = plan_create(
        user=alice, name="Kit", started_at=datetime(2026, 1, 1, tzinfo=UTC), tz="Asia/Tokyo", mode="safety", now=T
    )
    for at in ("0001-01-01T00:00:00", "0001-01-01T00:00:00+14:00", "1850-05-01T10:00"):
        body = {"at": at, "kind": "threat", "channel": "call"}
        error = assert_error(send(api, "post", f"/api/v1/plans/{plan.public_id}/safety-log", body), 400)
        assert "1900" in error["message"]


def test_a_nul_character_in_an_offline_pause_is_that_pause_s_error(alice_client, alice_plan):
    from nocontact.urges.models import Urge

    now = datetime.now(UTC)
    good = {"key": "k-000000001", "started_at": now.isoformat(), "ended_at": now.isoformat(), "outcome": "passed"}
    bad = {**good, "key": "k-00000\x0002"}
    worse = {**good, "key": "k-000000003", "feeling": "lonely\x00"}
    answer = alice_client.post(
        "/api/v1/pause/sync", data=json.dumps({"urges": [good, bad, worse]}), content_type="application/json"
    )
    assert answer.status_code == 200
    assert [r["status"] for r in answer.json()["results"]] == ["saved", "error", "error"]
    assert list(Urge.objects.values_list("key", flat=True)) == ["k-000000001"]
