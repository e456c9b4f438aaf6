"""Issue 14, accounts: no way back in for an ex.

Lockout keyed as login finds the account (any case of the name); the owner's trusted device and PIN
are not locked out by someone else's guesses; a password change ends every session, trusted device
and API token; signing out forgets this device's PIN; sessions, devices and tokens are listed and
revocable; an access log; token names encrypted at rest.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD, page
from nocontact.accounts.devices import DEVICE_COOKIE
from nocontact.accounts.models import AccessEvent, AccountSession, ApiToken, TrustedDevice, User

pytestmark = pytest.mark.django_db

FIREFOX_ANDROID = "Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0"
CHROME_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
)
NEW_PASSWORD = "a brand new lighthouse"


def _sign_in(client: Client, username: str = "alice", password: str = PASSWORD):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def _text(response) -> str:
    """A page's words, without its tags."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page(response)))


def _signed_in(client: Client) -> bool:
    return client.get(reverse("plans:dashboard")).status_code == 200


def _trusted_device(client: Client) -> str:
    """Sign Alice in on this client and trust it with a PIN; then the idle lock signs her out."""
    assert _sign_in(client).status_code == 302
    client.post(reverse("safety:device_trust"), {"pin": "4821", "password": PASSWORD})
    raw = client.cookies[DEVICE_COOKIE].value
    client.post(reverse("accounts:logout"), {"why": "idle"})
    return raw


