"""`nocontact import`, end to end: the JSON contract, dry runs, re-imports, broken files."""

from __future__ import annotations

import json
import zipfile

import pytest

from tests.data import exports
from tests.test_cli import run

pytestmark = pytest.mark.e2e
KEYS = [
    "format",
    "messages_total",
    "person",
    "sent",
    "received",
    "calls_outgoing",
    "calls_incoming",
    "calls_missed",
    "first_contact",
    "last_contact",
    "last_sent",
    "last_received",
    "skipped",
    "skipped_rows",
    "imported",
    "conversations",
    "already_logged",
]


def _write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return str(path)


def test_the_json_contract_dry_run_then_import_then_again(scratch_env, tmp_path):
    path = _write(tmp_path, "WhatsApp Chat with Alex.txt", exports.WHATSAPP_ANDROID_DMY)
    dry = json.loads(
        run(scratch_env, "import", path, "--person", "Alex", "--tz", "Europe/Berlin", "--dry-run", "--json").stdout
    )
    assert list(dry) == KEYS
    assert dry == {
        "format": "whatsapp",
        "messages_total": 4,
        "person": "Alex",
        "sent": 2,
        "received": 2,
        "calls_outgoing": 0,
        "calls_incoming": 0,
        "calls_missed": 1,
        "first_contact": "2026-01-14T09:01:00+01:00",
        "last_contact": "2026-01-16T23:59:00+01:00",
        "last_sent": "2026-01-15T21:30:00+01:00",
        "last_received": "2026-01-16T23:59:00+01:00",
        "skipped": 0,
        "skipped_rows": [],
        "imported": 0,
        "conversations": 0,  # Sam answered a day and a half later: no conversation
        "already_logged": 0,
    }
    assert json.loads(run(scratch_env, "plan", "list", "--json").stdout)["plans"] == []

    done = json.loads(run(scratch_env, "import", path, "--person", "Alex", "--tz", "Europe/Berlin", "--json").stdout)
    assert done["imported"] == 5
    plan = json.loads(run(scratch_env, "plan", "list", "--json").stdout)["plans"][0]
    assert (plan["name"], plan["mode"], plan["since"], plan["tz"]) == (
        "Alex",
        "strict",
        "2026-01-16T23:59:00+01:00",
        "Europe/Berlin",
    )
    status = json.loads(run(scratch_env, "status", "Alex", "--json").stdout)["plans"][0]
    assert status["slips"] == 0  # everything imported is up to the start: the last contact

    preview = run(scratch_env, "import", path, "--person", "Alex", "--dry-run").stdout
    assert "this would add 0 new entries" in preview
    assert "Nothing was written" in preview
    again = json.loads(run(scratch_env, "import", path, "--person", "Alex", "--json").stdout)
    assert again["imported"] == 0
    assert again["first_contact"] == "2026-01-14T09:01:00+01:00"  # the plan's zone, without --tz


def test_every_format_through_the_command(scratch_env, tmp_path):
    cases = [
        ("result.json", exports.telegram_single(), "Alex", {"format": "telegram", "sent": 1, "calls_missed": 1}),
        ("sms.xml", exports.SMS_XML, "Alex", {"format": "sms-xml", "received": 2, "messages_total": 5}),
        ("calls.xml", exports.CALLS_XML, "Alex", {"format": "calls-xml", "calls_incoming": 1, "calls_missed": 2}),
        ("message_1.json", exports.meta_thread(), "Zoë", {"format": "messenger", "received": 1}),
        ("_chat.txt", exports.WHATSAPP_IOS, "Alex", {"format": "whatsapp", "calls_outgoing": 1}),
    ]
    for name, data, person, expected in cases:
        out = json.loads(
            run(
                scratch_env,
                "import",
                _write(tmp_path, name, data),
                "--person",
                person,
                "--tz",
                "UTC",
                "--dry-run",
                "--json",
            ).stdout
        )
        assert {k: out[k] for k in expected} == expected, name
        assert out["last_contact"].endswith("+00:00")


def test_a_zipped_whatsapp_export(scratch_env, tmp_path):
    path = tmp_path / "WhatsApp Chat - Alex.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("_chat.txt", exports.WHATSAPP_IOS)
    out = json.loads(run(scratch_env, "import", str(path), "--person", "Alex", "--tz", "UTC", "--json").stdout)
    assert out["imported"] == 5


def test_groups_need_me_to_count_my_own_messages(scratch_env, tmp_path):
    path = _write(tmp_path, "WhatsApp Chat with Book club.txt", exports.WHATSAPP_GROUP)
    plain = json.loads(
        run(scratch_env, "import", path, "--person", "Alex", "--tz", "UTC", "--dry-run", "--json").stdout
    )
    assert (plain["sent"], plain["received"], plain["last_sent"]) == (0, 2, None)
    refused = run(scratch_env, "import", path, "--person", "Alex", "--group-counts", "--dry-run", check=False)
    assert refused.returncode == 2
    assert "--me" in refused.stderr
    counted = json.loads(
        run(
            scratch_env,
            "import",
            path,
            "--person",
            "Alex",
            "--group-counts",
            "--me",
            "Sam",
            "--tz",
            "UTC",
            "--dry-run",
            "--json",
        ).stdout
    )
    assert counted["sent"] == 1


def test_date_order_when_the_file_cannot_tell(scratch_env, tmp_path):
    path = _write(tmp_path, "chat.txt", exports.WHATSAPP_AMBIGUOUS)
    refused = run(scratch_env, "import", path, "--person", "Alex", "--dry-run", check=False)
    assert refused.returncode == 2
    assert "--date-order" in refused.stderr
    mdy = json.loads(
        run(
            scratch_env, "import", path, "--person", "Alex", "--tz", "UTC", "--date-order", "mdy", "--dry-run", "--json"
        ).stdout
    )
    assert mdy["first_contact"] == "2026-03-04T10:00:00+00:00"


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("broken.xml", exports.SMS_XML[:250], "XML"),
        ("result.json", b'{"messages": [{"type": "message", "date": "yesterday"', "isn't"),
        ("photo.txt", bytes(range(256)) * 40, "WhatsApp"),
    ],
)
def test_a_broken_file_exits_2_and_imports_nothing(scratch_env, tmp_path, name, data, words):
    result = run(scratch_env, "import", _write(tmp_path, name, data), "--person", "Alex", "--json", check=False)
    assert result.returncode == 2
    assert result.stdout == ""
    assert words in result.stderr
    assert "nothing was taken from it" in result.stderr
    assert json.loads(run(scratch_env, "plan", "list", "--json").stdout)["plans"] == []


def test_a_missing_file_and_a_wrong_format_are_clear(scratch_env, tmp_path):
    missing = run(scratch_env, "import", str(tmp_path / "nope.txt"), "--person", "Alex", check=False)
    assert missing.returncode == 2
    assert "no file" in missing.stderr
    wrong = run(
        scratch_env,
        "import",
        _write(tmp_path, "c.xml", exports.CALLS_XML),
        "--person",
        "Alex",
        "--format",
        "sms-xml",
        check=False,
    )
    assert wrong.returncode == 2
    assert "<smses>" in wrong.stderr
    assert "--format" in wrong.stderr  # and which choice to try, in the command line's words


def test_a_file_of_another_kind_suggests_the_format_to_choose(scratch_env, tmp_path):
    result = run(scratch_env, "import", _write(tmp_path, "notes.txt", "shopping list\nmilk\n"), "--person", "Alex",
                 check=False)  # fmt: skip
    assert result.returncode == 2
    assert "expected a WhatsApp chat export" in result.stderr
    assert "--format" in result.stderr
