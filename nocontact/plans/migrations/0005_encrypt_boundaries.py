"""Encrypt a plan's boundary topics (built-in names, and the person's own topics and words).

Adds the encrypted columns and fills them from the plain ones; 0006 drops the plain ones (a separate
migration, so PostgreSQL never alters a table in the transaction that updated its rows).
"""

import json
from typing import Any

from django.db import migrations, models

from nocontact import crypto

FIELDS = ("topics", "own_topics")


def _rows(apps: Any) -> Any:
    return apps.get_model("plans", "PlanBoundaries").objects.select_related("plan__user").order_by("pk").iterator()


def encrypt(apps: Any, schema_editor: Any) -> None:
    owners: dict[int, crypto.StoredOwner] = {}
    for row in _rows(apps):
        owner = owners.setdefault(row.plan.user_id, crypto.StoredOwner(row.plan.user))
        for field in FIELDS:
            value = getattr(row, field)
            text = json.dumps(value, ensure_ascii=False, separators=(",", ":")) if value else ""
            token = crypto.encrypt_text(owner, table="plan_boundaries", field=field, row=row.plan.public_id, text=text)
            setattr(row, f"{field}_encrypted", token)
        row.save(update_fields=[f"{f}_encrypted" for f in FIELDS])


def decrypt(apps: Any, schema_editor: Any) -> None:
    owners: dict[int, crypto.StoredOwner] = {}
    for row in _rows(apps):
        owner = owners.setdefault(row.plan.user_id, crypto.StoredOwner(row.plan.user))
        for field, empty in (("topics", list), ("own_topics", dict)):
            token = getattr(row, f"{field}_encrypted")
            text = crypto.decrypt_text(owner, table="plan_boundaries", field=field, row=row.plan.public_id, token=token)
            setattr(row, field, json.loads(text) if text else empty())
        row.save(update_fields=list(FIELDS))


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0004_slip_index_covers_channel"),
        ("accounts", "0002_safeguards"),
    ]

    operations = [
        migrations.AddField(
            model_name="planboundaries",
            name="topics_encrypted",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.AddField(
            model_name="planboundaries",
            name="own_topics_encrypted",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.RunPython(encrypt, decrypt),
    ]
