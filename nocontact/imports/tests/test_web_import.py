"""Import on the web: upload, preview with the figures' change, import, re-import adds nothing, undo."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import page
from nocontact.imports.models import ImportBatch
from nocontact.plans.models import Contact
from nocontact.plans.services import plan_create
from tests.data import exports


@pytest.fixture
def plan(alice):
    return plan_create(
        user=alice,
        name="Alex",
        started_at=datetime(2026, 1, 15, 12, 0, tzinfo=UTC),
        tz="Europe/London",
        now=datetime.now(UTC),
    )


def _upload(client, plan, data, name="WhatsApp Chat with Alex.txt", **fields):
    form = {
        "file": SimpleUploadedFile(name, data if isinstance(data, bytes) else data.encode()),
        "person": "Alex",
        "format": "auto",
    } | fields
    return client.post(reverse("imports:upload", args=[plan.public_id]), form)


def test_upload_preview_import_reimport_and_undo(alice_client, plan):
    response = _upload(alice_client, plan, exports.WHATSAPP_ANDROID_DMY)
    assert response.status_code == 302, page(response)
    batch = ImportBatch.objects.get()
    assert batch.status == "preview"
    assert not Contact.objects.exists()
    assert "Alex" not in batch.file_name_encrypted
    assert batch.file_name == "WhatsApp Chat with Alex.txt"
    preview = page(alice_client.get(response["Location"]))
    assert "Before anything is written" in preview
    assert 'data-testid="sent">2<' in preview
    # The plan began on 15 January at noon: the deleted message that evening was sent after, a slip.
    assert 'data-testid="after-slips">1<' in preview
    alice_client.post(response["Location"], {"action": "import"})
    batch.refresh_from_db()
    assert (batch.status, batch.added) == ("done", 5)
    assert Contact.objects.filter(batch=batch).count() == 5
    detail = page(alice_client.get(reverse("plans:plan_detail", args=[plan.public_id])))
    assert "imported" in detail
    assert "Undo this import" in detail
    assert "WhatsApp Chat with Alex.txt (whatsapp)" in detail
    assert 'data-testid="slips">1<' in detail

    again = _upload(alice_client, plan, exports.WHATSAPP_ANDROID_DMY)
    second = ImportBatch.objects.get(public_id=again["Location"].rstrip("/").split("/")[-1])
    assert 'data-testid="fresh">0<' in page(alice_client.get(again["Location"]))
    alice_client.post(again["Location"], {"action": "import"})
    second.refresh_from_db()
    assert second.added == 0
    assert Contact.objects.count() == 5

    alice_client.post(reverse("imports:undo", args=[batch.public_id]))
    assert not Contact.objects.exists()
    batch.refresh_from_db()
    assert batch.status == "undone"


def test_cancel_writes_nothing(alice_client, plan):
    response = _upload(alice_client, plan, exports.WHATSAPP_ANDROID_DMY)
    alice_client.post(response["Location"], {"action": "cancel"})
    assert not ImportBatch.objects.exists()
    assert not Contact.objects.exists()


def test_a_zip_as_whatsapp_sends_it(alice_client, plan):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("_chat.txt", exports.WHATSAPP_IOS)
        archive.writestr("00000012-PHOTO.jpg", b"\xff\xd8 not really a photo")
    response = _upload(alice_client, plan, buffer.getvalue(), name="WhatsApp Chat - Alex.zip")
    assert response.status_code == 302
    assert ImportBatch.objects.get().summary["calls_outgoing"] == 1


def test_a_broken_file_gets_one_clear_error_and_nothing_is_kept(alice_client, plan):
    response = _upload(alice_client, plan, b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 50, name="photo.png")
    assert response.status_code == 400
    assert "couldn't be imported, and nothing was taken from it" in page(response)
    assert not ImportBatch.objects.exists()


def test_ambiguous_dates_ask_for_the_order(alice_client, plan):
    response = _upload(alice_client, plan, exports.WHATSAPP_AMBIGUOUS)
    assert response.status_code == 400
    (said,) = response.context["form"].errors["date_order"]  # on the field that answers it, routed by its code
    assert "day-first or month-first" in said
    assert "under “Dates in the file”" in said
    assert "--" not in page(response)  # the web names its own field, never the command line's flag
    chosen = _upload(alice_client, plan, exports.WHATSAPP_AMBIGUOUS, date_order="dmy")
    assert chosen.status_code == 302


def test_a_file_over_the_limit_is_refused(alice_client, plan, settings):
    settings.IMPORT_MAX_MB = 0
    response = _upload(alice_client, plan, exports.WHATSAPP_ANDROID_DMY)
    assert response.status_code == 400
    assert "larger than this server accepts" in page(response)


def test_bob_cannot_see_or_undo_alices_imports(alice_client, bob_client, plan):
    response = _upload(alice_client, plan, exports.WHATSAPP_ANDROID_DMY)
    alice_client.post(response["Location"], {"action": "import"})
    batch = ImportBatch.objects.get()
    assert bob_client.get(reverse("imports:preview", args=[batch.public_id])).status_code == 404
    assert bob_client.post(reverse("imports:undo", args=[batch.public_id])).status_code == 404
    assert _upload(bob_client, plan, exports.WHATSAPP_ANDROID_DMY).status_code == 404
    assert Contact.objects.count() == 5


def test_the_preview_reads_local_times_in_words_and_shows_conversations_and_matches(alice_client, plan):
    from pathlib import Path

    from nocontact.plans.services import contact_log

    corpus = Path(__file__).resolve().parents[3] / "tests" / "data" / "exports" / "whatsapp"
    data = (corpus / "WhatsApp Chat with Rowan Pike (en, Android).txt").read_bytes()
    now = datetime.now(UTC)
    texted = datetime(2024, 2, 14, 9, 31, tzinfo=UTC)
    contact_log(plan=plan, at=texted, channel="message", direction="outgoing", now=now)
    response = _upload(alice_client, plan, data, name="WhatsApp Chat with Rowan Pike.txt", person="Rowan Pike")
    assert response.status_code == 302, page(response)
    preview = page(alice_client.get(response["Location"]))
    assert ">Wednesday 14 February 2024, 09:12<" in preview  # the plan's zone (London, winter time)
    assert preview.count("2024-02-14T09:12:00+00:00") == 1  # the raw stamp only in the machine-readable attribute
    assert "<strong>1</strong> of their message you answered within 6 hours" in preview
    assert '<p data-testid="already-logged"><strong>1</strong> of these you had already logged yourself' in preview
    assert 'data-testid="fresh">3<' in preview  # 4 exchanges, one already in the log


def test_the_hours_for_a_conversation_can_be_set_on_the_form(alice_client, plan):
    from pathlib import Path

    corpus = Path(__file__).resolve().parents[3] / "tests" / "data" / "exports" / "whatsapp"
    data = (corpus / "WhatsApp Chat with Rowan Pike (en, Android).txt").read_bytes()
    response = _upload(alice_client, plan, data, person="Rowan Pike", answered_within_hours="0")
    preview = page(alice_client.get(response["Location"]))
    assert "logged as reaching you, whether or not you answered" in preview
