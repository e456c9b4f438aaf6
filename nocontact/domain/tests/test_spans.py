import itertools
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nocontact.domain.days import local_date
from nocontact.domain.spans import began_on, day_buckets, day_label, span_label, week_start, week_starts
from nocontact.domain.urges import UrgeFacts, insights

TODAY = date(2026, 12, 5)  # a Saturday


def test_a_span_reads_as_its_days():
    assert span_label(date(2026, 12, 2), date(2026, 12, 8), today=TODAY) == "2–8 Dec"
    assert span_label(date(2026, 11, 30), date(2026, 12, 6), today=TODAY) == "30 Nov – 6 Dec"
    assert span_label(date(2025, 12, 29), date(2026, 1, 4), today=TODAY) == "29 Dec 2025 – 4 Jan 2026"
    assert span_label(date(2025, 6, 2), date(2025, 6, 8), today=TODAY) == "2–8 Jun 2025"
    assert span_label(TODAY, TODAY, today=TODAY) == "5 Dec"
    assert span_label(date(2026, 12, 8), date(2026, 12, 2)) == "2–8 Dec"  # either way round
    assert day_label(date(2026, 3, 1)) == "1 Mar"


def test_buckets_end_today_and_skip_the_days_before_the_person_began():
    days = day_buckets(today=TODAY, days=28, bucket_days=1, began=date(2026, 1, 1))
    assert (len(days), days[0], days[-1]) == (28, date(2026, 11, 8), TODAY)
    assert day_buckets(today=TODAY, days=28, bucket_days=1, began=date(2026, 12, 3)) == (
        date(2026, 12, 3),
        date(2026, 12, 4),
        TODAY,
    )
    weeks = day_buckets(today=TODAY, days=26 * 7, bucket_days=7, began=date(2026, 11, 20))
    # the week holding the first day is kept whole, and the last week ends today
    assert [span_label(w, w + timedelta(days=6), today=TODAY) for w in weeks] == [
        "15–21 Nov",
        "22–28 Nov",
        "29 Nov – 5 Dec",
    ]
    # a first day "after today" (a clock set wrong) still leaves today's bucket
    assert day_buckets(today=TODAY, days=28, bucket_days=7, began=TODAY + timedelta(days=3)) == (date(2026, 11, 29),)
    with pytest.raises(ValueError, match="whole bucket"):
        day_buckets(today=TODAY, days=3, bucket_days=7, began=TODAY)


@given(
    today=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)),
    back=st.integers(min_value=-10, max_value=400),
    weeks=st.sampled_from([1, 4, 26]),
    bucket_days=st.sampled_from([1, 7]),
)
def test_buckets_cover_each_day_once_from_the_first_to_today(today, back, weeks, bucket_days):
    began = today - timedelta(days=back)
    buckets = day_buckets(today=today, days=weeks * 7, bucket_days=bucket_days, began=began)
    assert buckets[-1] + timedelta(days=bucket_days - 1) == today
    assert all(b - a == timedelta(days=bucket_days) for a, b in itertools.pairwise(buckets))
    assert len(buckets) <= weeks * 7 // bucket_days
    if today - timedelta(days=weeks * 7) < began <= today:
        assert buckets[0] <= began < buckets[0] + timedelta(days=bucket_days)
    mondays = week_starts(today=today, weeks=weeks, began=began)
    assert all(m.weekday() == 0 for m in mondays)
    assert mondays[-1] == week_start(today)
    assert 1 <= len(mondays) <= weeks


def test_the_first_day_is_the_account_s_or_an_earlier_record_s():
    assert began_on(date(2026, 12, 1)) == date(2026, 12, 1)
    assert began_on(date(2026, 12, 1), None, date(2026, 12, 3)) == date(2026, 12, 1)
    assert began_on(date(2026, 12, 1), date(2026, 10, 2)) == date(2026, 10, 2)  # a restored backup


def _urge(at: datetime) -> UrgeFacts:
    return UrgeFacts(at, 7, 3, "passed", ("timer",))


def test_urges_start_the_week_the_account_began_in_the_person_s_zone():
    """Signed up late on Sunday 29 Nov by UTC: in Auckland that is Monday 30 Nov, in Los Angeles still Sunday."""
    joined = datetime(2026, 11, 29, 22, 30, tzinfo=UTC)
    now = datetime(2026, 12, 5, 12, tzinfo=UTC)
    for name, first in [("Pacific/Auckland", date(2026, 11, 30)), ("America/Los_Angeles", date(2026, 11, 23))]:
        tz = ZoneInfo(name)
        report = insights([], tz=tz, today=local_date(now, tz), weeks=8, began=local_date(joined, tz))
        assert report.weeks[0].week_start == first, name
    # without a first day, the whole window (the command line's old reading)
    assert len(insights([], tz=UTC, today=TODAY, weeks=8).weeks) == 8


def test_urges_older_than_the_account_keep_their_weeks():
    """An account restored onto a server begins after the pauses it brought with it."""
    old = _urge(datetime(2026, 11, 10, 20, tzinfo=UTC))
    report = insights([old], tz=UTC, today=TODAY, weeks=8, began=date(2026, 12, 4))
    assert [(w.week_start, w.count) for w in report.weeks] == [
        (date(2026, 11, 9), 1),
        (date(2026, 11, 16), 0),
        (date(2026, 11, 23), 0),
        (date(2026, 11, 30), 0),
    ]
    # and never more than the window asked for
    ancient = _urge(datetime(2025, 1, 1, tzinfo=UTC))
    assert len(insights([ancient], tz=UTC, today=TODAY, weeks=8, began=TODAY).weeks) == 8
