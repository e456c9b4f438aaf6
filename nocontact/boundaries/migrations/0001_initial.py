"""Minimal contact moves out of the plans app. Only Django's picture of the models changes here: the table
and every row in it stay as they are (0002 then gives the table this app's name)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("plans", "0007_importbatch_summary_encrypted"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PlanBoundaries",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("topics_encrypted", models.TextField(blank=True, default="")),
                        ("own_topics_encrypted", models.TextField(blank=True, default="")),
                        ("channels", models.JSONField(blank=True, default=list)),
                        ("days", models.JSONField(blank=True, default=list)),
                        ("start_hour", models.PositiveSmallIntegerField(blank=True, null=True)),
                        ("end_hour", models.PositiveSmallIntegerField(blank=True, null=True)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        (
                            "plan",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE, related_name="boundaries", to="plans.plan"
                            ),
                        ),
                    ],
                    options={"db_table": "plans_planboundaries"},
                ),
            ],
            database_operations=[],
        ),
    ]
