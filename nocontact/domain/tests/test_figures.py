from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nocontact.domain.contacts import Channel, Direction, is_slip
from nocontact.domain.figures import (
    ContactEvent,
    compute_figures,
    last_milestone,
    next_milestone,
    streak_from_last_slip,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
TOKYO = ZoneInfo("Asia/Tokyo")


def at(text: str, tz=UTC) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=tz)


def slip(when: datetime, channel: str = "text") -> ContactEvent:
    return ContactEvent(at=when, channel=channel, direction="outgoing")


def figures(events, *, start, as_of, tz=UTC, count_indirect=False, goal_days=30):
    return compute_figures(events, start=start, as_of=as_of, tz=tz, count_indirect=count_indirect, goal_days=goal_days)


def test_the_worked_example_from_the_issue():
    f = figures(
        [slip(at("2026-01-05T12:00"))],
        start=at("2026-01-01T09:00"),
        as_of=at("2026-01-11T08:00"),
    )
    assert (f.current_streak_days, f.longest_streak_days, f.clean_days_total, f.slips) == (6, 6, 9, 1)
    assert f.next_milestone_days == 7
    assert f.goal_reached is False


def test_empty_history_counts_from_the_start():
    f = figures([], start=at("2026-01-01T23:00"), as_of=at("2026-01-31T00:30"))
    assert f.current_streak_days == 30
    assert f.longest_streak_days == 30
    assert f.clean_days_total == 30
    assert f.slips == 0
    assert f.indirect_streak_days == 30
    assert f.goal_reached is True
    assert f.next_milestone_days == 45


def test_on_the_start_day_everything_is_zero():
    f = figures([], start=at("2026-03-01T08:00"), as_of=at("2026-03-01T22:00"))
    assert f.current_streak_days == 0
    assert f.next_milestone_days == 1


def test_asking_about_a_moment_before_the_start_gives_zeros():
    f = figures([slip(at("2026-03-05T10:00"))], start=at("2026-03-10T08:00"), as_of=at("2026-03-02T22:00"))
    assert (f.current_streak_days, f.longest_streak_days, f.clean_days_total, f.slips) == (0, 0, 0, 0)


def test_incoming_contact_is_never_a_slip_but_answering_is():
    start = at("2026-02-01T10:00")
    incoming = ContactEvent(at=at("2026-02-03T10:00"), channel="text", direction="incoming")
    f = figures([incoming], start=start, as_of=at("2026-02-10T10:00"))
    assert f.slips == 0
    assert f.current_streak_days == 9
    answered = ContactEvent(at=at("2026-02-03T10:05"), channel="text", direction="both")
    f = figures([incoming, answered], start=start, as_of=at("2026-02-10T10:00"))
    assert f.slips == 1
    assert f.current_streak_days == 7


def test_permitted_contact_is_not_a_slip():
    e = ContactEvent(at=at("2026-02-03T10:00"), channel="message", direction="outgoing", permitted=True)
    f = figures([e], start=at("2026-02-01T10:00"), as_of=at("2026-02-10T10:00"))
    assert f.slips == 0
    assert f.current_streak_days == 9


def test_indirect_contact_counts_only_when_the_plan_says_so():
    checked = ContactEvent(at=at("2026-02-05T23:00"), channel="checked_profile", direction="outgoing")
    start, as_of = at("2026-02-01T10:00"), at("2026-02-10T10:00")
    gentle = figures([checked], start=start, as_of=as_of)
    assert gentle.slips == 0
    assert gentle.current_streak_days == 9
    assert gentle.indirect_streak_days == 5
    strict = figures([checked], start=start, as_of=as_of, count_indirect=True)
    assert strict.slips == 1
    assert strict.current_streak_days == 5
    assert strict.indirect_streak_days == 5


def test_several_slips_on_one_day_remove_one_day_but_count_each():
    start = at("2026-01-01T09:00")
    events = [slip(at("2026-01-05T08:00")), slip(at("2026-01-05T20:00")), slip(at("2026-01-05T21:00"), "call")]
    f = figures(events, start=start, as_of=at("2026-01-11T08:00"))
    assert f.slips == 3
    assert f.clean_days_total == 9
    assert f.current_streak_days == 6


