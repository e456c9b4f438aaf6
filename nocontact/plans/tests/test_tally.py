"""A minimal plan's count of permitted contact is kept between visits (plans/tally.py): it must always be
the count of the log as it is now, after any write, and a visit after the first must not count again."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from nocontact.plans import selectors, services
from nocontact.plans.models import Contact, Plan, PlanTally
from nocontact.plans.tally import log_changed, permitted_since_start

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def minimal(alice):
    return services.plan_create(
        user=alice,
        name="Co-parent",
        started_at=datetime(2026, 1, 1, tzinfo=UTC),
        tz="Europe/London",
        now=NOW,
        mode="minimal",
    )


def fresh(plan: Plan) -> int:
    plan.refresh_from_db()
    return Contact.objects.filter(plan=plan, permitted=True, at__gt=plan.started_at).count()


def shown(user, plan: Plan) -> int:
    """What the dashboard's card says, read as the dashboard reads it."""
    [loaded] = [p for p in selectors.plan_list(user) if p.pk == plan.pk]
    return permitted_since_start([loaded])[plan.pk]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_count_follows_every_kind_of_write(alice, minimal, seed):
    rng = random.Random(seed)
    logged: list[Contact] = []
    for _step in range(60):
        action = rng.choice(["log", "log", "log", "edit", "delete", "undo", "start"])
        if action == "log" or not logged:
            at = NOW - timedelta(days=rng.randrange(0, 300), minutes=rng.randrange(1, 1000))
            permitted = rng.random() < 0.7
            logged.append(
                services.contact_log(
                    plan=minimal,
                    at=at,
                    channel="text",
                    direction=rng.choice(["incoming", "outgoing", "both"]),
                    permitted=permitted,
                    now=NOW,
                )
            )
        elif action == "edit":
            contact = rng.choice(logged)
            changes = rng.choice([{"permitted": not contact.permitted}, {"at": contact.at - timedelta(days=90)}])
            services.contact_update(contact=contact, now=NOW, **changes)
        elif action == "delete":
            services.contact_delete(contact=logged.pop(rng.randrange(len(logged))))
        elif action == "undo":
            contact = logged.pop()
            services.contact_undo(contact=contact, now=contact.created_at + timedelta(minutes=1))
        else:
            start = NOW - timedelta(days=rng.randrange(30, 400))
            services.plan_update(plan=minimal, now=NOW, started_at=start)
        want = fresh(minimal)
        assert shown(alice, minimal) == want, action
        assert shown(alice, minimal) == want, f"{action}, read from the tally"


def test_a_second_visit_reads_the_kept_count_without_counting(alice, minimal, django_assert_num_queries):
    for days in range(5):
        services.contact_log(
            plan=minimal, at=NOW - timedelta(days=days + 1), channel="call", direction="both", permitted=True, now=NOW
        )
    plans = selectors.plan_list(alice)
    assert permitted_since_start(plans)[minimal.pk] == 5  # counts, and keeps it
    plans = selectors.plan_list(alice)
    with django_assert_num_queries(0):
        assert permitted_since_start(plans)[minimal.pk] == 5


def test_a_count_kept_for_an_older_version_of_the_log_is_never_shown(alice, minimal):
    services.contact_log(
        plan=minimal, at=NOW - timedelta(days=2), channel="call", direction="both", permitted=True, now=NOW
    )
    assert shown(alice, minimal) == 1
    # As if a visit had counted just before a write, and stored its count after it: the version moved on.
    tally = PlanTally.objects.get(plan=minimal)
    log_changed(minimal.pk)
    PlanTally.objects.filter(plan=minimal).update(permitted=99, counted=tally.version)
    assert shown(alice, minimal) == 1


def test_a_plan_without_a_tally_is_counted_and_gets_one(alice, minimal):
    services.contact_log(
        plan=minimal, at=NOW - timedelta(days=2), channel="call", direction="both", permitted=True, now=NOW
    )
    PlanTally.objects.filter(plan=minimal).delete()
    assert shown(alice, minimal) == 1
    tally = PlanTally.objects.get(plan=minimal)
    assert (tally.counted, tally.permitted) == (tally.version, 1)


def test_the_dashboard_card_shows_the_count(alice, alice_client, minimal):
    for days in range(3):
        services.contact_log(
            plan=minimal, at=NOW - timedelta(days=days + 1), channel="call", direction="both", permitted=True, now=NOW
        )
    body = alice_client.get("/today/").content.decode()
    assert "3 permitted contacts logged" in body
    contact = Contact.objects.filter(plan=minimal).first()
    services.contact_delete(contact=contact)
    assert "2 permitted contacts logged" in alice_client.get("/today/").content.decode()
