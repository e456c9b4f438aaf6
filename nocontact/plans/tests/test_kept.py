"""The quiet page of what was kept: each plan's days in all, its longest run and the moments it reached."""

from __future__ import annotations

from datetime import UTC, datetime

import time_machine
from django.urls import reverse

from conftest import page
from nocontact.plans.services import contact_log, plan_create

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@time_machine.travel(NOW, tick=False)
def test_the_days_and_moments_stay_after_a_slip(alice_client, alice):
    plan = plan_create(
        user=alice, name="Sam", started_at=datetime(2026, 1, 1, 9, tzinfo=UTC), tz="UTC", goal_days=45, now=NOW
    )
    # 40 days kept, then a slip on 10 February; 19 days since.
    contact_log(plan=plan, at=datetime(2026, 2, 10, 22, tzinfo=UTC), channel="text", direction="outgoing", now=NOW)
    html = page(alice_client.get(reverse("plans:kept")))
    assert "Sam" in html
    assert 'data-testid="kept-total">58<' in html  # 59 days since the start, less the day of the slip
    assert 'data-testid="kept-longest">39<' in html
    for reached in ("1 day<", "3 days<", "7 days<", "14 days<", "30 days<"):
        assert reached in html
    assert "45 days, your goal" not in html  # not reached yet
    assert "60 days" not in html
    assert "You came back to it 1 time." in html
    assert reverse("plans:kept") in page(alice_client.get(reverse("plans:dashboard")))  # found from Today


def test_another_persons_plans_are_not_shown_and_an_empty_page_invites_a_start(alice_client, bob):
    plan_create(user=bob, name="Jordan", started_at=datetime(2026, 1, 1, tzinfo=UTC), tz="UTC", now=NOW)
    html = page(alice_client.get(reverse("plans:kept")))
    assert "Jordan" not in html
    assert "Once you start a plan, the days you keep gather here." in html


@time_machine.travel(NOW, tick=False)
def test_discreet_mode_names_no_one(alice_client, alice):
    alice.discreet = True
    alice.save(update_fields=["discreet"])
    plan_create(user=alice, name="Sam", started_at=datetime(2026, 1, 1, tzinfo=UTC), tz="UTC", now=NOW)
    html = page(alice_client.get(reverse("plans:kept")))
    assert "Sam" not in html
    assert "Since 1 January 2026" in html
