"""Drop the plain-text copies of a plan's boundary topics (0005 encrypted them)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0005_encrypt_boundaries"),
    ]

    operations = [
        migrations.RemoveField(model_name="planboundaries", name="topics"),
        migrations.RemoveField(model_name="planboundaries", name="own_topics"),
    ]
