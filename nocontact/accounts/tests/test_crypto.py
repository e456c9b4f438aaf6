"""Reasons and notes are never stored in plaintext, and a ciphertext only opens where it belongs."""

from __future__ import annotations

import pytest
from django.db import connection

from nocontact import crypto
from nocontact.plans import services
from nocontact.plans.models import Contact, Plan


def raw_column(table: str, column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_reason_and_note_are_encrypted_in_the_database(alice_contact):
    plan = alice_contact.plan
    stored_reason = raw_column("plans_plan", "reason_encrypted", plan.pk)
    stored_note = raw_column("plans_contact", "note_encrypted", alice_contact.pk)
    assert stored_reason.startswith("v1:")
    assert "evenings" not in stored_reason
    assert stored_note.startswith("v1:")
    assert "dog" not in stored_note
    assert Plan.objects.get(pk=plan.pk).reason == "My evenings are mine again."
    assert Contact.objects.select_related("plan__user").get(pk=alice_contact.pk).note == "I said I missed the dog."


def test_a_ciphertext_moved_to_another_row_does_not_open(alice_contact, now):
    plan = alice_contact.plan
    other = services.contact_log(plan=plan, at=alice_contact.at, channel="call", direction="incoming", now=now)
    Contact.objects.filter(pk=other.pk).update(note_encrypted=alice_contact.note_encrypted)
    moved = Contact.objects.select_related("plan__user").get(pk=other.pk)
    with pytest.raises(crypto.DecryptionError):
        _ = moved.note


def test_a_ciphertext_moved_to_another_user_does_not_open(alice_plan, bob, now):
    bobs = services.plan_create(user=bob, name="Sam", started_at=alice_plan.started_at, tz="UTC", now=now)
    # Same public id and field, different owner: still refused.
    Plan.objects.filter(pk=bobs.pk).update(reason_encrypted=alice_plan.reason_encrypted)
    Plan.objects.filter(pk=alice_plan.pk).update(public_id="temp-a")
    Plan.objects.filter(pk=bobs.pk).update(public_id=alice_plan.public_id)
    moved = Plan.objects.select_related("user").get(pk=bobs.pk)
    with pytest.raises(crypto.DecryptionError):
        _ = moved.reason


def test_a_damaged_ciphertext_does_not_open(alice_plan):
    token = alice_plan.reason_encrypted
    Plan.objects.filter(pk=alice_plan.pk).update(reason_encrypted=token[:-4] + "AAAA")
    with pytest.raises(crypto.DecryptionError):
        _ = Plan.objects.select_related("user").get(pk=alice_plan.pk).reason


def test_user_keys_are_stored_wrapped_and_name_their_master_key(alice_plan):
    alice = alice_plan.user
    alice.refresh_from_db()
    assert alice.wrapped_key.startswith(crypto.key_id(crypto.master_key()) + ":v1:")
    assert crypto.master_key() not in alice.wrapped_key.encode()


def test_two_copies_of_a_new_user_agree_on_one_data_key(alice, now):
    """Two requests at once for someone with no key yet must not each make their own."""
    from nocontact.accounts.models import User

    first, second = User.objects.get(pk=alice.pk), User.objects.get(pk=alice.pk)
    a = crypto.encrypt_text(first, table="t", field="f", row="r1", text="from the first")
    b = crypto.encrypt_text(second, table="t", field="f", row="r2", text="from the second")
    fresh = User.objects.get(pk=alice.pk)
    assert crypto.decrypt_text(fresh, table="t", field="f", row="r1", token=a) == "from the first"
    assert crypto.decrypt_text(fresh, table="t", field="f", row="r2", token=b) == "from the second"
