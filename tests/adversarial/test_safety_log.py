"""Issue 14, item 10: the safety log's export must prove what it claims.

A CSV edited and its hash recomputed, a row taken out, a file signed with another key: each is told apart
from what the server exported. Corrections and withdrawals are new entries; the originals are kept.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import os
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.urls import reverse

from conftest import page
from nocontact.cli.main import main
from nocontact.domain.safety_chain import GENESIS, ChainEntry, link
from nocontact.plans.services import plan_create, plan_delete
from nocontact.safety import signing
from nocontact.safety.models import Incident
from nocontact.safety.services import incident_correct, incident_record, incident_withdraw
from tests.test_cli import run

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
pytestmark = pytest.mark.usefixtures("pinned")


@pytest.fixture
def pinned():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def kit(alice):
    return plan_create(
        user=alice, name="Kit", mode="safety", started_at=NOW - timedelta(days=90), tz="Europe/London", now=NOW
    )


def _log(plan, *details):
    return [
        incident_record(
            plan=plan, at=NOW - timedelta(days=30 - n), kind="message", channel="text", details=text, now=NOW
        )
        for n, text in enumerate(details)
    ]


def _csv(client, plan) -> bytes:
    return client.get(reverse("safety:log_csv", args=[plan.public_id])).content


def _verify(tmp_path, data: bytes, capsys, *extra: str, name: str = "record.csv") -> tuple[int, str]:
    path = tmp_path / name
    path.write_bytes(data)
    code = main(["verify-export", str(path), *extra])
    out = capsys.readouterr()
    return code, (out.out + out.err).strip()


def _rows(data: bytes) -> list[list[str]]:
    """The CSV's rows without its signature line."""
    return [row for row in csv.reader(io.StringIO(data.decode("utf-8"), newline="")) if not row[0].startswith("#")]


