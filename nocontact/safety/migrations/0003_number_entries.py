# Numbers the entries written before the chain. Its own migration: on PostgreSQL, rows updated in the
# migration that adds the self-referencing key leave trigger events pending, and its index cannot be made.

from django.db import migrations


def number_existing_entries(apps, schema_editor):
    """Give entries written before the chain their place in each plan's log, in the order they were entered.

    Their chain hashes need the decrypted details, so the server seals them on the next write or export.
    """
    Incident = apps.get_model("safety", "Incident")
    plan_ids = Incident.objects.order_by().values_list("plan_id", flat=True).distinct()
    for plan_id in plan_ids:
        for number, pk in enumerate(
            Incident.objects.filter(plan_id=plan_id).order_by("created_at", "pk").values_list("pk", flat=True), 1
        ):
            Incident.objects.filter(pk=pk).update(number=number)


class Migration(migrations.Migration):
    dependencies = [
        ("safety", "0002_chain"),
    ]

    operations = [
        migrations.RunPython(number_existing_entries, migrations.RunPython.noop),
    ]