def test_longest_streak_can_lie_in_the_past():
    start = at("2026-01-01T09:00")
    events = [slip(at("2026-02-01T09:00")), slip(at("2026-02-03T09:00"))]
    f = figures(events, start=start, as_of=at("2026-02-05T09:00"))
    assert f.longest_streak_days == 30  # Jan 2 .. Jan 31
    assert f.current_streak_days == 2
    assert f.clean_days_total == 35 - 2
    assert f.last_slip_date == date(2026, 2, 3)


def test_a_slip_later_on_the_start_day_takes_no_clean_day_away():
    f = figures([slip(at("2026-01-01T22:00"))], start=at("2026-01-01T09:00"), as_of=at("2026-01-03T09:00"))
    assert f.slips == 1
    assert f.current_streak_days == 2
    assert f.clean_days_total == 2


def test_entries_before_the_start_and_after_the_moment_asked_do_not_count():
    start = at("2026-01-10T09:00")
    events = [slip(at("2026-01-02T09:00")), slip(at("2026-01-10T08:59")), slip(at("2026-01-20T09:00"))]
    f = figures(events, start=start, as_of=at("2026-01-15T09:00"))
    assert f.slips == 0
    assert f.current_streak_days == 5


def test_back_dated_entries_change_every_figure():
    start = at("2026-01-01T09:00")
    f1 = figures([], start=start, as_of=at("2026-01-21T09:00"))
    f2 = figures([slip(at("2026-01-11T09:00"))], start=start, as_of=at("2026-01-21T09:00"))
    assert (f1.current_streak_days, f2.current_streak_days) == (20, 10)
    assert (f1.longest_streak_days, f2.longest_streak_days) == (20, 10)
    assert (f1.clean_days_total, f2.clean_days_total) == (20, 19)


def test_the_late_night_boundary_follows_the_plan_time_zone():
    # 23:30 in New York is already the next day in UTC.
    start = at("2026-01-01T09:00", NEW_YORK)
    late = slip(at("2026-01-05T23:30", NEW_YORK))
    ny = figures([late], start=start, as_of=at("2026-01-08T12:00", NEW_YORK), tz=NEW_YORK)
    assert ny.last_slip_date == date(2026, 1, 5)
    assert ny.current_streak_days == 3
    utc = figures([late], start=start, as_of=at("2026-01-08T12:00", NEW_YORK), tz=UTC)
    assert utc.last_slip_date == date(2026, 1, 6)
    assert utc.current_streak_days == 2


def test_a_day_stays_a_day_across_daylight_saving_changes():
    # Clocks go forward in Berlin on 2026-03-29 and back on 2026-10-25.
    start = at("2026-03-28T21:00", BERLIN)
    spring = figures([], start=start, as_of=at("2026-03-30T00:30", BERLIN), tz=BERLIN)
    assert spring.current_streak_days == 2
    start = at("2026-10-24T23:30", BERLIN)
    autumn = figures([], start=start, as_of=at("2026-10-25T23:59", BERLIN), tz=BERLIN)
    assert autumn.current_streak_days == 1  # a 25-hour day is still one day


def test_changing_the_plan_time_zone_recounts_the_days():
    start = datetime(2026, 1, 1, 20, 0, tzinfo=UTC)  # Jan 1 in Berlin, Jan 2 in Tokyo (05:00)
    events = [slip(datetime(2026, 1, 5, 16, 0, tzinfo=UTC))]  # Jan 5 in Berlin, Jan 6 (01:00) in Tokyo
    as_of = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)
    berlin = figures(events, start=start, as_of=as_of, tz=BERLIN)
    tokyo = figures(events, start=start, as_of=as_of, tz=TOKYO)
    assert berlin.start_date == date(2026, 1, 1)
    assert tokyo.start_date == date(2026, 1, 2)
    assert (berlin.current_streak_days, tokyo.current_streak_days) == (5, 4)
    assert (berlin.clean_days_total, tokyo.clean_days_total) == (8, 7)


@pytest.mark.parametrize(
    ("days", "expected"),
    [(0, 1), (1, 3), (2, 3), (6, 7), (29, 30), (30, 45), (364, 365), (365, 730), (729, 730), (730, 1095)],
)
def test_next_milestone(days, expected):
    assert next_milestone(days) == expected


def test_last_milestone():
    assert last_milestone(0) is None
    assert last_milestone(8) == 7
    assert last_milestone(400) == 365
    assert last_milestone(800) == 730


