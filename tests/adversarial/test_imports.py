"""Issue 14, imports: no file crashes the reader or takes the memory with it (item 1), a zip that says it
holds less than it does and SMS dates that can't be real (item 7), the import's summary encrypted (item 4).

The memory-bounded cases run `nocontact import` in a process limited to 512 MB of address space and expect
the clear error (exit 2, one sentence naming the limit), not a MemoryError or a kill.
"""

from __future__ import annotations

import io
import json
import resource
import subprocess
import sys
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import nocontact_bin, page
from nocontact.domain.imports.records import ImportFailed
from nocontact.domain.imports.sources import Blob, read
from nocontact.imports.models import ImportBatch
from nocontact.plans.models import Contact
from nocontact.plans.services import plan_create
from tests.data import exports

MEMORY = 512 * 1024 * 1024
KINDS = ["telegram", "telegram-full", "messenger", "instagram"]
TOO_DEEP = "nests more than 64 levels deep"


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run_limited(env, *args) -> subprocess.CompletedProcess[str]:
    """`nocontact ...` in a process that gets 512 MB of address space and no more."""
    return subprocess.run(
        [nocontact_bin(), *args], env=env, capture_output=True, text=True, timeout=300, preexec_fn=_limited
    )


def _refused(result: subprocess.CompletedProcess[str], words: str) -> None:
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr
    assert "MemoryError" not in result.stderr
    error = result.stderr.strip().splitlines()[-1]
    assert error.startswith("nocontact: This file couldn't be imported, and nothing was taken from it")
    assert words in error


def _plans(env) -> list:
    listed = subprocess.run([nocontact_bin(), "plan", "list", "--json"], env=env, capture_output=True, text=True)
    return json.loads(listed.stdout)["plans"]


# --- Item 1 on the command line, under a memory limit ------------------------------------------------


@pytest.mark.e2e
def test_nested_json_is_refused_early_by_the_command_under_a_memory_limit(scratch_env, tmp_path):
    for kind in KINDS:
        name, data = exports.nested(kind)
        path = tmp_path / kind / name
        path.parent.mkdir(parents=True)
        path.write_bytes(data)
        _refused(run_limited(scratch_env, "import", str(path), "--person", "Alex", "--json"), TOO_DEEP)
    assert _plans(scratch_env) == []  # nothing half-written


@pytest.mark.e2e
def test_a_300_mb_line_is_refused_by_the_command_under_a_memory_limit(scratch_env, tmp_path):
    path = tmp_path / "WhatsApp Chat with Alex.txt"
    exports.write_long_line(path, megabytes=300)
    result = run_limited(scratch_env, "import", str(path), "--person", "Alex", "--tz", "UTC")
    _refused(result, "a single line in this file is longer than 16 MB")
    assert "line 2" in result.stderr
    assert _plans(scratch_env) == []


# --- Item 1 on the web: the reader runs in a child process with its own limits ------------------------


@pytest.fixture
def plan(alice):
    return plan_create(
        user=alice,
        name="Alex",
        started_at=datetime(2026, 1, 15, 12, 0, tzinfo=UTC),
        tz="Europe/London",
        now=datetime.now(UTC),
    )


def _upload(client, plan, name: str, data: bytes, person: str = "Alex"):
    form = {"file": SimpleUploadedFile(name.rsplit("/", 1)[-1], data), "person": person, "format": "auto"}
    return client.post(reverse("imports:upload", args=[plan.public_id]), form)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.mark.parametrize("kind", KINDS)
def test_nested_json_uploaded_is_refused_and_the_server_keeps_its_memory(alice_client, plan, kind):
    name, data = exports.nested(kind)
    before = _peak_mb()
    response = _upload(alice_client, plan, name, data)
    assert response.status_code == 400
    assert TOO_DEEP in page(response)
    assert _peak_mb() - before < 100  # the server's own memory (the parse ran elsewhere)
    assert not ImportBatch.objects.exists()
    assert not Contact.objects.exists()


def test_a_long_line_uploaded_is_refused_naming_the_limit(alice_client, plan, settings):
    settings.IMPORT_MAX_FIELD_MB = 1
    data = b"13/01/2026, 08:00 - Alex: hello\n13/01/2026, 08:01 - Sam: " + b"x" * (3 * 1024 * 1024) + b"\n"
    response = _upload(alice_client, plan, "WhatsApp Chat with Alex.txt", data)
    assert response.status_code == 400
    assert "line 2: a single line in this file is longer than 1 MB" in page(response)
    assert not ImportBatch.objects.exists()


def test_a_file_that_needs_more_memory_stops_the_child_not_the_server(alice_client, plan, settings):
    # With the nesting limit lifted, the parser's own cost (the square of the depth) meets the child's limit.
    settings.IMPORT_MAX_DEPTH = 1_000_000
    settings.IMPORT_MEMORY_MB = 512
    name, data = exports.nested("telegram")
    before = _peak_mb()
    response = _upload(alice_client, plan, name, data)
    assert response.status_code == 400
    text = page(response)
    assert "more memory than this server gives one import (512 MB)" in text or "stopped before it was done" in text
    assert "nothing was imported" in text
    assert _peak_mb() - before < 100
    assert not ImportBatch.objects.exists()
    assert not Contact.objects.exists()


def test_a_reader_that_takes_too_long_is_stopped_with_a_clear_message(alice_client, plan, settings, monkeypatch):
    from nocontact.imports import isolated

    settings.IMPORT_TIMEOUT_SECONDS = 1
    monkeypatch.setattr(isolated, "CHILD", (sys.executable, "-c", "import time; time.sleep(60)"))
    response = _upload(alice_client, plan, "WhatsApp Chat with Alex.txt", exports.WHATSAPP_ANDROID_DMY.encode())
    assert response.status_code == 400
    assert "took longer than this server gives one import (1 seconds)" in page(response)
    assert not ImportBatch.objects.exists()


