from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nocontact.domain.contacts import Channel, Direction
from nocontact.domain.days import zone
from nocontact.domain.figures import ContactEvent, compute_figures
from nocontact.errors import NotFound, ServiceError
from nocontact.plans import selectors, services
from nocontact.plans.models import Contact

T = datetime(2026, 1, 11, 7, 0, tzinfo=UTC)


def test_the_database_answer_matches_the_issue_example(alice_plan, alice_contact):
    f = selectors.plan_figures(alice_plan, as_of=T)
    assert (f.current_streak_days, f.longest_streak_days, f.clean_days_total, f.slips) == (6, 6, 9, 1)


def test_entries_in_the_future_are_refused(alice_plan):
    with pytest.raises(ServiceError) as exc:
        services.contact_log(plan=alice_plan, at=T + timedelta(seconds=1), channel="text", direction="outgoing", now=T)
    assert exc.value.field == "at"
    with pytest.raises(ServiceError):
        services.plan_update(plan=alice_plan, started_at=T + timedelta(days=1), now=T)
    assert not Contact.objects.exists()


def test_permitted_contact_needs_a_minimal_plan(alice_plan):
    with pytest.raises(ServiceError, match="Only minimal-contact plans"):
        services.contact_log(plan=alice_plan, at=T, channel="text", direction="outgoing", permitted=True, now=T)
    services.plan_update(plan=alice_plan, mode="minimal", now=T)
    c = services.contact_log(plan=alice_plan, at=T, channel="text", direction="outgoing", permitted=True, now=T)
    assert not services.contact_is_slip(c)
    # Switching back to strict keeps what was already agreed as permitted.
    services.plan_update(plan=alice_plan, mode="strict", now=T)
    services.contact_update(contact=c, note="school pickup", now=T)
    c.refresh_from_db()
    assert c.permitted


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": " "}, "name"),
        ({"name": "x" * 81}, "name"),
        ({"goal_days": 0}, "goal_days"),
        ({"goal_days": 4000}, "goal_days"),
        ({"goal_days": True}, "goal_days"),
        ({"goal_days": "30"}, "goal_days"),
        ({"mode": "gentle"}, "mode"),
        ({"tz": "Nowhere/City"}, "tz"),
        ({"reason": "x" * 5000}, "reason"),
    ],
)
def test_bad_plan_fields_are_refused_and_nothing_changes(alice_plan, changes, field):
    before = (alice_plan.name, alice_plan.goal_days, alice_plan.mode, alice_plan.tz)
    with pytest.raises(ServiceError) as exc:
        services.plan_update(plan=alice_plan, now=T, **changes)
    assert exc.value.field == field
    alice_plan.refresh_from_db()
    assert (alice_plan.name, alice_plan.goal_days, alice_plan.mode, alice_plan.tz) == before


def test_changing_the_time_zone_re_dates_the_log(alice_plan):
    # 23:30 UTC on Jan 5 is Jan 6 in Berlin and Jan 5 in New York.
    c = services.contact_log(
        plan=alice_plan, at=datetime(2026, 1, 5, 23, 30, tzinfo=UTC), channel="call", direction="outgoing", now=T
    )
    assert Contact.objects.get(pk=c.pk).local_date == date(2026, 1, 6)
    berlin = selectors.plan_figures(alice_plan, as_of=T)
    services.plan_update(plan=alice_plan, tz="America/New_York", now=T)
    assert Contact.objects.get(pk=c.pk).local_date == date(2026, 1, 5)
    new_york = selectors.plan_figures(alice_plan, as_of=T)
    assert (berlin.current_streak_days, new_york.current_streak_days) == (5, 6)


def test_plan_lookup_by_name_is_scoped_to_the_owner(alice_plan, bob):
    with pytest.raises(NotFound):
        selectors.plan_get_by_name(bob, "Sam")
    assert selectors.plan_get_by_name(alice_plan.user, " sam ") == alice_plan


events = st.lists(
    st.tuples(
        st.integers(-3 * 24 * 60, 60 * 24 * 60),
        st.sampled_from(list(Channel)),
        st.sampled_from(list(Direction)),
        st.booleans(),
    ),
    max_size=25,
)


@pytest.mark.django_db
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    log=events,
    tz=st.sampled_from(["UTC", "Europe/Berlin", "America/Los_Angeles", "Asia/Kolkata"]),
    count_indirect=st.booleans(),
    as_of_minutes=st.integers(0, 70 * 24 * 60),
)
def test_the_database_and_the_pure_core_always_agree(alice, log, tz, count_indirect, as_of_minutes):
    start = datetime(2026, 1, 1, 21, 0, tzinfo=UTC)
    plan = services.plan_create(
        user=alice,
        name=f"p{Contact.objects.count()}-{as_of_minutes}",
        started_at=start,
        tz=tz,
        mode="minimal",
        count_indirect=count_indirect,
        now=T + timedelta(days=400),
    )
    evs = []
    for minutes, channel, direction, permitted in log:
        at = start + timedelta(minutes=minutes)
        services.contact_log(
            plan=plan, at=at, channel=channel, direction=direction, permitted=permitted, now=T + timedelta(days=400)
        )
        evs.append(ContactEvent(at=at, channel=channel, direction=direction, permitted=permitted))
    as_of = start + timedelta(minutes=as_of_minutes)
    expected = compute_figures(evs, start=start, as_of=as_of, tz=zone(tz), count_indirect=count_indirect, goal_days=30)
    assert selectors.plan_figures(plan, as_of=as_of) == expected
    assert selectors.plan_streak(plan, as_of=as_of) == expected.streak
    services.plan_delete(plan=plan)


def test_figures_for_several_plans_at_once_match_each_plan_alone(alice, alice_plan, alice_contact):
    """One query answers for every plan on a page, including plans with nothing after their start."""
    quiet = services.plan_create(
        user=alice, name="Quiet", started_at=datetime(2025, 12, 1, tzinfo=UTC), tz="Asia/Tokyo", now=T
    )
    indirect = services.plan_create(
        user=alice,
        name="Friend",
        started_at=datetime(2025, 11, 1, tzinfo=UTC),
        tz="America/New_York",
        count_indirect=True,
        now=T,
    )
    for day, channel in ((3, "via_friend"), (3, "checked_profile"), (9, "text")):
        services.contact_log(
            plan=indirect, at=datetime(2026, 1, day, 15, tzinfo=UTC), channel=channel, direction="outgoing", now=T
        )
    plans = [alice_plan, quiet, indirect]
    together = selectors.plans_figures(plans, as_of=T)
    assert together == {plan.pk: selectors.plan_figures(plan, as_of=T) for plan in plans}
    assert together[quiet.pk].slips == 0
    assert together[quiet.pk].current_streak_days == 41
    friend = together[indirect.pk]  # start Oct 31 in New York; slips on Jan 3 (twice) and Jan 9; asked Jan 11
    assert (friend.slips, friend.clean_days_total, friend.current_streak_days, friend.indirect_streak_days) == (
        3,
        70,
        2,
        8,
    )
    assert selectors.plans_streaks(plans, as_of=T) == {pk: figures.streak for pk, figures in together.items()}
