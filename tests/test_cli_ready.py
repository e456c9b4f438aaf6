"""`nocontact ready NAME`, end to end in a terminal: each outcome, and never in a safety plan."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.test_cli import run

pytestmark = pytest.mark.e2e

# feelings, need (own words), practical, motive, silence, days: by number or by value.
CALM = "3\nnothing really\n1\n4\n1\n1\n"


def _plan(env, name, *extra):
    run(env, "plan", "add", name, "--since", "2026-01-01T09:00", "--tz", "UTC", *extra)


def _goal(env, name):
    return next(p for p in json.loads(run(env, "plan", "list", "--json").stdout)["plans"] if p["name"] == name)


def test_ready_to_each_outcome(scratch_env):
    _plan(scratch_env, "Alex")
    stay = run(scratch_env, "ready", "Alex", stdin=CALM + "3\n")
    assert "Staying in no contact is a complete answer" in stay.stdout
    assert "You're staying in no contact" in stay.stdout
    assert "Do you still have feelings for them?" in stay.stderr

    not_yet = run(scratch_env, "ready", "Alex", stdin="yes\n\n1\ntogether\n2\nshaken\n1\n20\n")
    assert "too soon" in not_yet.stdout
    assert "Worth holding gently" in not_yet.stdout
    assert "Your goal is now" in not_yet.stdout
    goal = _goal(scratch_env, "Alex")["goal_days"]
    streak = json.loads(run(scratch_env, "status", "Alex", "--json").stdout)["plans"][0]["current_streak_days"]
    assert goal == streak + 20

    _plan(scratch_env, "Jo")
    slowly = run(scratch_env, "ready", "Jo", stdin="3\n\n3\n4\n1\n1\n2\n")
    assert "practical reason" in slowly.stdout
    assert _goal(scratch_env, "Jo")["mode"] == "minimal"


def test_decide_later_keeps_the_answers_and_changes_nothing(scratch_env):
    _plan(scratch_env, "Alex")
    later = run(scratch_env, "ready", "Alex", stdin=CALM + "\n")
    assert "decide later" in later.stdout
    assert _goal(scratch_env, "Alex")["goal_days"] == 30


def test_a_wrong_choice_is_asked_again_and_running_out_saves_nothing(scratch_env):
    _plan(scratch_env, "Alex")
    again = run(scratch_env, "ready", "Alex", stdin="9\n" + CALM + "3\n")
    assert "Type a number from 1 to 4" in again.stderr
    cut_short = run(scratch_env, "ready", "Alex", stdin="3\n", check=False)
    assert cut_short.returncode == 2
    assert "Nothing was saved" in cut_short.stderr


def test_ready_is_not_offered_in_a_safety_plan(scratch_env):
    _plan(scratch_env, "R", "--mode", "safety")
    result = run(scratch_env, "ready", "R", stdin=CALM + "3\n", check=False)
    assert result.returncode == 2
    assert "isn't part of a safety plan" in result.stderr
    assert "Do you still have feelings" not in result.stderr
    assert result.stdout == ""


def test_ready_waits_for_thirty_days(scratch_env):
    since = (datetime.now(UTC) - timedelta(days=9)).isoformat(timespec="minutes")
    run(scratch_env, "plan", "add", "New", "--since", since, "--tz", "UTC")
    result = run(scratch_env, "ready", "New", stdin=CALM, check=False)
    assert result.returncode == 2
    assert "after 30 days" in result.stderr


def test_the_safety_log_from_the_terminal(scratch_env):
    _plan(scratch_env, "R", "--mode", "safety")
    run(
        scratch_env,
        "safety-log",
        "R",
        "--add",
        "--kind",
        "turned_up",
        "--channel",
        "in_person",
        "--at",
        "2026-02-03T18:30",
        stdin="Outside the gym.\nZoë saw it.",
    )
    listed = json.loads(run(scratch_env, "safety-log", "R", "--json").stdout)["entries"]
    assert [(e["at"], e["kind"], e["details"]) for e in listed] == [
        ("2026-02-03T18:30:00+00:00", "turned_up", "Outside the gym.\nZoë saw it.")
    ]
    assert "They turned up" in run(scratch_env, "safety-log", "R").stdout
    future = run(
        scratch_env,
        "safety-log",
        "R",
        "--add",
        "--kind",
        "threat",
        "--channel",
        "call",
        "--at",
        "2999-01-01T00:00",
        check=False,
    )
    assert future.returncode == 2
    _plan(scratch_env, "Alex")
    refused = run(
        scratch_env,
        "safety-log",
        "Alex",
        "--add",
        "--kind",
        "threat",
        "--channel",
        "call",
        "--details",
        "x",
        check=False,
    )
    assert refused.returncode == 2
    assert "safety plans" in refused.stderr
    listing = run(scratch_env, "safety-log", "Alex", check=False)
    assert listing.returncode == 2
    assert "safety plans" in listing.stderr
    # R leaves safety mode (there is no CLI command for that): what it recorded is still listed.
    _set_mode(scratch_env, "R", "strict")
    assert "Outside the gym." in run(scratch_env, "safety-log", "R").stdout
    again = run(
        scratch_env, "safety-log", "R", "--add", "--kind", "threat", "--channel", "call", "--details", "x", check=False
    )
    assert again.returncode == 2
    assert "safety plans" in again.stderr


def _set_mode(env, name, mode):
    sql = "UPDATE plans_plan SET mode = %s WHERE name = %s"
    if "DATABASE_URL" in env:
        import psycopg

        with psycopg.connect(env["DATABASE_URL"], autocommit=True) as conn:
            assert conn.execute(sql, (mode, name)).rowcount == 1
    else:
        import sqlite3

        with sqlite3.connect(Path(env["NOCONTACT_DATA_DIR"]) / "nocontact.sqlite3") as conn:
            assert conn.execute(sql.replace("%s", "?"), (mode, name)).rowcount == 1
