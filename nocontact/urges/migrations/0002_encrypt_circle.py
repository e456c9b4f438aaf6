"""Encrypt the support circle and the things that help, which were stored as plain text.

Adds the encrypted columns and fills them from the plain ones; 0003 drops the plain ones (a separate
migration, so PostgreSQL never alters a table in the transaction that updated its rows).
"""

from typing import Any

from django.db import migrations, models

from nocontact import crypto

PERSON_FIELDS = ("name", "phone", "email", "message", "notify_url")


def _owner(apps: Any, cache: dict[int, crypto.StoredOwner], user_id: int) -> crypto.StoredOwner:
    if user_id not in cache:
        cache[user_id] = crypto.StoredOwner(apps.get_model("accounts", "User").objects.get(pk=user_id))
    return cache[user_id]


def encrypt(apps: Any, schema_editor: Any) -> None:
    owners: dict[int, crypto.StoredOwner] = {}
    for person in apps.get_model("urges", "SupportPerson").objects.order_by("pk").iterator():
        owner = _owner(apps, owners, person.user_id)
        for field in PERSON_FIELDS:
            token = crypto.encrypt_text(
                owner, table="support_person", field=field, row=person.public_id, text=getattr(person, field)
            )
            setattr(person, f"{field}_encrypted", token)
        person.save(update_fields=[f"{f}_encrypted" for f in PERSON_FIELDS])
    for helper in apps.get_model("urges", "Helper").objects.order_by("pk").iterator():
        owner = _owner(apps, owners, helper.user_id)
        helper.text_encrypted = crypto.encrypt_text(
            owner, table="helper", field="text", row=helper.public_id, text=helper.text
        )
        helper.save(update_fields=["text_encrypted"])


def decrypt(apps: Any, schema_editor: Any) -> None:
    owners: dict[int, crypto.StoredOwner] = {}
    for person in apps.get_model("urges", "SupportPerson").objects.order_by("pk").iterator():
        owner = _owner(apps, owners, person.user_id)
        for field in PERSON_FIELDS:
            text = crypto.decrypt_text(
                owner,
                table="support_person",
                field=field,
                row=person.public_id,
                token=getattr(person, f"{field}_encrypted"),
            )
            setattr(person, field, text)
        person.save(update_fields=list(PERSON_FIELDS))
    for helper in apps.get_model("urges", "Helper").objects.order_by("pk").iterator():
        owner = _owner(apps, owners, helper.user_id)
        helper.text = crypto.decrypt_text(
            owner, table="helper", field="text", row=helper.public_id, token=helper.text_encrypted
        )
        helper.save(update_fields=["text"])


class Migration(migrations.Migration):
    dependencies = [
        ("urges", "0001_initial"),
        ("accounts", "0002_safeguards"),
    ]

    operations = [
        *[
            migrations.AddField(
                model_name="supportperson",
                name=f"{field}_encrypted",
                field=models.TextField(blank=True, default=""),
            )
            for field in PERSON_FIELDS
        ],
        migrations.AddField(
            model_name="helper",
            name="text_encrypted",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.RunPython(encrypt, decrypt),
    ]