def _guess(client: Client, username: str = "alice", times: int | None = None) -> None:
    for _ in range(times or settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": username, "password": "guess guess guess"})


# --- Item 3: lockout --------------------------------------------------------------------------------


@pytest.mark.parametrize("variant", ["ALICE", "Alice", " aLiCe ", "ａｌｉｃｅ"])
def test_a_lockout_holds_whatever_the_case_or_form_of_the_name(alice, variant):
    attacker = Client(REMOTE_ADDR="203.0.113.5")
    _guess(attacker, "alice")
    response = _sign_in(attacker, variant)
    assert response.status_code == 429
    assert not _signed_in(attacker)


def test_guesses_spread_over_cases_count_as_one_name(alice):
    attacker = Client(REMOTE_ADDR="203.0.113.5")
    for name in ["alice", "ALICE", "Alice", "aLICE", "AlIcE"][: settings.AXES_FAILURE_LIMIT]:
        _guess(attacker, name, times=1)
    assert _sign_in(attacker, "alice").status_code == 429


def test_guesses_on_the_same_network_do_not_lock_out_the_owners_trusted_device(alice):
    owner = Client(REMOTE_ADDR="192.0.2.10")
    _trusted_device(owner)
    someone = Client(REMOTE_ADDR="192.0.2.10")  # the same home network, the same address
    _guess(someone)
    assert _sign_in(someone).status_code == 429  # they are held back
    assert _sign_in(owner).status_code == 302  # the owner, on her own trusted device, is not
    assert _signed_in(owner)


def test_guesses_do_not_stop_the_pin(alice):
    owner = Client(REMOTE_ADDR="192.0.2.10")
    _trusted_device(owner)
    _guess(Client(REMOTE_ADDR="192.0.2.10"))
    assert owner.post(reverse("safety:unlock"), {"pin": "4821"})["Location"] == reverse("plans:dashboard")
    assert _signed_in(owner)


def test_another_accounts_trusted_device_does_not_get_past_the_lockout(alice, bob):
    bobs = Client(REMOTE_ADDR="192.0.2.10")
    assert _sign_in(bobs, "bob").status_code == 302
    bobs.post(reverse("safety:device_trust"), {"pin": "1234", "password": PASSWORD})
    bobs.post(reverse("accounts:logout"), {"why": "idle"})
    _guess(bobs, "alice")
    assert _sign_in(bobs, "alice").status_code == 429


def test_wrong_passwords_on_a_trusted_device_end_its_trust_then_the_lockout_applies(alice):
    device = Client(REMOTE_ADDR="192.0.2.10")
    _trusted_device(device)
    _guess(device)
    assert not TrustedDevice.objects.filter(user=alice).exists()
    _guess(device)
    assert _sign_in(device).status_code == 429


# --- Item 2: a password change ends every way back in ---------------------------------------------


def test_a_password_change_ends_every_other_session_trusted_device_and_token(alice, alice_token):
    here = Client(HTTP_USER_AGENT=CHROME_WINDOWS)
    assert _sign_in(here).status_code == 302
    there = Client(HTTP_USER_AGENT=FIREFOX_ANDROID)
    _trusted_device(there)
    elsewhere = Client()
    assert _sign_in(elsewhere).status_code == 302
    api = Client(HTTP_AUTHORIZATION=f"Bearer {alice_token}")
    assert api.get("/api/v1/plans").status_code == 200

    response = here.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert _signed_in(here)  # still signed in where the change was made
    assert not _signed_in(elsewhere)
    assert there.post(reverse("safety:unlock"), {"pin": "4821"})["Location"] == reverse("accounts:login")
    assert not _signed_in(there)
    assert api.get("/api/v1/plans").status_code == 401
    assert list(AccountSession.objects.filter(user=alice).values_list("session_key", flat=True)) == [
        here.session.session_key
    ]
    assert "Password changed" in page(here.get(reverse("accounts:access")))


def test_signing_out_on_purpose_forgets_this_devices_pin(alice):
    device = Client()
    raw = _trusted_device(device)
    device.post(reverse("safety:unlock"), {"pin": "4821"})
    assert _signed_in(device)
    response = device.post(reverse("accounts:logout"))
    assert not TrustedDevice.objects.filter(user=alice).exists()
    assert response.cookies[DEVICE_COOKIE].value == ""
    device.cookies[DEVICE_COOKIE] = raw  # even a copy of the old cookie no longer opens anything
    assert device.post(reverse("safety:unlock"), {"pin": "4821"})["Location"] == reverse("accounts:login")
    assert not _signed_in(device)


def test_the_idle_lock_keeps_the_pin(alice):
    device = Client()
    _trusted_device(device)
    assert TrustedDevice.objects.filter(user=alice).exists()


# --- Item 2: the page of sessions, devices and tokens ---------------------------------------------


def test_the_access_page_lists_each_way_in_in_plain_words_and_ends_one(alice, alice_token):
    here = Client(HTTP_USER_AGENT=CHROME_WINDOWS)
    _sign_in(here)
    phone = Client(HTTP_USER_AGENT=FIREFOX_ANDROID)
    _trusted_device(phone)
    phone.post(reverse("safety:unlock"), {"pin": "4821"})
    body = _text(here.get(reverse("accounts:access")))
    assert "Chrome on Windows (this one)" in body
    assert "Firefox on Android" in body
    assert "tests" in body  # the token's name
    assert here.session.session_key not in body  # session keys never appear on the page

    theirs = AccountSession.objects.get(user=alice, device="Firefox on Android")
    here.post(reverse("accounts:session_end", args=[theirs.public_id]))
    assert not _signed_in(phone)
    assert _signed_in(here)
    device = TrustedDevice.objects.get(user=alice)
    here.post(reverse("accounts:device_forget", args=[device.public_id]))
    assert not TrustedDevice.objects.filter(user=alice).exists()


def test_sign_out_everywhere_else_keeps_only_this_browser(alice):
    here = Client()
    _trusted_device(here)
    here.post(reverse("safety:unlock"), {"pin": "4821"})
    others = [Client(), Client()]
    for other in others:
        _sign_in(other)
    other_device = Client()
    _trusted_device(other_device)

    here.post(reverse("accounts:sign_out_everywhere_else"))
    assert _signed_in(here)
    assert not any(_signed_in(other) for other in others)
    assert other_device.post(reverse("safety:unlock"), {"pin": "4821"})["Location"] == reverse("accounts:login")
    assert TrustedDevice.objects.filter(user=alice).count() == 1  # this one is still trusted


def test_bob_cannot_end_alices_session_or_forget_her_device(alice, bob, bob_client):
    device = Client()
    _trusted_device(device)
    device.post(reverse("safety:unlock"), {"pin": "4821"})
    session = AccountSession.objects.get(user=alice)
    trusted = TrustedDevice.objects.get(user=alice)
    bob_client.post(reverse("accounts:session_end", args=[session.public_id]))
    bob_client.post(reverse("accounts:device_forget", args=[trusted.public_id]))
    assert _signed_in(device)
    assert TrustedDevice.objects.filter(pk=trusted.pk).exists()
    assert "Firefox" not in page(bob_client.get(reverse("accounts:access")))


def test_anonymous_cannot_see_the_access_page(client, alice):
    assert client.get(reverse("accounts:access")).status_code == 302


# --- Item 2: the access log -------------------------------------------------------------------------


def test_the_access_log_shows_who_got_in_and_failed_tries_newest_first(alice):
    start = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False) as traveller:
        someone = Client(HTTP_USER_AGENT=FIREFOX_ANDROID)
        someone.post(reverse("accounts:login"), {"username": "ALICE", "password": "is it this one"})
        traveller.shift(timedelta(minutes=1))
        device = Client(HTTP_USER_AGENT=CHROME_WINDOWS)
        _trusted_device(device)
        traveller.shift(timedelta(minutes=1))
        device.post(reverse("safety:unlock"), {"pin": "0000"})
        traveller.shift(timedelta(minutes=1))
        device.post(reverse("safety:unlock"), {"pin": "4821"})
        body = page(device.get(reverse("accounts:access")))
    order = [
        "Opened with the PIN",
        "A wrong PIN",
        "A new trusted device",
        "Signed in with the password",
        "A failed sign-in with the password",
    ]
    positions = [body.index(text) for text in order]
    assert positions == sorted(positions)
    assert "Firefox on Android" in body
    kinds = set(AccessEvent.objects.filter(user=alice).values_list("kind", flat=True))
    assert {"sign_in_failed", "sign_in", "device_trusted", "pin_failed", "pin_unlock"} <= kinds


