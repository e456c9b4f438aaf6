"""Issue 15 item 7: the login name can't be lost without warning, and an optional recovery code."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD, page
from nocontact.accounts.models import AccessEvent, AccountSession, ApiToken, TrustedDevice, User

pytestmark = pytest.mark.django_db
NEW = "a brand new lighthouse"


def _code(alice_client) -> str:
    body = page(alice_client.post(reverse("accounts:recovery_create")))
    (code,) = re.findall(r'data-testid="recovery-code">([A-Z0-9-]+)<', body)
    return code


def _recover(client: Client, username: str, code: str, password: str = NEW):
    return client.post(
        reverse("accounts:recover"),
        {"username": username, "code": code, "new_password1": password, "new_password2": password},
    )


def test_the_welcome_page_offers_the_real_login_name_to_the_password_manager(client):
    client.post(reverse("accounts:signup"), {"username": "robin", "password1": PASSWORD, "password2": PASSWORD})
    user = User.objects.get()
    body = page(client.get(reverse("accounts:welcome")))
    field = re.search(r"<input[^>]*autocomplete=\"username\"[^>]*>", body).group(0)
    assert f'value="{user.username}"' in field
    assert "hidden" in field
    assert 'autocomplete="current-password"' in body
    assert "nobody can reset your password" in body
    wrong = client.post(reverse("accounts:welcome"), {"username": user.username, "password": "not it at all"})
    assert wrong.status_code == 400
    right = client.post(reverse("accounts:welcome"), {"username": user.username, "password": PASSWORD})
    assert right["Location"] == reverse("plans:plan_create")


def test_the_account_page_shows_the_login_name_and_says_there_is_no_reset_without_it(alice_client):
    body = page(alice_client.get(reverse("accounts:settings")))
    assert 'data-testid="account-login-name">alice<' in body
    assert "without your login name nobody" in body


def test_a_recovery_code_is_shown_once_and_stored_only_as_an_argon2_hash(alice_client, alice):
    code = _code(alice_client)
    assert re.fullmatch(r"([A-Z0-9]{5}-){4}[A-Z0-9]{5}", code)
    alice.refresh_from_db()
    assert alice.recovery_hash.startswith("argon2$argon2id$")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {User._meta.db_table}")
        rows = " ".join(str(r) for r in cursor.fetchall())
    assert code not in rows
    assert code.replace("-", "") not in rows
    assert code not in page(alice_client.get(reverse("accounts:settings")))
    assert "You have a recovery code" in page(alice_client.get(reverse("accounts:settings")))


def test_the_recovery_code_sets_a_new_password_and_ends_every_way_back_in(alice_client, alice, alice_token):
    code = _code(alice_client)
    device = Client()
    device.post(reverse("accounts:login"), {"username": "alice", "password": PASSWORD})
    device.post(reverse("safety:device_trust"), {"pin": "4821", "password": PASSWORD})
    stranger = Client()
    response = _recover(stranger, "ALICE", code.lower().replace("-", " "))  # as read back from paper
    assert response["Location"] == reverse("accounts:settings")
    assert "Your new password is set" in page(stranger.get(reverse("accounts:settings")))
    alice.refresh_from_db()
    assert alice.check_password(NEW)
    assert alice.recovery_hash == ""
    assert alice_client.get(reverse("plans:dashboard")).status_code == 302
    assert device.get(reverse("plans:dashboard")).status_code == 302
    assert not TrustedDevice.objects.filter(user=alice).exists()
    assert not ApiToken.objects.filter(user=alice, revoked_at__isnull=True).exists()
    assert AccountSession.objects.filter(user=alice).count() == 1  # only the new sign-in
    assert AccessEvent.objects.filter(user=alice, kind="password_recovered").exists()
    again = _recover(Client(), "alice", code, password="yet another harbour")
    assert again.status_code == 400  # used up


@pytest.mark.parametrize("name", ["alice", "nobody-1234"])
def test_a_wrong_code_or_name_gets_one_calm_answer(alice_client, alice, name):
    _code(alice_client)
    response = _recover(Client(), name, "AAAAA-AAAAA-AAAAA-AAAAA-AAAAA")
    assert response.status_code == 400
    assert "don't go together" in page(response)
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_without_a_code_there_is_no_reset(alice):
    response = _recover(Client(), "alice", "")
    assert response.status_code == 400
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


@pytest.mark.parametrize(
    "data",
    [
        {"username": "alice\x00", "code": "x", "new_password1": NEW, "new_password2": NEW},
        {"username": "a" * 5000, "code": "x" * 5000, "new_password1": NEW, "new_password2": NEW},
        {"username": "alice", "code": "x", "new_password1": "short", "new_password2": "short"},
        {"username": ["alice"], "code": "x"},
        {},
    ],
)
def test_bad_input_on_the_forgot_page_is_a_form_error(alice, data):
    response = Client().post(reverse("accounts:recover"), data)
    assert response.status_code == 400


def test_recovery_tries_are_limited_per_address(alice, settings):
    settings.RECOVERY_LIMIT_PER_HOUR = 2
    client = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(2):
        _recover(client, "alice", "AAAAA")
    assert "Too many tries" in page(_recover(client, "alice", "AAAAA"))


def test_the_code_can_be_removed(alice_client, alice):
    code = _code(alice_client)
    alice_client.post(reverse("accounts:recovery_remove"))
    assert _recover(Client(), "alice", code).status_code == 400
