"""Drop the plain-text copies of the circle and the things that help (0002 encrypted them)."""

from django.db import migrations, models

PERSON_FIELDS = ("name", "phone", "email", "message", "notify_url")


class Migration(migrations.Migration):
    dependencies = [
        ("urges", "0002_encrypt_circle"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="supportperson",
            options={"ordering": ["created_at", "pk"]},
        ),
        # A default first, so that rolling back can add the columns again to a table that has rows.
        migrations.AlterField(
            model_name="supportperson", name="name", field=models.CharField(max_length=80, default="")
        ),
        migrations.AlterField(model_name="helper", name="text", field=models.CharField(max_length=120, default="")),
        *[migrations.RemoveField(model_name="supportperson", name=field) for field in PERSON_FIELDS],
        migrations.RemoveField(model_name="helper", name="text"),
    ]
