from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from nocontact.domain.days import BadDateTime, BadTimeZone, local_date, localize, parse_datetime, zone

BERLIN = ZoneInfo("Europe/Berlin")


def test_zone_accepts_iana_names_and_refuses_the_rest():
    assert zone("Europe/Berlin") == BERLIN
    for bad in ["", "Mars/Olympus", "../etc/passwd", "/etc/localtime", "x" * 100]:
        with pytest.raises(BadTimeZone):
            zone(bad)


def test_parse_without_offset_reads_the_wall_clock_of_the_zone():
    assert parse_datetime("2026-01-05T21:30", BERLIN) == datetime(2026, 1, 5, 20, 30, tzinfo=UTC)
    assert parse_datetime("2026-07-05T21:30", BERLIN) == datetime(2026, 7, 5, 19, 30, tzinfo=UTC)


def test_parse_a_bare_date_means_its_midnight():
    assert parse_datetime("2026-01-05", BERLIN) == datetime(2026, 1, 4, 23, 0, tzinfo=UTC)


def test_parse_keeps_an_explicit_offset():
    assert parse_datetime("2026-01-05T21:30+05:00", BERLIN) == datetime(2026, 1, 5, 16, 30, tzinfo=UTC)
    assert parse_datetime("2026-01-05T21:30Z", BERLIN) == datetime(2026, 1, 5, 21, 30, tzinfo=UTC)


@pytest.mark.parametrize("text", ["", "yesterday", "2026-13-01", "2026-02-30T10:00", "1" * 100, "2026-01-05T25:00"])
def test_parse_refuses_what_is_not_a_date(text):
    with pytest.raises(BadDateTime):
        parse_datetime(text, BERLIN)


def test_a_skipped_hour_moves_forward_and_a_repeated_hour_takes_the_first():
    skipped = localize(datetime(2026, 3, 29, 2, 30), BERLIN)
    assert skipped.astimezone(BERLIN).hour == 3
    repeated = localize(datetime(2026, 10, 25, 2, 30), BERLIN)
    assert repeated == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


def test_local_date_needs_an_aware_moment():
    assert local_date(datetime(2026, 1, 1, 23, 30, tzinfo=UTC), BERLIN).day == 2
    with pytest.raises(ValueError, match="aware"):
        local_date(datetime(2026, 1, 1), BERLIN)
