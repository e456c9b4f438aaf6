"""The urges page, week by week: it starts when the account did, and each week reads as its days."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import time_machine
from django.urls import reverse

from conftest import page
from nocontact.urges.tests.test_urges import item, record

NOW = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)  # a Saturday


def _weeks(body: str) -> list[str]:
    """The week column of the table, as a person reads it."""
    return re.findall(r'<tr><th scope="row">([^<]+)</th>', body)


@time_machine.travel(NOW, tick=False)
def test_a_new_account_sees_its_own_week_not_weeks_before_it_began(alice_client, alice):
    alice.tz = "Europe/Berlin"
    alice.date_joined = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    alice.save()
    record(alice_client, [item("k-insight-w1")])
    body = page(alice_client.get(reverse("urges:insights")))
    assert _weeks(body) == ["30 Nov – 6 Dec"]
    assert "<title>30 Nov – 6 Dec: 1 pause</title>" in body
    assert "Week of" not in body  # a start date would read like the day of a pause

    alice.date_joined = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
    alice.save()
    assert _weeks(page(alice_client.get(reverse("urges:insights")))) == ["16–22 Nov", "23–29 Nov", "30 Nov – 6 Dec"]

    alice.date_joined = datetime(2025, 1, 1, tzinfo=UTC)  # long ago: the last eight weeks, as before
    alice.save()
    weeks = _weeks(page(alice_client.get(reverse("urges:insights"))))
    assert (len(weeks), weeks[0], weeks[-1]) == (8, "12–18 Oct", "30 Nov – 6 Dec")


@time_machine.travel(NOW, tick=False)
def test_the_first_week_follows_the_person_s_zone(alice_client, alice):
    """Sunday 29 Nov, 23:30 by UTC is already Monday in Auckland, and still Sunday in Los Angeles."""
    alice.date_joined = datetime(2026, 11, 29, 23, 30, tzinfo=UTC)
    record(alice_client, [item("k-insight-z1")])
    for name, first in [("Pacific/Auckland", "30 Nov – 6 Dec"), ("America/Los_Angeles", "23–29 Nov")]:
        alice.tz = name
        alice.save()
        assert _weeks(page(alice_client.get(reverse("urges:insights"))))[0] == first, name
