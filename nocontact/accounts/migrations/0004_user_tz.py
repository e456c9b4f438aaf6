from django.db import migrations, models


def from_first_plan(apps, schema_editor):
    """Until now a person's days were counted in their first plan's zone: keep it as their account's zone."""
    User = apps.get_model("accounts", "User")
    Plan = apps.get_model("plans", "Plan")
    for user in User.objects.filter(tz="").only("pk").iterator():
        tz = Plan.objects.filter(user_id=user.pk).order_by("created_at", "pk").values_list("tz", flat=True).first()
        if tz:
            User.objects.filter(pk=user.pk).update(tz=tz)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_sessions_devices_access"),
        ("plans", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="tz",
            field=models.CharField(blank=True, default="", max_length=64),
        ),
        migrations.RunPython(from_first_plan, migrations.RunPython.noop),
    ]
