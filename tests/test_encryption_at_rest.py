"""Words written through the web, the API and the command line never reach the disk or the logs as text."""

from __future__ import annotations

import json
import os
import re
import secrets
import sqlite3
from pathlib import Path

import pytest

from conftest import RunningApp, nocontact_bin
from tests.webclient import WebClient, api_call

pytestmark = pytest.mark.e2e


def marker(kind: str) -> str:
    return f"mk{kind}{secrets.token_hex(6)}"  # lower case: tags are stored lower-cased


def run_cli(env, *args, stdin=""):
    import subprocess

    result = subprocess.run([nocontact_bin(), *args], env=env, input=stdin, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def raw_places(env) -> list[Path]:
    """Every file the database keeps its data in, after asking it to write everything out."""
    if "DATABASE_URL" not in env:
        db = Path(env["NOCONTACT_DATA_DIR"]) / "nocontact.sqlite3"
        with sqlite3.connect(db) as conn:
            conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
        return [p for p in db.parent.glob("nocontact.sqlite3*")]
    import psycopg

    with psycopg.connect(env["DATABASE_URL"], autocommit=True) as conn:
        conn.execute("CHECKPOINT")
        (found,) = conn.execute("SHOW data_directory").fetchall()
        data_dir = Path(found[0])
    if not os.access(data_dir, os.R_OK | os.X_OK):
        pytest.skip(f"cannot read PostgreSQL's data folder {data_dir} as this user")
    return [p for p in data_dir.rglob("*") if p.is_file() and os.access(p, os.R_OK)]


def find(markers: list[str], places: list[Path], extra_text: str) -> list[str]:
    found = set()
    for path in places:
        try:
            blob = path.read_bytes()
        except OSError:
            continue
        for m in markers:
            if m.encode() in blob or m.encode("utf-16-le") in blob:
                found.add(f"{m} in {path}")
    found |= {f"{m} in the server log" for m in markers if m in extra_text}
    return sorted(found)


def test_no_plaintext_in_the_database_files_or_the_logs(scratch_env):
    app = RunningApp(scratch_env)
    try:
        markers: list[str] = []

        def mk(kind: str) -> str:
            markers.append(marker(kind))
            return markers[-1]

        # --- the web pages
        web = WebClient(app.url)
        status, _, headers = web.post(
            "/signup/",
            {"username": "atrest", "password1": "a long harbour walk 5", "password2": "a long harbour walk 5"},
        )
        assert status == 302, "sign-up failed"
        login_name = re.search(r'data-testid="login-name">([^<]+)<', web.get("/welcome/")[1]).group(1)
        status, _, headers = web.post(
            "/plans/new/",
            {
                "name": "Sam",
                "mode": "strict",
                "started_at": "2026-01-01T09:00",
                "tz": "UTC",
                "goal_days": "30",
                "reason": mk("webreason"),
            },
        )
        plan_path = headers["Location"]
        assert (
            web.post(
                plan_path + "log/",
                {
                    "at": "2026-01-05T10:00",
                    "channel": "text",
                    "direction": "outgoing",
                    "note": mk("webnote"),
                    "confirm": "1",
                },
            )[0]
            == 302
        )
        assert (
            web.post("/journal/new/", {"text": mk("webtext"), "entry_date": "2026-01-06", "tags": mk("webtag")})[0]
            == 302
        )
        assert (
            web.post("/mood/", {"f_grief": "3", "own": mk("webown"), "own_intensity": "2", "note": mk("webmood")})[0]
            == 302
        )
        status, _, headers = web.post(
            "/plans/new/",
            {"name": "Kit", "mode": "safety", "started_at": "2026-01-01T09:00", "tz": "UTC", "goal_days": "30"},
        )
        assert status == 302
        incident = {"at": "2026-01-07T10:00", "kind": "message", "channel": "text", "details": mk("webincident")}
        assert web.post(headers["Location"] + "safety-log/", incident)[0] == 302
        _, body, _ = web.post_form("/account/", "/account/tokens/", {"name": "at rest"})
        token = re.search(r'id="raw-token">([^<]+)<', body).group(1)

        # --- the JSON API
        status, plan = api_call(
            app.url,
            token,
            "POST",
            "/api/v1/plans",
            {"name": "Jo", "since": "2026-02-01T09:00", "tz": "UTC", "reason": mk("apireason")},
        )
        assert status == 201
        assert (
            api_call(
                app.url,
                token,
                "POST",
                f"/api/v1/plans/{plan['id']}/contacts",
                {"channel": "call", "direction": "both", "at": "2026-02-03T09:00", "note": mk("apinote")},
            )[0]
            == 201
        )
        assert (
            api_call(app.url, token, "POST", "/api/v1/journal", {"text": mk("apitext"), "tags": [mk("apitag")]})[0]
            == 201
        )
        assert (
            api_call(
                app.url,
                token,
                "POST",
                "/api/v1/moods",
                {"feelings": [{"name": mk("apiown"), "intensity": 2}], "note": mk("apimood")},
            )[0]
            == 201
        )

        answers = {"feelings": "no", "need": mk("apineed"), "practical": "none", "motive": "practical"}
        answers |= {"silence": "yes", "days": "calm"}
        path = f"/api/v1/plans/{plan['id']}/readiness"
        assert api_call(app.url, token, "POST", path, {"answers": answers})[0] == 201

        # --- the command line, for the same account
        cli = {**scratch_env, "NOCONTACT_USER": login_name}
        run_cli(cli, "plan", "add", "Kim", "--since", "2026-03-01", "--tz", "UTC", "--reason", mk("clireason"))
        run_cli(
            cli,
            "log",
            "Kim",
            "--channel",
            "message",
            "--direction",
            "outgoing",
            "--at",
            "2026-03-02T10:00",
            "--note",
            mk("clinote"),
        )
        run_cli(cli, "journal", "add", "--tag", mk("clitag"), stdin=mk("clitext"))
        run_cli(cli, "mood", f"{mk('cliown')}:2", "--note", mk("climood"))
        run_cli(cli, "ready", "Kim", stdin=f"3\n{mk('clineed')}\n1\n4\n1\n1\n3\n")
        export_file = Path(scratch_env["NOCONTACT_DATA_DIR"]) / f"WhatsApp Chat with {mk('clifile')}.txt"
        export_file.write_text("14/03/2026, 10:00 - Kim: hello\n14/03/2026, 10:05 - Me: hi\n")
        run_cli(cli, "import", str(export_file), "--person", "Kim", "--tz", "UTC")
        export_file.unlink()

        # Everything really was stored, and reads back.
        export = run_cli(cli, "export", "--json")
        assert [m for m in markers if m not in export] == []
        assert len(markers) == 22

        assert find(markers, raw_places(scratch_env), app.output()) == []

        # Delete it all, write the database out again, and look once more.
        for p in api_call(app.url, token, "GET", "/api/v1/plans")[1]:
            assert api_call(app.url, token, "DELETE", f"/api/v1/plans/{p['id']}")[0] == 204
        for e in api_call(app.url, token, "GET", "/api/v1/journal")[1]:
            assert api_call(app.url, token, "DELETE", f"/api/v1/journal/{e['id']}")[0] == 204
        for c in api_call(app.url, token, "GET", "/api/v1/moods")[1]:
            assert api_call(app.url, token, "DELETE", f"/api/v1/moods/{c['id']}")[0] == 204
        left = json.loads(run_cli(cli, "export", "--json"))
        assert (left["plans"], left["journal"], left["moods"]) == ([], [], [])
        assert find(markers, raw_places(scratch_env), app.output()) == []
    finally:
        app.stop()


def test_the_circle_what_helps_and_boundaries_never_reach_the_disk_as_text(scratch_env):
    """Issue 14, item 4: who the person turns to, and what they still talk about with their ex."""
    app = RunningApp(scratch_env)
    try:
        markers: list[str] = []

        def mk(kind: str) -> str:
            markers.append(marker(kind))
            return markers[-1]

        web = WebClient(app.url)
        password = "a long harbour walk 5"
        assert web.post("/signup/", {"username": "circle", "password1": password, "password2": password})[0] == 302
        login_name = re.search(r'data-testid="login-name">([^<]+)<', web.get("/welcome/")[1]).group(1)
        person = {
            "person-name": mk("name"),
            "person-phone": "+44 7700 " + str(900000 + secrets.randbelow(99999)),
            "person-email": f"{mk('email')}@example.org",
            "person-preferred": "text",
            "person-message": mk("message"),
            "person-notify_url": f"mailtos://robin:{mk('password')}@smtp.example.org?to=robin@example.org",
            "person-alert_on_pause": "on",
        }
        markers.append(person["person-phone"])
        assert web.post("/circle/", person)[0] == 302
        assert web.post("/circle/", {"helper-text": mk("helper")})[0] == 302
        status, _, headers = web.post(
            "/plans/new/",
            {"name": "Co", "mode": "minimal", "started_at": "2026-01-01T09:00", "tz": "UTC", "goal_days": "30"},
        )
        assert status == 302
        boundaries = {"topics": "legal", "own_topics": f"{mk('topic')}: {mk('word')}", "start_hour": "", "end_hour": ""}
        assert headers["Location"].endswith("/boundaries/")  # a minimal plan goes on to its boundaries
        assert web.post(headers["Location"], boundaries)[0] == 302

        cli = {**scratch_env, "NOCONTACT_USER": login_name}
        export = run_cli(cli, "export", "--json")
        assert [m for m in markers if m not in export and "password" not in m] == []
        assert find(markers, raw_places(scratch_env), app.output()) == []
    finally:
        app.stop()
