"""The installed `nocontact` command, run end to end on a scratch data folder."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import nocontact_bin

pytestmark = pytest.mark.e2e


def run(env, *args, stdin: str | None = None, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([nocontact_bin(), *args], env=env, capture_output=True, text=True, input=stdin, timeout=60)
    if check and result.returncode != 0:
        raise AssertionError(f"nocontact {' '.join(args)} failed ({result.returncode}): {result.stderr}")
    return result


def status(env, *args) -> list[dict]:
    return json.loads(run(env, "status", "--json", *args).stdout)["plans"]


def test_the_worked_example_end_to_end(scratch_env):
    first = run(scratch_env, "plan", "add", "Alex", "--since", "2026-01-01T09:00", "--tz", "Europe/Berlin")
    assert "Created a local account" in first.stderr
    assert "Started “Alex”" in first.stdout
    logged = run(scratch_env, "log", "Alex", "--channel", "text", "--direction", "outgoing", "--at", "2026-01-05T12:00")
    assert "come back to no contact" in logged.stdout
    plans = status(scratch_env, "--as-of", "2026-01-11T08:00")
    assert plans == [
        {
            "name": "Alex",
            "mode": "strict",
            "since": "2026-01-01T09:00:00+01:00",
            "goal_days": 30,
            "current_streak_days": 6,
            "longest_streak_days": 6,
            "clean_days_total": 9,
            "slips": 1,
            "indirect_streak_days": 10,
            "next_milestone_days": 7,
            "goal_reached": False,
        }
    ]
    words = run(scratch_env, "status", "alex", "--as-of", "2026-01-11T08:00").stdout
    assert "Alex: 6 days of no contact" in words


def test_plans_options_and_list(scratch_env):
    run(
        scratch_env,
        "plan",
        "add",
        "Jo",
        "--since",
        "2026-03-01",
        "--goal-days",
        "60",
        "--mode",
        "minimal",
        "--tz",
        "America/New_York",
        "--count-indirect",
        "--reason",
        "Work only.",
    )
    run(scratch_env, "plan", "add", "Kim", "--since", "2026-02-01T10:00+00:00")
    listed = json.loads(run(scratch_env, "plan", "list", "--json").stdout)["plans"]
    assert [(p["name"], p["mode"], p["goal_days"], p["tz"], p["count_indirect"]) for p in listed] == [
        ("Jo", "minimal", 60, "America/New_York", True),
        ("Kim", "strict", 30, "UTC", False),  # TZ=UTC in the scratch environment
    ]
    run(
        scratch_env,
        "log",
        "Jo",
        "--channel",
        "message",
        "--direction",
        "outgoing",
        "--permitted",
        "--at",
        "2026-03-03T12:00",
        "--note",
        "pickup at 5",
    )
    run(scratch_env, "log", "Jo", "--channel", "checked_profile", "--direction", "outgoing", "--at", "2026-03-04T12:00")
    jo = status(scratch_env, "Jo", "--as-of", "2026-03-10T12:00")[0]
    assert (jo["slips"], jo["current_streak_days"], jo["indirect_streak_days"]) == (1, 6, 6)
    export = json.loads(run(scratch_env, "export", "--json").stdout)
    by_name = {p["name"]: p for p in export["plans"]}
    assert by_name["Jo"]["reason"] == "Work only."
    assert [c["note"] for c in by_name["Jo"]["contacts"]] == ["pickup at 5", ""]
    assert [c["slip"] for c in by_name["Jo"]["contacts"]] == [False, True]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["log", "Nobody", "--channel", "text", "--direction", "outgoing"], "no plan called “Nobody”"),
        (["log", "Alex", "--channel", "pigeon", "--direction", "outgoing"], "invalid choice: 'pigeon'"),
        (["log", "Alex", "--channel", "text", "--direction", "sideways"], "invalid choice: 'sideways'"),
        (["log", "Alex", "--channel", "text", "--direction", "outgoing", "--at", "soon"], "isn't a date we can read"),
        (["log", "Alex", "--channel", "text", "--direction", "outgoing", "--at", "2999-01-01"], "still in the future"),
        (["log", "Alex", "--channel", "text", "--direction", "outgoing", "--permitted"], "Only minimal-contact plans"),
        (["plan", "add", "Alex", "--since", "2026-01-01"], "already have a plan called “Alex”"),
        (["plan", "add", "Sam", "--since", "2026-01-01", "--tz", "Moon/Base"], "isn't a time zone we know"),
        (["plan", "add", "Sam", "--since", "2026-01-01", "--goal-days", "0"], "between 1 and 3650"),
        (["plan", "add", "Sam", "--since", "2026-01-01", "--goal-days", "ten"], "invalid int value"),
        (["plan", "add", "Sam"], "required: --since"),
        (["status", "Nobody"], "no plan called “Nobody”"),
        (["status", "--as-of", "31/01/2026"], "isn't a date we can read"),
        (["--user", "ghost", "status"], "no account called “ghost”"),
    ],
)
def test_bad_input_is_one_line_and_exit_code_2(scratch_env, args, says):
    run(scratch_env, "plan", "add", "Alex", "--since", "2026-01-01T09:00", "--tz", "UTC")
    before = run(scratch_env, "export", "--json").stdout
    result = run(scratch_env, *args, check=False)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert says in lines[0]
    after = run(scratch_env, "export", "--json").stdout
    strip = lambda text: {k: v for k, v in json.loads(text).items() if k != "exported_at"}  # noqa: E731
    assert strip(after) == strip(before)


def test_choosing_the_user(scratch_env):
    run(scratch_env, "plan", "add", "Alex", "--since", "2026-01-01", "--tz", "UTC")
    code = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'nocontact.settings'); django.setup();"
        "from nocontact.accounts.services import user_create; user_create(username='second', password=None)"
    )
    subprocess.run([sys.executable, "-c", code], env=scratch_env, check=True, timeout=60)
    result = run(scratch_env, "status", check=False)
    assert result.returncode == 2
    assert "more than one account" in result.stderr
    assert status(scratch_env, "--user", "second") == []
    run({**scratch_env, "NOCONTACT_USER": "second"}, "plan", "add", "Robin", "--since", "2026-01-01", "--tz", "UTC")
    assert [p["name"] for p in status(scratch_env, "--user", "SECOND")] == ["Robin"]


def test_concurrent_writers_all_land(scratch_env):
    run(scratch_env, "plan", "add", "Alex", "--since", "2026-01-01", "--tz", "UTC")

    def one(i: int):
        at = f"2026-01-{i + 2:02d}T12:00"
        return run(scratch_env, "log", "Alex", "--channel", "call", "--direction", "outgoing", "--at", at, check=False)

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(one, range(12)))
    assert [r.returncode for r in results] == [0] * 12, [r.stderr for r in results if r.returncode]
    assert status(scratch_env, "--as-of", "2026-01-20T00:00")[0]["slips"] == 12


def test_keys_are_private_files_and_text_is_not_in_the_database_file(scratch_env):
    run(scratch_env, "plan", "add", "Alex", "--since", "2026-01-01", "--tz", "UTC", "--reason", "MARKER-reason-7f3a")
    run(scratch_env, "log", "Alex", "--channel", "text", "--direction", "incoming", "--note", "MARKER-note-91bc")
    data = Path(scratch_env["NOCONTACT_DATA_DIR"])
    for name in ("secret_key", "master.key"):
        assert stat.S_IMODE((data / name).stat().st_mode) == 0o600
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    if "DATABASE_URL" not in scratch_env:
        import sqlite3

        with sqlite3.connect(data / "nocontact.sqlite3") as conn:
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        blob = b"".join(p.read_bytes() for p in data.glob("nocontact.sqlite3*"))
        assert b"Alex" in blob  # the file is the right one...
        assert b"MARKER-reason" not in blob
        assert b"MARKER-note" not in blob
    export = json.loads(run(scratch_env, "export", "--json").stdout)
    assert export["plans"][0]["reason"] == "MARKER-reason-7f3a"


def test_hosted_mode_refuses_to_start_without_real_secrets(scratch_env):
    result = run(scratch_env, "serve", "--host", "0.0.0.0", "--port", "0", check=False)
    assert result.returncode == 2
    assert "NOCONTACT_SECRET_KEY" in result.stderr
    weak = run({**scratch_env, "NOCONTACT_HOSTED": "1", "NOCONTACT_SECRET_KEY": "short"}, "status", check=False)
    assert weak.returncode == 2
    assert "too short" in weak.stderr
    no_master = run(
        {
            **scratch_env,
            "NOCONTACT_SECRET_KEY": "k" * 30 + "abcdefghijklmnopqrstuvwxyz",
            "NOCONTACT_ALLOWED_HOSTS": "x.org",
        },
        "serve",
        "--host",
        "0.0.0.0",
        "--port",
        "0",
        check=False,
    )
    assert no_master.returncode == 2
    assert "master key" in no_master.stderr


def test_journal_and_mood_from_the_command_line(scratch_env):
    added = run(
        scratch_env,
        "journal",
        "add",
        "--prompt",
        "--tag",
        "River",
        "--tag",
        "night",
        stdin="I walked by the river instead of texting.\n",
    )
    assert "Saved your entry" in added.stdout
    assert added.stderr.strip()  # the prompt was shown
    run(scratch_env, "journal", "add", stdin="A quiet evening at home.")
    listed = json.loads(run(scratch_env, "journal", "list", "--json").stdout)["entries"]
    assert {e["text"] for e in listed} == {"I walked by the river instead of texting.", "A quiet evening at home."}
    found = json.loads(run(scratch_env, "journal", "search", "RIVER", "texting", "--json").stdout)["entries"]
    assert [(e["text"], e["tags"]) for e in found] == [
        ("I walked by the river instead of texting.", ["river", "night"])
    ]
    assert "river" in run(scratch_env, "journal", "search", "river").stdout
    assert json.loads(run(scratch_env, "journal", "search", "nowhere", "--json").stdout) == {"entries": []}
    mood = run(scratch_env, "mood", "anxiety:4", "weirdly okay:2", "--note", "long day")
    assert "anxiety 4/5, weirdly okay 2/5" in mood.stdout
    export = json.loads(run(scratch_env, "export", "--json").stdout)
    assert len(export["journal"]) == 2
    assert export["moods"][0]["note"] == "long day"
    for args, says in [
        (["mood", "anger:9"], "isn't a feeling we can record"),
        (["journal", "add"], "Write something first"),
    ]:
        result = run(scratch_env, *args, stdin="", check=False)
        assert result.returncode == 2
        assert says in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_rotate_key_from_the_command_line(scratch_env):
    run(scratch_env, "plan", "add", "Alex", "--since", "2026-01-01", "--tz", "UTC", "--reason", "Still mine.")
    key_file = Path(scratch_env["NOCONTACT_DATA_DIR"]) / "master.key"
    before = key_file.read_text()
    rotated = run(scratch_env, "rotate-key")
    assert "1 account key(s) re-wrapped" in rotated.stdout
    assert key_file.read_text() != before
    assert json.loads(run(scratch_env, "export", "--json").stdout)["plans"][0]["reason"] == "Still mine."
    generated = run(scratch_env, "rotate-key", "--generate").stdout.strip()
    assert len(generated) == 44
    assert key_file.read_text().strip() != generated


def test_journal_add_at_a_terminal_uses_the_editor_and_leaves_no_file(scratch_env, tmp_path):
    import pty

    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\nprintf "Written in the editor.\\n" >> "$1"\ncp "$1" "$1.seen"\n')
    editor.chmod(0o700)
    env = {**scratch_env, "EDITOR": str(editor), "XDG_RUNTIME_DIR": str(tmp_path)}
    primary, secondary = pty.openpty()
    try:
        result = subprocess.run(
            [nocontact_bin(), "journal", "add", "--prompt"],
            env=env,
            stdin=secondary,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        os.close(primary)
        os.close(secondary)
    assert result.returncode == 0, result.stderr
    seen = next(tmp_path.glob("nocontact-*.md.seen")).read_text()
    assert seen.startswith("# ")  # the prompt was offered as comment lines
    assert [p.name for p in tmp_path.glob("nocontact-*.md")] == []  # the editor's file is gone
    entries = json.loads(run(scratch_env, "journal", "list", "--json").stdout)["entries"]
    assert [e["text"] for e in entries] == ["Written in the editor."]


def test_check_message_from_the_command_line(scratch_env):
    plain = run(scratch_env, "check-message", stdin="I miss you. Can you pick up Mia at 5?")
    assert plain.returncode == 0
    assert "review" in plain.stdout
    assert "feelings" in plain.stdout
    assert "Suggested: Can you pick up Mia at 5?" in plain.stdout
    ok = json.loads(run(scratch_env, "check-message", "--json", stdin="Can you pick up Mia at 5?").stdout)
    assert ok == {"verdict": "ok", "flags": [], "suggestion": None}
    topics = json.loads(
        run(
            scratch_env, "check-message", "--topics", "children,school", "--json", stdin="Rent is going up in May."
        ).stdout
    )
    assert [f["kind"] for f in topics["flags"]] == ["off_topic"]
    lines = (
        "\n".join(
            [
                json.dumps({"id": 1, "text": "ok"}),
                json.dumps({"id": "b", "text": "I want you back"}),
                "{broken",
                json.dumps({"id": 3, "text": "The rent is due.", "topics": ["children"]}),
                json.dumps({"id": 4, "text": ""}),
                json.dumps({"id": 5, "text": "Pick up at 5", "topics": "children"}),
            ]
        )
        + "\n"
    )
    out = [json.loads(line) for line in run(scratch_env, "check-message", "--jsonl", stdin=lines).stdout.splitlines()]
    assert [o["id"] for o in out] == [1, "b", None, 3, 4, 5]
    assert out[0]["verdict"] == "ok"
    assert out[1]["flags"][0]["kind"] == "reconciliation"
    assert out[1]["suggestion"] is None
    assert "error" in out[2]
    assert out[3]["flags"][0]["kind"] == "off_topic"
    assert "error" in out[4]
    assert "error" in out[5]
    bad = run(scratch_env, "check-message", "--topics", "gossip", stdin="ok", check=False)
    assert bad.returncode == 2
    assert "unknown topic" in bad.stderr


def test_check_message_with_a_plan_uses_its_boundaries(scratch_env):
    run(scratch_env, "plan", "add", "Co", "--since", "2026-01-01", "--tz", "UTC", "--mode", "minimal")
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'nocontact.settings'; django.setup();"
        "from nocontact.plans.models import Plan; from nocontact.boundaries.services import boundaries_set;"
        "boundaries_set(plan=Plan.objects.get(name='Co'), topics=['children'], own_topics={'band': ['gig']})"
    )
    subprocess.run([sys.executable, "-c", code], env=scratch_env, check=True, timeout=60)
    rows = "\n".join(json.dumps({"id": i, "text": t}) for i, t in enumerate(["Gig moved to Friday", "The rent is due"]))
    out = [
        json.loads(x)
        for x in run(scratch_env, "check-message", "--plan", "Co", "--jsonl", stdin=rows).stdout.splitlines()
    ]
    assert [o["verdict"] for o in out] == ["ok", "review"]
    missing = run(scratch_env, "check-message", "--plan", "Nobody", stdin="ok", check=False)
    assert missing.returncode == 2
    assert "no plan called" in missing.stderr


def test_read_message_from_the_command_line(scratch_env):
    # Written for this test: a message from them, two practical lines among a dig and a plea.
    theirs = (
        "Typical of you to forget again. The dentist moved Mia's check-up to Tuesday at 10. "
        "Can you take her? I still think about us every day."
    )
    as_json = run(scratch_env, "read-message", "--json", stdin=theirs)
    body = json.loads(as_json.stdout)
    assert list(body) == ["practical", "needs_answer", "folded", "suggested_reply"]
    assert body["practical"] == ["The dentist moved Mia's check-up to Tuesday at 10.", "Can you take her?"]
    assert body["needs_answer"] == ["Can you take her?"]
    assert body["folded"] == 2
    assert "think about us" not in as_json.stdout
    plain = run(scratch_env, "read-message", stdin=theirs).stdout
    assert "Needs an answer:\n  - Can you take her?" in plain
    assert "2 sentences folded away." in plain
    assert "Typical" not in plain
    # On the rules alone it says so, on stderr: the JSON stays exact.
    rules = run({**scratch_env, "NOCONTACT_CHECKER_RULES_ONLY": "1"}, "read-message", "--json", stdin=theirs)
    assert list(json.loads(rules.stdout)) == list(body)
    assert "rules alone" in rules.stderr
    # --plan only checks that the plan exists.
    run(scratch_env, "plan", "add", "Co", "--since", "2026-01-01", "--tz", "UTC", "--mode", "minimal")
    assert json.loads(run(scratch_env, "read-message", "--plan", "Co", "--json", stdin=theirs).stdout) == body
    missing = run(scratch_env, "read-message", "--plan", "Nobody", stdin=theirs, check=False)
    assert missing.returncode == 2
    assert "no plan called" in missing.stderr
    empty = run(scratch_env, "read-message", stdin="", check=False)
    assert empty.returncode == 2
    assert empty.stdout == ""
