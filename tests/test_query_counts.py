"""How many queries each main page and API route runs, pinned, with a household large enough that a
query per plan, entry or check-in would show: growth comes back here as a failing test, not as a slower
page. The numbers are today's; lower one when a page gets cheaper, and raise one only knowingly."""

from __future__ import annotations

from datetime import timedelta

import pytest

from nocontact.domain.feelings import Feeling
from nocontact.journal.services import checkin_create, entry_create
from nocontact.plans.services import contact_log, plan_create
from nocontact.urges.services import helper_add, support_person_save, urge_record

pytestmark = pytest.mark.django_db

ENTRIES = 6  # of each kind: contacts per plan, journal entries, check-ins, pauses, helpers


@pytest.fixture
def household(alice, now):
    """Four plans (strict, minimal, one counting indirect contact, safety) with a log each; journal entries,
    mood check-ins, pauses, a support circle and helpers."""
    began = now - timedelta(days=60)
    plans = []
    for i, (mode, count_indirect) in enumerate(
        (("strict", False), ("minimal", False), ("strict", True), ("safety", False))
    ):
        plan = plan_create(
            user=alice,
            name=f"P{i}",
            started_at=began,
            tz="Europe/Berlin",
            mode=mode,
            count_indirect=count_indirect,
            now=now,
        )
        plans.append(plan)
        for j in range(ENTRIES):
            contact_log(
                plan=plan,
                at=began + timedelta(days=3 * j + 1),
                channel=("text", "via_friend", "call")[j % 3],
                direction=("outgoing", "incoming")[j % 2],
                note=f"entry {j}",
                now=now,
            )
    for j in range(ENTRIES):
        entry_create(user=alice, text=f"Day {j}: the evening was quiet.", today=now.date(), tags=["evening"])
        checkin_create(user=alice, feelings=[Feeling("calm", 3), Feeling("grief", 2)], at=now - timedelta(hours=j))
        urge_record(
            user=alice,
            key=f"pause-key-{j:04d}",
            started_at=now - timedelta(days=j, minutes=15),
            ended_at=now - timedelta(days=j),
            outcome="passed",
            plan=plans[0],
            strength_before=7,
            strength_after=3,
            helped=["timer"],
            now=now,
        )
        helper_add(user=alice, text=f"A walk by the river {j}")
    support_person_save(user=alice, name="Jo", preferred="call", phone="+44 20 7946 0000")
    return plans


# What a signed-in person opens: (address, most queries).
PAGES = {
    # with a minimal plan: its figures (they count its slips); its permitted count is kept between visits
    "dashboard": ("/today/", 5),
    "plan page": ("/plans/{strict}/", 8),
    "minimal plan page": ("/plans/{minimal}/", 9),
    "journal": ("/journal/", 8),
    "mood": ("/mood/", 7),
    "urges": ("/urges/", 4),
    "pause": ("/pause/", 6),
    "circle": ("/circle/", 4),
    "account": ("/account/", 3),
}
# What a token opens, once the token's use is noted (one more query, at most once a minute).
ROUTES = {
    "API status": ("/api/v1/plans/{strict}/status", 3),
    "API plans": ("/api/v1/plans", 2),
    "API plan": ("/api/v1/plans/{strict}", 2),
    "API contacts": ("/api/v1/plans/{strict}/contacts", 3),
    "API journal": ("/api/v1/journal", 3),
    "API moods": ("/api/v1/moods", 3),
}


def address(template: str, plans: list) -> str:
    return template.format(strict=plans[0].public_id, minimal=plans[1].public_id)


@pytest.mark.parametrize("name", PAGES)
def test_pages_run_no_more_queries_than_pinned(name, alice_client, household, django_assert_max_num_queries):
    path, most = PAGES[name]
    alice_client.get(address(path, household))  # a visit before: what is kept between visits is kept
    with django_assert_max_num_queries(most):
        response = alice_client.get(address(path, household))
    assert response.status_code == 200


def test_the_first_dashboard_after_a_change_counts_once(alice_client, household, django_assert_max_num_queries):
    # The minimal plan's permitted count: counted and kept (two queries more), then read with the plan.
    with django_assert_max_num_queries(PAGES["dashboard"][1] + 2):
        assert alice_client.get("/today/").status_code == 200


@pytest.mark.parametrize("name", ROUTES)
def test_api_routes_run_no_more_queries_than_pinned(name, api, household, django_assert_max_num_queries):
    path, most = ROUTES[name]
    assert api.get("/api/v1/plans").status_code == 200  # notes the token's use
    with django_assert_max_num_queries(most):
        response = api.get(address(path, household))
    assert response.status_code == 200
