"""Keeping the app itself safe: quick exit, idle lock, PIN, discreet mode, logout, titles, screening."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD, page
from nocontact.accounts.backends import BACKEND
from nocontact.accounts.devices import DEVICE_COOKIE
from nocontact.accounts.models import TrustedDevice, User
from nocontact.plans.models import Plan
from nocontact.plans.services import plan_create
from nocontact.safety.middleware import EXIT_COOKIE


def _safety_plan(user, name="Kit"):
    now = datetime.now(UTC)
    return plan_create(user=user, name=name, mode="safety", started_at=now - timedelta(days=3), tz="UTC", now=now)


def _login(client, user):
    client.force_login(user, backend=BACKEND)
    return client


def test_a_safety_plan_turns_on_the_quick_exit_and_the_idle_lock(alice_client, alice, settings):
    assert "data-quick-exit" not in page(alice_client.get("/today/"))
    _safety_plan(alice)
    alice.refresh_from_db()
    assert alice.quick_exit
    assert alice.idle_lock_minutes == settings.SAFETY_IDLE_MINUTES == 15
    body = page(alice_client.get("/today/"))
    assert "data-quick-exit" in body
    assert 'data-idle="900"' in body
    # Signed out, the quick exit is there too: the login page is where someone may be caught.
    assert "data-quick-exit" in page(Client().get(reverse("accounts:login")))


def test_a_chosen_lock_is_kept_when_a_safety_plan_begins(alice):
    alice.idle_lock_minutes = 5
    alice.save()
    _safety_plan(alice)
    alice.refresh_from_db()
    assert alice.idle_lock_minutes == 5


def test_quick_exit_signs_out_and_holds_every_address_on_the_neutral_page(alice_client, alice, settings):
    settings.QUICK_EXIT_URL = "https://example.org/weather"
    response = alice_client.get(reverse("safety:exit"))
    assert response.status_code == 302
    assert response["Location"] == "https://example.org/weather"
    assert response["Cache-Control"] == "no-store"
    assert EXIT_COOKIE in response.cookies
    # Back, or opening the app again: the neutral page, and no longer signed in.
    for url in ("/today/", reverse("accounts:login"), "/"):
        again = alice_client.get(url)
        assert again.status_code == 302, url
        assert again["Location"] == "https://example.org/weather", url
    alice_client.cookies.pop(EXIT_COOKIE)
    assert alice_client.get("/today/")["Location"].startswith(reverse("accounts:login"))


def test_the_hold_lasts_ten_minutes(alice_client):
    with time_machine.travel(datetime.now(UTC), tick=False) as traveller:
        alice_client.get(reverse("safety:exit"))
        assert alice_client.get("/")["Location"] == "https://www.wikipedia.org/"
        traveller.shift(timedelta(minutes=11))
        assert alice_client.get("/").status_code == 200


def test_a_person_can_choose_where_the_quick_exit_goes(alice_client, alice):
    response = alice_client.post(
        reverse("safety:safeguards"),
        {"quick_exit": "on", "exit_url": "https://news.example/", "idle_lock_minutes": "10"},
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert (alice.quick_exit, alice.exit_url, alice.idle_lock_minutes, alice.discreet) == (
        True,
        "https://news.example/",
        10,
        False,
    )
    assert alice_client.get(reverse("safety:exit"))["Location"] == "https://news.example/"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("exit_url", "javascript:alert(1)"),
        ("exit_url", "ftp://x.example/"),
        ("idle_lock_minutes", "0"),
        ("idle_lock_minutes", "999"),
        ("idle_lock_minutes", "soon"),
    ],
)
def test_bad_safeguards_are_refused_with_a_reason(alice_client, alice, field, value):
    response = alice_client.post(reverse("safety:safeguards"), {field: value})
    assert response.status_code == 400
    assert "errorlist" in page(response)
    alice.refresh_from_db()
    assert alice.exit_url == ""
    assert alice.idle_lock_minutes is None


def test_the_idle_lock_signs_out_after_the_quiet_time(client, alice):
    alice.idle_lock_minutes = 15
    alice.save()
    start = datetime.now(UTC)
    with time_machine.travel(start, tick=False) as traveller:
        client.post(reverse("accounts:login"), {"username": "alice", "password": PASSWORD})
        assert client.get("/today/").status_code == 200
        traveller.shift(timedelta(minutes=14))
        assert client.get("/today/").status_code == 200  # activity keeps it open
        traveller.shift(timedelta(minutes=14))
        assert client.get("/today/").status_code == 200
        traveller.shift(timedelta(minutes=16))
        locked = client.get("/today/")
        assert locked["Location"] == reverse("accounts:login") + "?locked=1"
        assert "signed out after a quiet while" in page(client.get(locked["Location"]))
        assert client.get("/today/")["Location"].startswith(reverse("accounts:login"))


def test_with_a_lock_the_session_ends_with_the_browser(client, alice):
    alice.idle_lock_minutes = 15
    alice.save()
    client.post(reverse("accounts:login"), {"username": "alice", "password": PASSWORD})
    assert client.session.get_expire_at_browser_close()


def test_a_trusted_device_reopens_with_its_pin_after_the_idle_lock(client, alice):
    client.post(reverse("accounts:login"), {"username": "alice", "password": PASSWORD})
    refused = client.post(reverse("safety:device_trust"), {"pin": "4821", "password": "wrong one"})
    assert refused.status_code == 400
    client.post(reverse("safety:device_trust"), {"pin": "4821", "password": PASSWORD})
    raw = client.cookies[DEVICE_COOKIE].value
    device = TrustedDevice.objects.get(user=alice)
    assert raw not in (device.digest, device.pin_hash)
    assert "4821" not in device.pin_hash
    client.post(reverse("accounts:logout"), {"why": "idle"})
    login_page = page(client.get(reverse("accounts:login") + "?locked=1"))
    assert "Your PIN" in login_page
    assert client.post(reverse("safety:unlock"), {"pin": "0000"})["Location"] == reverse("accounts:login")
    opened = client.post(reverse("safety:unlock"), {"pin": "4821"})
    assert opened["Location"] == reverse("plans:dashboard")
    assert client.get("/today/").status_code == 200


def test_five_wrong_pins_forget_the_device(client, alice):
    client.post(reverse("accounts:login"), {"username": "alice", "password": PASSWORD})
    client.post(reverse("safety:device_trust"), {"pin": "4821", "password": PASSWORD})
    client.post(reverse("accounts:logout"), {"why": "idle"})
    for _ in range(5):
        client.post(reverse("safety:unlock"), {"pin": "1111"})
    assert not TrustedDevice.objects.exists()
    assert client.post(reverse("safety:unlock"), {"pin": "4821"})["Location"] == reverse("accounts:login")
    assert client.get("/today/").status_code == 302
    assert "Your PIN" not in page(client.get(reverse("accounts:login")))


def test_a_refused_pin_still_shows_the_saved_safeguards(alice_client, alice):
    _safety_plan(alice)
    response = alice_client.post(reverse("safety:device_trust"), {"pin": "4821", "password": "not it at all"})
    assert response.status_code == 400
    body = page(response)
    assert re.search(r'name="quick_exit"[^>]*checked', body)
    assert 'name="idle_lock_minutes" value="15"' in body


def test_a_pin_is_digits_only(alice_client):
    response = alice_client.post(reverse("safety:device_trust"), {"pin": "abcd", "password": PASSWORD})
    assert response.status_code in (302, 400)
    assert not TrustedDevice.objects.exists()


def test_logging_out_clears_the_sites_data_in_the_browser(alice_client):
    response = alice_client.post(reverse("accounts:logout"))
    # Storage is wiped by the page before it signs out, all but what is sealed with the person's own key
    # (a pause not yet sent): "storage" here would lose it. See tests/test_browser_pause.py.
    assert response["Clear-Site-Data"] == '"cache", "cookies"'
    idle = Client()
    response = idle.post(reverse("accounts:logout"), {"why": "idle"})
    assert response["Clear-Site-Data"] == '"cache"'


def test_discreet_mode_uses_a_neutral_name_title_and_icon(alice_client, alice):
    alice_client.post(reverse("safety:safeguards"), {"discreet": "on"})
    body = page(alice_client.get("/today/"))
    assert re.search(r"<title>Today · Notes</title>", body)
    assert '<a class="brand" href="/">Notes</a>' in body
    assert "notes.svg" in body
    manifest = alice_client.get("/manifest.webmanifest").json()
    assert manifest["name"] == manifest["short_name"] == "Notes"
    assert all("notes" in icon["src"] for icon in manifest["icons"])
    assert "reach out" not in str(manifest)
    anonymous = Client().get("/manifest.webmanifest").json()
    assert anonymous["name"] == "nocontact"


def test_discreet_alerts_use_neutral_words(alice, webhook):
    from nocontact.urges.services import support_person_save
    from nocontact.urges.tasks import send_alert

    port, got = webhook
    person = support_person_save(
        user=alice,
        name="Robin",
        phone="1",
        preferred="call",
        notify_url=f"json://127.0.0.1:{port}/a",
        alert_on_pause=True,
    )
    User.objects.filter(pk=alice.pk).update(discreet=True)
    assert send_alert.call(person.pk)
    assert got[-1]["title"] == "A quick note"
    assert "hard moment" not in got[-1]["message"]


def test_page_titles_and_addresses_never_hold_the_name_or_entry_text(alice_client, alice_plan, alice_contact):
    from nocontact.journal.services import entry_create

    entry = entry_create(user=alice_plan.user, text="Secret words here", today=alice_contact.at.date())
    Plan.objects.filter(pk=alice_plan.pk).update(name="Zed Marker")
    urls = [
        "/today/",
        reverse("plans:plan_detail", args=[alice_plan.public_id]),
        reverse("plans:plan_edit", args=[alice_plan.public_id]),
        reverse("plans:plan_delete", args=[alice_plan.public_id]),
        reverse("plans:contact_create", args=[alice_plan.public_id]),
        reverse("plans:contact_edit", args=[alice_contact.public_id]),
        reverse("journal:list"),
        reverse("journal:entry_detail", args=[entry.public_id]),
        reverse("readiness:take", args=[alice_plan.public_id]),
    ]
    for url in urls:
        response = alice_client.get(url)
        assert response.status_code == 200, url
        body = page(response)
        title = re.search(r"<title>(.*?)</title>", body, re.S).group(1)
        assert "Zed" not in title, (url, title)
        assert "Secret" not in title, (url, title)
        for href in re.findall(r'href="([^"]+)"', body):
            assert "Zed" not in href, (url, href)
            assert "Secret" not in href, (url, href)


def test_the_monitoring_warning_is_shown_once(alice_client, alice):
    _safety_plan(alice)
    assert "a word about your phone" in page(alice_client.get("/today/"))
    response = alice_client.post(reverse("safety:warning_seen"), {"back": "/today/"})
    assert response["Location"] == "/today/"
    assert "a word about your phone" not in page(alice_client.get("/today/"))
    # An address elsewhere is not followed.
    assert alice_client.post(reverse("safety:warning_seen"), {"back": "https://evil.example/"})["Location"] == (
        reverse("plans:dashboard")
    )


def test_screening_at_plan_creation_suggests_safety_mode_but_leaves_the_choice(alice_client, alice):
    form = {"name": "Kit", "mode": "strict", "started_at": "2026-01-01T10:00", "tz": "UTC", "goal_days": "30"}
    first = alice_client.post(reverse("plans:plan_create"), form | {"screen_afraid": "on"})
    assert first.status_code == 200
    assert "Safety mode may suit you" in page(first)
    assert not Plan.objects.exists()
    kept = alice_client.post(reverse("plans:plan_create"), form | {"screened": "on"})
    assert kept.status_code == 302
    assert Plan.objects.get().mode == "strict"
    chosen = alice_client.post(
        reverse("plans:plan_create"), form | {"name": "Lee", "mode": "safety", "screen_hurt": "on"}
    )
    assert chosen.status_code == 302
    assert Plan.objects.get(name="Lee").mode == "safety"
    quiet = alice_client.post(reverse("plans:plan_create"), form | {"name": "Max"})
    assert quiet.status_code == 302


def test_the_pause_never_suggests_checking_a_message_in_a_safety_plan(alice_client, alice):
    _safety_plan(alice)
    body = page(alice_client.get(reverse("urges:pause")))
    assert 'id="practical-safety"' in body
