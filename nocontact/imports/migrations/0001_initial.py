"""Import batches move from the plans app to this one. Only Django's picture of the models changes here: the
table and every row in it stay as they are (0002 then gives the table this app's name). The batches' earlier
history (plans 0003 and 0007) stays where it ran, in the plans app's migrations."""

import django.db.models.deletion
from django.db import migrations, models

import nocontact.ids


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("plans", "0007_importbatch_summary_encrypted"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ImportBatch",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        (
                            "public_id",
                            models.CharField(
                                default=nocontact.ids.new_public_id, editable=False, max_length=16, unique=True
                            ),
                        ),
                        ("created_at", models.DateTimeField()),
                        ("format", models.CharField(max_length=20)),
                        ("file_name_encrypted", models.TextField()),
                        ("file_sha256", models.CharField(max_length=64)),
                        (
                            "status",
                            models.CharField(
                                choices=[("preview", "Previewed"), ("done", "Imported"), ("undone", "Undone")],
                                default="preview",
                                max_length=10,
                            ),
                        ),
                        ("summary_encrypted", models.TextField(blank=True, default="")),
                        ("pending_encrypted", models.TextField(blank=True, default="")),
                        ("added", models.PositiveIntegerField(default=0)),
                        ("finished_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "plan",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE, related_name="imports", to="plans.plan"
                            ),
                        ),
                    ],
                    options={"ordering": ["-created_at", "-pk"], "db_table": "plans_importbatch"},
                ),
            ],
            database_operations=[],
        ),
    ]
