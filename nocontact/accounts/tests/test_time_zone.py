"""The person's own time zone is a setting of the account: their first plan's until they choose another."""

from __future__ import annotations

from datetime import UTC, datetime

import time_machine
from django.apps import apps
from django.urls import reverse

from conftest import page
from nocontact.accounts.models import User
from nocontact.plans.services import plan_create

# 20:00 in London is already 09:00 the next morning in Auckland.
EVENING = datetime(2026, 3, 1, 20, 0, tzinfo=UTC)


def _plan(user: User, name: str, tz: str):
    return plan_create(user=user, name=name, started_at=datetime(2026, 1, 1, tzinfo=UTC), tz=tz, now=EVENING)


def test_the_first_plan_gives_the_account_its_zone_and_later_plans_do_not(alice):
    assert alice.time_zone == "UTC"  # nothing chosen yet
    _plan(alice, "Sam", "Europe/London")
    _plan(alice, "Kim", "Pacific/Auckland")
    assert User.objects.get(pk=alice.pk).tz == "Europe/London"


@time_machine.travel(EVENING, tick=False)
def test_the_account_page_changes_the_zone_the_journal_counts_days_in(alice_client, alice):
    _plan(alice, "Sam", "Europe/London")
    new_entry = reverse("journal:entry_create")
    assert 'value="2026-03-01"' in page(alice_client.get(new_entry))  # the entry's date, offered
    assert 'value="Europe/London"' in page(alice_client.get(reverse("accounts:settings")))

    saved = alice_client.post(reverse("accounts:time_zone"), {"tz": "Pacific/Auckland"}, follow=True)
    assert "now count days in Pacific/Auckland" in page(saved)
    assert 'value="2026-03-02"' in page(alice_client.get(new_entry))
    # The plan keeps its own zone for its days.
    assert alice.plans.get().tz == "Europe/London"


def test_a_zone_that_does_not_exist_is_refused_calmly(alice_client, alice):
    _plan(alice, "Sam", "Europe/London")
    refused = alice_client.post(reverse("accounts:time_zone"), {"tz": "Mars/Olympus"})
    assert refused.status_code == 400
    assert "“Mars/Olympus” isn't a time zone we know" in page(refused)
    assert User.objects.get(pk=alice.pk).tz == "Europe/London"


def test_the_migration_keeps_each_persons_first_plan_zone(alice, bob):
    import importlib

    _plan(alice, "Sam", "America/Chicago")
    _plan(alice, "Kim", "Pacific/Auckland")
    User.objects.filter(pk=alice.pk).update(tz="")  # as before the migration: no zone on the account
    migration = importlib.import_module("nocontact.accounts.migrations.0004_user_tz")
    migration.from_first_plan(apps, None)
    assert User.objects.get(pk=alice.pk).time_zone == "America/Chicago"
    assert User.objects.get(pk=bob.pk).tz == ""  # no plan: the days stay in UTC
