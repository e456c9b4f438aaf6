"""The boundaries' table takes this app's name: a rename, so every row stays (SQLite and PostgreSQL alike)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("boundaries", "0001_initial"),
        ("plans", "0008_boundaries_and_imports_move_out"),
    ]

    operations = [
        migrations.AlterModelTable(name="planboundaries", table=None),
    ]
