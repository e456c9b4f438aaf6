"""The help page: sourced lines for at least 15 countries, the country read from the person's time zone, the
emergency number first and one tap away, and nothing on screen that gives the page away in discreet mode."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.urls import reverse

from conftest import page
from nocontact.accounts.models import User
from nocontact.accounts.services import time_zone_set
from nocontact.plans.services import plan_create
from nocontact.safety import help as help_lines

SOURCES_MD = Path(help_lines.SHIPPED).with_name("SOURCES.md")
NOW = datetime(2026, 12, 5, 20, 0, tzinfo=UTC)


def _plan(user: User, tz: str):
    return plan_create(user=user, name="Kit", started_at=datetime(2026, 11, 1, tzinfo=UTC), tz=tz, now=NOW)


def _chosen(body: str) -> list[str]:
    return re.findall(r'<option value="([A-Z]{2})" selected>', body)


# --- The shipped file --------------------------------------------------------------------------------------


def test_the_shipped_file_holds_at_least_15_countries_each_line_with_an_https_source():
    countries = help_lines.parse(json.loads(help_lines.SHIPPED.read_text(encoding="utf-8")))
    assert len(countries) >= 15
    assert {"GB", "US", "DE", "CA"} <= set(countries)
    for country in countries.values():
        assert country.emergency, f"{country.code} has no emergency number"
        for entry in (*country.emergency, *country.helplines):
            assert entry["source"].startswith("https://")
            assert entry["dial"].startswith("tel:")


def test_every_shipped_number_and_source_is_in_the_record_of_where_it_was_read():
    record = SOURCES_MD.read_text(encoding="utf-8")
    for country in help_lines.parse(json.loads(help_lines.SHIPPED.read_text(encoding="utf-8"))).values():
        for entry in (*country.emergency, *country.helplines):
            number = entry.get("number") or entry["phone"]
            assert f"| {country.code} | {number} |" in record, f"{country.code} {number} is not in SOURCES.md"
            assert entry["source"] in record, f"{entry['source']} is not in SOURCES.md"


@pytest.mark.parametrize(
    ("written", "address"),
    [("0808 2000 247", "tel:08082000247"), ("1-800-799-7233", "tel:18007997233"), ("#8008", "tel:%238008")],
)
def test_a_number_as_written_becomes_a_tel_address(written, address):
    assert help_lines.dial(written) == address


def test_an_operator_can_replace_the_help_lines(client, db, settings, tmp_path):
    own = tmp_path / "lines.json"
    nz = {
        "name": "Aotearoa",
        "emergency": [{"label": "Emergency", "number": "111", "source": "https://example.govt.nz/"}],
    }
    own.write_text(json.dumps({"countries": {"NZ": nz}}))
    settings.HELP_RESOURCES = str(own)
    body = page(client.get(reverse("safety:help") + "?country=NZ"))
    assert "Aotearoa" in body
    assert 'href="tel:111"' in body


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"countries": {"gb": {}}},
        {"countries": {"GB": {"emergency": [{"label": "x", "number": "999"}]}}},  # no source
        {"countries": {"GB": {"helplines": [{"name": "x", "phone": "1", "source": "http://plain.example"}]}}},
        {"countries": {"GB": {"helplines": "0808"}}},
    ],
)
def test_a_help_file_without_sources_or_in_the_wrong_shape_is_refused(data):
    with pytest.raises(help_lines.BadResources):
        help_lines.parse(data)


# --- From a time zone to a country -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "code"),
    [("Europe/Berlin", "DE"), ("America/Toronto", "CA"), ("Europe/London", "GB"), ("Australia/Perth", "AU")],
)
def test_a_zone_names_its_country(zone, code):
    assert help_lines.country_for_zone(zone) == code


@pytest.mark.parametrize("zone", ["UTC", "Etc/GMT+3", "", "Not/A_Zone"])
def test_a_zone_of_no_country_names_none(zone):
    assert help_lines.country_for_zone(zone) is None


def test_the_zone_table_at_hand_is_read_and_agrees_with_our_fallback():
    texts = help_lines.zone_tab_texts()
    assert texts, "tzdata (a dependency) ships zone.tab"
    read = help_lines.parse_zone_tab(texts[0])
    assert len(read) > 300
    for zone, code in help_lines.FALLBACK_ZONES.items():
        assert read.get(zone, code) == code, zone


def test_the_fallback_names_only_shipped_countries_and_one_zone_of_each():
    shipped = set(help_lines.parse(json.loads(help_lines.SHIPPED.read_text(encoding="utf-8"))))
    assert set(help_lines.FALLBACK_ZONES.values()) == shipped


# --- The page ----------------------------------------------------------------------------------------------


def test_a_plan_in_berlin_opens_the_page_on_germany(alice_client, alice):
    _plan(alice, "Europe/Berlin")
    body = page(alice_client.get(reverse("safety:help")))
    assert _chosen(body) == ["DE"]
    assert 'href="tel:116016"' in body
    assert '<select name="country" id="country">' in body  # the picker is still there to change it


def test_a_plan_in_toronto_opens_the_page_on_canada(alice_client, alice):
    _plan(alice, "America/Toronto")
    body = page(alice_client.get(reverse("safety:help")))
    assert _chosen(body) == ["CA"]
    assert 'href="tel:911"' in body


def test_a_zone_of_no_shipped_country_leaves_the_picker_with_nothing_chosen(alice_client, alice):
    _plan(alice, "UTC")
    body = page(alice_client.get(reverse("safety:help")))
    assert _chosen(body) == []
    assert "Help lines are listed for:" in body
    assert "tel:" not in body


def test_the_zone_chosen_on_the_account_comes_before_the_first_plans(alice_client, alice):
    _plan(alice, "Europe/Berlin")
    time_zone_set(user=alice, tz="Asia/Tokyo")
    assert _chosen(page(alice_client.get(reverse("safety:help")))) == ["JP"]


def test_without_an_account_zone_the_first_plans_zone_is_used(alice_client, alice):
    _plan(alice, "Europe/Paris")
    User.objects.filter(pk=alice.pk).update(tz="")  # an account from before the zone was kept on it
    assert _chosen(page(alice_client.get(reverse("safety:help")))) == ["FR"]


def test_a_country_asked_for_wins_over_the_zone(alice_client, alice):
    _plan(alice, "Europe/Berlin")
    assert _chosen(page(alice_client.get(reverse("safety:help") + "?country=fr"))) == ["FR"]
    assert _chosen(page(alice_client.get(reverse("safety:help") + "?country="))) == []


def test_someone_not_signed_in_gets_the_picker(client, db):
    body = page(client.get(reverse("safety:help")))
    assert _chosen(body) == []
    assert "does not erase your browser history" in body


def test_the_emergency_number_is_a_tel_link_above_the_help_lines(client, db):
    body = page(client.get(reverse("safety:help") + "?country=gb"))
    emergency, helpline = body.index('href="tel:999"'), body.index('href="tel:08082000247"')
    assert emergency < helpline
    assert re.search(r'<a class="help-call help-call-emergency" href="tel:999">', body)
    # The source is a small link named "Source", not an address spelled out on screen.
    assert re.search(r'<a class="help-source" href="https://www\.gov\.uk/[^"]*"[^>]*>Source</a>', body)
    assert ">https://" not in body
    assert "safety/help.css" in body


def test_discreet_mode_folds_the_names_of_the_lines_away(alice_client, alice):
    alice_client.post(reverse("safety:safeguards"), {"discreet": "on"})
    body = page(alice_client.get(reverse("safety:help") + "?country=GB"))
    on_screen = re.sub(r"<details.*?</details>", "", body, flags=re.S)
    on_screen = re.sub(r"<[^>]+>", " ", on_screen)
    assert not re.search(r"\b(abuse|abusive|safety|violence)\b", on_screen, re.I)
    assert "National Domestic Abuse Helpline" in body  # folded behind a tap, there when asked for
    assert 'href="tel:08082000247"' in body
