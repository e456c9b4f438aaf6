"""The batches' table takes this app's name: a rename, so every row stays, and the contact log's references
to it follow the table (SQLite 3.26+ and PostgreSQL both carry foreign keys across a rename)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("imports", "0001_initial"),
        ("plans", "0008_boundaries_and_imports_move_out"),
    ]

    operations = [
        migrations.AlterModelTable(name="importbatch", table=None),
    ]
