"""Boundaries and import batches now live in their own apps (boundaries, imports). Only Django's picture of
the models changes here: no table is dropped, and the contact log's link to its import batch is the same
column, now pointing at the imports app's model."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0007_importbatch_summary_encrypted"),
        ("boundaries", "0001_initial"),
        ("imports", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="contact",
                    name="batch",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="contacts",
                        to="imports.importbatch",
                    ),
                ),
                migrations.DeleteModel(name="ImportBatch"),
                migrations.DeleteModel(name="PlanBoundaries"),
            ],
            database_operations=[],
        ),
    ]
