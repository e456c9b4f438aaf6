"""Issue 22: a run is marked with a small moment on the day it reaches 1, 3, 7, 14, 30, 60 or 90 days, its goal, or
a whole year; on the days between, nothing; in discreet mode, in neutral words."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from nocontact.plans import services

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)


def _dashboard(client) -> str:
    return client.get(reverse("plans:dashboard")).content.decode()


@pytest.mark.parametrize(("days", "marked"), [(7, True), (8, False), (30, True), (45, False), (90, True)])
@time_machine.travel(NOW, tick=False)
def test_the_card_marks_the_day_a_moment_is_reached(alice, alice_client, days, marked):
    services.plan_create(user=alice, name="Sam", started_at=NOW - timedelta(days=days, hours=1), tz="UTC", now=NOW)
    html = _dashboard(alice_client)
    assert ('data-testid="milestone"' in html) is marked
    if marked:
        assert f"{days} days." in html
        assert "chosen by you" in html


@time_machine.travel(NOW, tick=False)
def test_the_goal_is_named_as_the_persons_own_and_discreet_mode_keeps_it_neutral(alice, alice_client):
    services.plan_create(
        user=alice, name="Sam", started_at=NOW - timedelta(days=21, hours=1), tz="UTC", now=NOW, goal_days=21
    )
    assert "21 days: the goal you set." in _dashboard(alice_client)
    alice.discreet = True
    alice.save(update_fields=["discreet"])
    html = _dashboard(alice_client)
    assert "Kept, one day at a time." in html
    assert "chosen by you" not in html