def test_slip_rules_for_every_channel_and_direction():
    for channel in Channel:
        for direction in Direction:
            result = is_slip(channel=channel, direction=direction, permitted=False, count_indirect=False)
            expected = direction != "incoming" and channel not in {"via_friend", "checked_profile"}
            assert result is expected, (channel, direction)


# --- Property: the formulas agree with counting day by day -----------------

ZONES = [UTC, BERLIN, NEW_YORK, TOKYO, ZoneInfo("Australia/Lord_Howe"), ZoneInfo("Pacific/Kiritimati")]
BASE = datetime(2025, 1, 1, tzinfo=UTC)


def brute_force(events, start, as_of, tz, count_indirect):
    """Walk the calendar one day at a time: an independent oracle."""
    d0, today = start.astimezone(tz).date(), as_of.astimezone(tz).date()
    slip_days = {
        e.at.astimezone(tz).date()
        for e in events
        if start < e.at <= as_of
        and is_slip(channel=e.channel, direction=e.direction, permitted=e.permitted, count_indirect=count_indirect)
    }
    run = longest = clean = 0
    day = d0 + timedelta(days=1)
    while day <= today:
        if day in slip_days:
            run = 0
        else:
            run += 1
            clean += 1
        longest = max(longest, run)
        day += timedelta(days=1)
    return run, longest, clean


event_strategy = st.builds(
    ContactEvent,
    at=st.integers(0, 60 * 24 * 200).map(lambda m: BASE + timedelta(minutes=m)),
    channel=st.sampled_from(list(Channel)),
    direction=st.sampled_from(list(Direction)),
    permitted=st.booleans(),
)


@settings(max_examples=300, deadline=None)
@given(
    events=st.lists(event_strategy, max_size=40),
    start_minutes=st.integers(0, 60 * 24 * 100),
    span_minutes=st.integers(0, 60 * 24 * 150),
    tz=st.sampled_from(ZONES),
    count_indirect=st.booleans(),
)
def test_figures_match_a_day_by_day_count(events, start_minutes, span_minutes, tz, count_indirect):
    start = BASE + timedelta(minutes=start_minutes)
    as_of = start + timedelta(minutes=span_minutes)
    f = figures(events, start=start, as_of=as_of, tz=tz, count_indirect=count_indirect)
    run, longest, clean = brute_force(events, start, as_of, tz, count_indirect)
    assert f.current_streak_days == run
    assert f.longest_streak_days == longest
    assert f.clean_days_total == clean
    assert f.longest_streak_days >= f.current_streak_days
    assert f.clean_days_total <= (f.as_of_date - f.start_date).days


def test_the_streak_alone_matches_the_worked_example():
    streak = streak_from_last_slip(
        date(2026, 1, 5), start_date=date(2026, 1, 1), as_of_date=date(2026, 1, 11), goal_days=30
    )
    assert (streak.current_streak_days, streak.next_milestone_days, streak.days_to_goal) == (6, 7, 24)
    assert not streak.goal_reached


def test_the_streak_alone_counts_from_the_start_without_slips_and_is_zero_before_it():
    start = date(2026, 1, 1)
    assert streak_from_last_slip(None, start_date=start, as_of_date=date(2026, 1, 31), goal_days=30).goal_reached
    before = streak_from_last_slip(None, start_date=start, as_of_date=date(2025, 12, 20), goal_days=30)
    assert (before.current_streak_days, before.as_of_date) == (0, start)


def test_a_moment_is_marked_on_the_days_people_count_and_on_the_goal():
    from nocontact.domain.figures import MOMENTS, moment

    marked = [d for d in range(0, 800) if moment(d, goal_days=45)]
    assert marked == [*MOMENTS[:5], 45, 60, 90, 365, 730]
    assert moment(0, goal_days=0) is None
    assert moment(100, goal_days=100) == 100


def test_moments_reached_are_kept_by_the_longest_run_with_the_goal_and_whole_years():
    from nocontact.domain.figures import moments_reached

    assert moments_reached(0, goal_days=30) == ()
    assert moments_reached(39, goal_days=45) == (1, 3, 7, 14, 30)
    assert moments_reached(45, goal_days=45) == (1, 3, 7, 14, 30, 45)
    assert moments_reached(800, goal_days=100) == (1, 3, 7, 14, 30, 60, 90, 100, 365, 730)