def _write(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def _rechain(rows: list[list[str]]) -> list[list[str]]:
    """What someone who read the docs would do after editing: recompute every chain hash."""
    head, *body = rows
    col = {name: head.index(name) for name in head}
    previous = GENESIS
    for row in body:
        refers = row[col["refers_to"]]
        item = ChainEntry(
            entry=int(row[col["entry"]]),
            action=row[col["action"]],
            refers_to=int(refers) if refers else None,
            at_utc=row[col["at_utc"]],
            kind=row[col["kind"]],
            channel=row[col["channel"]],
            details=row[col["details"]],
            entered_at_utc=row[col["entered_at_utc"]],
            nonce=row[col["nonce"]],
        )
        row[col["chain_sha256"]] = previous = link(previous, item)
    return [head, *body]


def _signature_line(data: bytes) -> bytes:
    return data[data.rstrip(b"\r\n").rfind(b"\n") + 1 :]


def test_an_untouched_export_verifies(alice_client, kit, tmp_path, capsys):
    _log(kit, "Forty texts in an hour.", "Called from a hidden number.")
    code, said = _verify(tmp_path, _csv(alice_client, kit), capsys)
    assert code == 0, said
    assert said.startswith("Intact and signed by this server's key")
    assert "2 entries" in said


def test_details_of_any_shape_survive_the_csv_and_verify(alice_client, kit, tmp_path, capsys):
    _log(
        kit,
        'He said "never", then, quietly:\r\nyou\'ll see.',
        "Line one\rline two\n\n",
        "Zoë · 你好 · مرحبا 😶",
        "=1+1",
    )
    code, said = _verify(tmp_path, _csv(alice_client, kit), capsys)
    assert code == 0, said


def test_a_time_with_no_utc_form_is_refused_not_a_500(api, kit):
    url = f"/api/v1/plans/{kit.public_id}/safety-log"
    made = api.post(url, {"at": "0001-01-01T00:00:00+14:00", "kind": "threat", "channel": "call"}, "application/json")
    assert made.status_code == 400
    assert made.json()["error"]["fields"]["at"]
    assert not Incident.objects.exists()


def test_editing_the_csv_and_recomputing_the_hash_is_detected(alice_client, kit, tmp_path, capsys):
    _log(kit, "Forty texts in an hour.", "Called from a hidden number.")
    original = _csv(alice_client, kit)
    rows = _rows(original)
    rows[1][rows[0].index("details")] = "Four texts in an hour."

    # Edited, nothing recomputed: the chain shows which entry.
    code, said = _verify(tmp_path, _write(rows) + _signature_line(original), capsys)
    assert code == 1
    assert "entry 1 does not follow" in said

    # Edited, every chain hash and the file's SHA-256 recomputed, as the old docs invited: still refused.
    forged = _write(_rechain(rows)) + _signature_line(original)
    assert hashlib.sha256(forged).hexdigest() != hashlib.sha256(original).hexdigest()
    code, said = _verify(tmp_path, forged, capsys)
    assert code == 1
    assert said.startswith("Altered: the signature does not match")


def test_a_removed_row_is_detected(alice_client, kit, tmp_path, capsys):
    _log(kit, "One.", "Two.", "Three.")
    original = _csv(alice_client, kit)
    rows = _rows(original)

    code, said = _verify(tmp_path, _write([rows[0], rows[1], rows[3]]) + _signature_line(original), capsys)
    assert code == 1
    assert "entry 2 does not follow" in said
    # The last row removed leaves a chain that still adds up: the signature is what catches it.
    code, said = _verify(tmp_path, _write(rows[:3]) + _signature_line(original), capsys)
    assert code == 1
    assert "signature does not match" in said
    # The signature line removed too: not a signed export any more.
    code, said = _verify(tmp_path, _write(rows[:3]), capsys)
    assert code == 1
    assert "no nocontact signature" in said


def test_a_signature_from_another_key_is_refused(alice_client, kit, tmp_path, capsys):
    _log(kit, "Forty texts in an hour.")
    original = _csv(alice_client, kit)
    rows = _rows(original)
    rows[1][rows[0].index("details")] = "Nothing happened."
    body = _write(_rechain(rows))
    other = Ed25519PrivateKey.generate()
    other_public = signing.public_bytes(other.public_key())
    line = (
        b"#"
        + signing.TAG
        + base64.b64encode(other_public)
        + b" "
        + base64.b64encode(other.sign(signing.CONTEXT + body))
        + b"\r\n"
    )
    code, said = _verify(tmp_path, body + line, capsys)
    assert code == 1
    assert said.startswith("Not verified: the signature is intact, but made with key")
    assert signing.fingerprint(other_public) in said

    # Against the key the person noted from the safety log page: the forgery fails, the original passes.
    ours = base64.b64encode(signing.server_public_key() or b"").decode()
    assert ours in page(alice_client.get(reverse("safety:log", args=[kit.public_id])))
    code, said = _verify(tmp_path, body + line, capsys, "--public-key", ours)
    assert code == 1
    assert "not the key you gave" in said
    code, said = _verify(tmp_path, original, capsys, "--public-key", ours)
    assert code == 0
    assert "signed by the key you gave" in said
    fingerprint = signing.fingerprint(signing.server_public_key() or b"")
    assert _verify(tmp_path, original, capsys, "--public-key", fingerprint)[0] == 0
    code, said = _verify(tmp_path, original, capsys, "--public-key", "not a key")
    assert code == 2
    assert "--public-key needs" in said


def test_corrections_keep_the_original(alice_client, kit, tmp_path, capsys):
    (first,) = _log(kit, "Forty texts in an hour.")
    later = NOW + timedelta(days=2)
    with time_machine.travel(later, tick=False):
        fixed = incident_correct(
            incident=first, at=first.at, kind="threat", channel="call", details="Forty texts and a threat.", now=later
        )
        withdrawn = incident_withdraw(incident=fixed, now=later)
    assert Incident.objects.count() == 3
    first.refresh_from_db()
    assert (first.kind, first.details, first.created_at) == ("message", "Forty texts in an hour.", NOW)
    assert (fixed.refers_to, fixed.created_at) == (first, later)
    assert withdrawn.refers_to == fixed
    assert withdrawn.action == "withdraw"

    data = _csv(alice_client, kit)
    rows = _rows(data)
    col = {name: rows[0].index(name) for name in rows[0]}
    assert [(r[col["entry"]], r[col["status"]], r[col["action"]], r[col["refers_to"]]) for r in rows[1:]] == [
        ("1", "corrected", "record", ""),
        ("2", "withdrawn", "correct", "1"),
        ("3", "withdrawal", "withdraw", "2"),
    ]
    assert rows[1][col["details"]] == "Forty texts in an hour."
    assert rows[1][col["entered_at_utc"]] == "2026-06-01T12:00:00+00:00"
    assert rows[2][col["entered_at_utc"]] == "2026-06-03T12:00:00+00:00"
    assert _verify(tmp_path, data, capsys)[0] == 0

    body = page(alice_client.get(reverse("safety:log", args=[kit.public_id])))
    assert "Before it was corrected" in body
    assert "Forty texts in an hour." in body
    assert "Withdrawn" in body


def test_the_pdf_is_signed_too(alice_client, kit, tmp_path, capsys):
    _log(kit, "Forty texts in an hour.")
    pdf = alice_client.get(reverse("safety:log_pdf", args=[kit.public_id])).content
    assert pdf.startswith(b"%PDF")
    code, said = _verify(tmp_path, pdf, capsys, name="record.pdf")
    assert code == 0, said
    assert said.startswith("Intact and signed by this server's key"), said
    changed = pdf.replace(b"/Title (", b"/Title (X", 1) if b"/Title (" in pdf else pdf[:200] + b" " + pdf[201:]
    assert changed != pdf
    code, said = _verify(tmp_path, changed, capsys, name="record.pdf")
    assert code == 1
    assert said.startswith("Altered")
    code, said = _verify(tmp_path, pdf[: -len(_signature_line(pdf))], capsys, name="record.pdf")
    assert code == 1
    assert "no nocontact signature" in said


def test_a_row_changed_in_the_database_breaks_the_chain_of_the_next_export(alice_client, kit, tmp_path, capsys):
    """What the chain adds to the signature: rows rewritten on the server without the chain show."""
    first, _second = _log(kit, "Forty texts in an hour.", "Called from a hidden number.")
    first.details = "Nothing much."
    Incident.objects.filter(pk=first.pk).update(details_encrypted=first.details_encrypted)
    code, said = _verify(tmp_path, _csv(alice_client, kit), capsys)
    assert code == 1
    assert "entry 1 does not follow" in said


def test_entries_from_before_the_chain_are_sealed_on_export(alice_client, kit, tmp_path, capsys):
    _log(kit, "One.", "Two.")
    Incident.objects.update(chain_hash="")
    assert _verify(tmp_path, _csv(alice_client, kit), capsys)[0] == 0
    assert all(len(h) == 64 for h in Incident.objects.values_list("chain_hash", flat=True))


def test_a_stored_chain_hash_does_not_confirm_a_guess_of_the_details(kit):
    (entry,) = _log(kit, "He hit me.")
    guess = ChainEntry(
        entry=1,
        action="record",
        refers_to=None,
        at_utc=entry.at.astimezone(UTC).isoformat(),
        kind="message",
        channel="text",
        details="He hit me.",
        entered_at_utc=NOW.isoformat(),
        nonce="",
    )
    assert link(GENESIS, guess) != entry.chain_hash
    assert entry.nonce
    assert entry.nonce not in entry.nonce_encrypted
    assert link(GENESIS, ChainEntry(**{**guess.__dict__, "nonce": entry.nonce})) == entry.chain_hash


def test_the_signing_key_is_private_and_made_once(alice_client, kit):
    _csv(alice_client, kit)
    path = signing.key_path()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert _csv(alice_client, kit) == _csv(alice_client, kit)  # the same entries, the same bytes


def test_deleting_the_plan_still_erases_every_entry(alice, kit):
    (first,) = _log(kit, "One.")
    fixed = incident_correct(incident=first, at=first.at, kind="threat", channel="call", details="Two.", now=NOW)
    incident_withdraw(incident=fixed, now=NOW)
    plan_delete(plan=kit)
    assert not Incident.objects.exists()


def test_verify_export_with_no_file_is_a_usage_error(tmp_path, capsys, db):
    code, said = _verify(tmp_path, b"", capsys)
    assert code == 1
    assert "no nocontact signature" in said
    assert main(["verify-export", str(tmp_path / "missing.csv")]) == 2
    assert "cannot read" in capsys.readouterr().err


@pytest.mark.e2e
def test_the_safety_log_and_its_exports_from_the_terminal(scratch_env, tmp_path):
    run(scratch_env, "plan", "add", "R", "--since", "2026-01-01T09:00", "--tz", "UTC", "--mode", "safety")
    add = ("safety-log", "R", "--add", "--kind", "turned_up", "--channel", "in_person", "--at")
    run(scratch_env, *add, "2026-02-03T18:30", stdin="Outside the gym.")
    run(scratch_env, *add, "2026-02-04T18:30", stdin="Outside my door.")
    entries = run(scratch_env, "safety-log", "R", "--json").stdout
    first, second = json.loads(entries)["entries"]
    fixed = run(scratch_env, "safety-log", "R", "--correct", first["id"], "--details", "Outside the gym, 18:30.")
    assert "earlier version stays" in fixed.stdout
    run(scratch_env, "safety-log", "R", "--withdraw", second["id"])
    listed = json.loads(run(scratch_env, "safety-log", "R", "--json").stdout)["entries"]
    assert [(e["entry"], e["action"], e["status"], e["refers_to"]) for e in listed] == [
        (1, "record", "corrected", None),
        (2, "record", "withdrawn", None),
        (3, "correct", "current", 1),
        (4, "withdraw", "withdrawal", 2),
    ]
    assert listed[0]["details"] == "Outside the gym."
    assert listed[2]["details"] == "Outside the gym, 18:30."
    stale = run(scratch_env, "safety-log", "R", "--correct", first["id"], "--details", "x", check=False)
    assert stale.returncode == 2
    assert "corrected since" in stale.stderr

    csv_file, pdf_file = tmp_path / "record.csv", tmp_path / "record.pdf"
    run(scratch_env, "safety-log", "R", "--export", str(csv_file))
    run(scratch_env, "safety-log", "R", "--export", str(pdf_file))
    key_file = Path(scratch_env["NOCONTACT_DATA_DIR"]) / "signing.key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    for path in (csv_file, pdf_file):
        ok = run(scratch_env, "verify-export", str(path))
        assert ok.stdout.startswith("Intact and signed by this server's key")
        assert ok.stderr == ""
    assert "4 entries" in run(scratch_env, "verify-export", str(csv_file)).stdout

    csv_file.write_bytes(csv_file.read_bytes().replace(b"Outside my door.", b"Nowhere near me."))
    altered = run(scratch_env, "verify-export", str(csv_file), check=False)
    assert altered.returncode == 1
    assert altered.stdout.startswith("Altered")
    missing = run(scratch_env, "verify-export", str(tmp_path / "nope.csv"), check=False)
    assert missing.returncode == 2
    assert missing.stderr.count("\n") == 1
    # Another server (another data folder, another key) cannot vouch for this file.
    elsewhere = scratch_env | {"NOCONTACT_DATA_DIR": str(tmp_path / "elsewhere")}
    other = run(elsewhere, "verify-export", str(pdf_file), check=False)
    assert other.returncode == 1
    assert "never signed an export" in other.stdout


def test_the_data_download_tells_a_record_from_a_correction_and_a_withdrawal(alice_client, kit):
    _first, second, third = _log(kit, "kept as it was", "got the day wrong", "not them after all")
    incident_correct(
        incident=second,
        at=second.at - timedelta(days=1),
        kind="message",
        channel="text",
        details="the day before",
        now=NOW,
    )
    incident_withdraw(incident=third, now=NOW)

    response = alice_client.get(reverse("accounts:export"))
    assert response.status_code == 200
    (plan,) = json.loads(response.content)["plans"]
    log = plan["safety_log"]
    seen = [(row["entry"], row["action"], row["refers_to"], row["status"], row["details"]) for row in log]
    assert seen == [
        (1, "record", None, "current", "kept as it was"),
        (2, "record", None, "corrected", "got the day wrong"),
        (3, "record", None, "withdrawn", "not them after all"),
        (4, "correct", 2, "current", "the day before"),
        (5, "withdraw", 3, "withdrawal", ""),
    ]
    # The same chain as the signed export's, so a reader can match the two files row by row.
    stored = dict(Incident.objects.filter(plan=kit).values_list("number", "chain_hash"))
    assert [row["chain_hash"] for row in log] == [stored[n] for n in range(1, 6)]
    assert all(len(row["chain_hash"]) == 64 for row in log)