# --- Item 7: a zip that lies about its size; SMS dates that can't be real -----------------------------


def _zip_that_lies() -> bytes:
    return exports.zip_declaring_less("WhatsApp Chat with Alex.txt", exports.WHATSAPP_ANDROID_DMY.encode(), 40)


def test_a_zip_declaring_less_than_it_holds_is_a_clear_error():
    with pytest.raises(ImportFailed, match="this zip archive is damaged: a file in it doesn't match the size"):
        read(Blob("chat.zip", lambda: io.BytesIO(_zip_that_lies())), tz=ZoneInfo("UTC"))


def test_a_zip_declaring_less_than_it_holds_uploaded_is_a_form_error(alice_client, plan):
    response = _upload(alice_client, plan, "chat.zip", _zip_that_lies())
    assert response.status_code == 400
    assert "this zip archive is damaged" in page(response)
    assert not ImportBatch.objects.exists()


def test_impossible_sms_dates_are_skipped_counted_and_named():
    collected = read(Blob("sms.xml", lambda: io.BytesIO(exports.SMS_IMPOSSIBLE_DATES.encode())), tz=ZoneInfo("UTC"))
    assert collected.messages_total == 2
    assert (collected.skipped, collected.skipped_where) == (2, ["<sms> number 2", "<sms> number 3"])


def test_impossible_call_lengths_are_skipped_and_the_rest_kept_with_their_numbers():
    from nocontact.domain.imports.summary import match

    calls = """<calls count="4">
      <call number="+447700900123" duration="99999999999999999999" date="1768381260000" type="2" contact_name="" />
      <call number="+447700900123" duration="-5" date="1768381300000" type="1" contact_name="" />
      <call number="+447700900123" duration=" 30 " date="1768381400000" type="1" contact_name="" />
      <call number="+447700900123" duration="1e3" date="1768381500000" type="2" contact_name="" />
    </calls>"""
    collected = read(Blob("calls.xml", lambda: io.BytesIO(calls.encode())), tz=ZoneInfo("UTC"))
    assert (collected.skipped, collected.skipped_where) == (2, ["<call> number 1", "<call> number 2"])
    summary = match(collected, person="07700 900123", message_channel="text").summary
    assert (summary.calls_incoming, summary.calls_outgoing) == (1, 1)


@pytest.mark.e2e
def test_impossible_sms_dates_are_reported_by_the_command(scratch_env, tmp_path):
    path = tmp_path / "sms.xml"
    path.write_text(exports.SMS_IMPOSSIBLE_DATES)
    result = subprocess.run(
        [nocontact_bin(), "import", str(path), "--person", "+44 7700 900123", "--json"],
        env=scratch_env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["sent"], report["received"], report["imported"]) == (1, 1, 2)
    assert (report["skipped"], report["skipped_rows"]) == (2, ["<sms> number 2", "<sms> number 3"])
    text = subprocess.run(
        [nocontact_bin(), "import", str(path), "--person", "+44 7700 900123", "--dry-run"],
        env=scratch_env,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    assert "Left out 2 damaged row(s) whose time or call length can't be real: <sms> number 2, <sms> number 3." in text


def test_impossible_sms_dates_are_shown_in_the_preview(alice_client, plan):
    response = _upload(alice_client, plan, "sms.xml", exports.SMS_IMPOSSIBLE_DATES.encode(), person="+44 7700 900123")
    assert response.status_code == 302, page(response)
    preview = page(alice_client.get(response["Location"]))
    assert "2 rows of the file were left out" in preview
    assert "<sms> number 2, <sms> number 3" in preview


# --- Item 4: the summary (the person's number) is encrypted at rest ------------------------------------


def test_the_import_summary_is_stored_encrypted_and_still_exported(alice_client, alice, plan):
    from nocontact.registry import user_export

    response = _upload(alice_client, plan, "sms.xml", exports.SMS_XML.encode(), person="+44 7700 900123")
    assert response.status_code == 302, page(response)
    raw = ImportBatch.objects.values_list("summary_encrypted", flat=True).get()
    assert "7700" not in raw
    assert "received" not in raw
    batch = ImportBatch.objects.select_related("plan__user").get()
    assert batch.summary["person"] == "+44 7700 900123"
    assert batch.summary["received"] == 2
    exported = json.dumps(user_export(alice, now=datetime.now(UTC)), ensure_ascii=False)
    assert '"person": "+44 7700 900123"' in exported


@pytest.mark.django_db(transaction=True)
def test_the_data_migration_encrypts_summaries_already_stored():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from nocontact.accounts.services import user_create

    alice = user_create(username="alice", password="a quiet harbour 77")
    plan = plan_create(
        user=alice, name="Alex", started_at=datetime(2026, 1, 1, tzinfo=UTC), tz="UTC", now=datetime.now(UTC)
    )
    before = [("plans", "0006_drop_plain_boundaries")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("plans", "ImportBatch")
    summary = {"format": "sms-xml", "person": "+44 7700 900123", "sent": 1, "imported": 1}
    old.objects.create(
        plan_id=plan.pk, created_at=datetime.now(UTC), format="sms-xml", file_sha256="0" * 64, summary=summary
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())  # through 0007, and on into the imports app

    raw = ImportBatch.objects.values_list("summary_encrypted", flat=True).get()
    assert raw.startswith("v1:")
    assert "7700" not in raw
    assert ImportBatch.objects.select_related("plan__user").get().summary == summary