def test_the_access_log_keeps_no_secret_and_no_address(alice):
    Client(REMOTE_ADDR="203.0.113.77").post(
        reverse("accounts:login"), {"username": "alice", "password": "my secret guess 1"}
    )
    _trusted_device(Client(REMOTE_ADDR="203.0.113.77"))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {AccessEvent._meta.db_table}")
        rows = " ".join(str(row) for row in cursor.fetchall())
    assert rows
    for secret in ("my secret guess 1", PASSWORD, "4821", "203.0.113"):
        assert secret not in rows


def test_the_access_log_is_capped(alice):
    from nocontact.accounts.services import access_record

    now = datetime.now(UTC)
    access_record(user=alice, kind="sign_in", now=now - timedelta(days=120))
    for minute in range(60):
        access_record(user=alice, kind="sign_in_failed", now=now + timedelta(minutes=minute))
    assert AccessEvent.objects.filter(user=alice).count() == 50
    assert not AccessEvent.objects.filter(user=alice, at__lt=now - timedelta(days=90)).exists()


# --- Item 4 (token names) ------------------------------------------------------------------------------


def test_token_names_are_encrypted_at_rest(alice_client, alice):
    alice_client.post(reverse("accounts:token_create"), {"name": "Sam's old phone script"})
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {ApiToken._meta.db_table}")
        rows = " ".join(str(row) for row in cursor.fetchall())
    assert "Sam's old phone script" not in rows
    assert "Sam's old phone script" in page(alice_client.get(reverse("accounts:settings")))


@pytest.mark.django_db(transaction=True)
def test_existing_token_names_are_encrypted_by_the_migration():
    from django.db.migrations.executor import MigrationExecutor

    before = [("accounts", "0002_safeguards")]
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(before)
    try:
        old = MigrationExecutor(connection).loader.project_state(before).apps
        user = old.get_model("accounts", "User").objects.create(username="old-timer", password="!")
        old.get_model("accounts", "ApiToken").objects.create(
            user=user, name="the kitchen tablet", prefix="nc_abc", digest="d" * 64
        )
        for n in range(2):  # devices trusted before: each gets its own public id
            old.get_model("accounts", "TrustedDevice").objects.create(user=user, digest=f"{n}" * 64, pin_hash="x")
        executor = MigrationExecutor(connection)
        executor.migrate(latest)
    finally:
        MigrationExecutor(connection).migrate(latest)
    token = ApiToken.objects.select_related("user").get(user__username="old-timer")
    assert token.name_encrypted.startswith("v1:")
    assert token.name == "the kitchen tablet"
    ids = set(TrustedDevice.objects.filter(user=token.user).values_list("public_id", flat=True))
    assert len(ids) == 2
    assert None not in ids
    User.objects.filter(username="old-timer").delete()
