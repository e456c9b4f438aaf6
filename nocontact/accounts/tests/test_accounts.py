from __future__ import annotations

import json
import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD, page
from nocontact.accounts.models import ApiToken, User
from nocontact.plans.models import Contact, Plan


def signup(client: Client, username: str, password: str = PASSWORD, **extra):
    return client.post(
        reverse("accounts:signup"),
        {"username": username, "password1": password, "password2": password},
        **extra,
    )


@pytest.mark.django_db
def test_sign_up_logs_in_and_shows_the_login_name(client):
    response = signup(client, "river")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:welcome")
    user = User.objects.get()
    assert re.fullmatch(r"river-\d{4}", user.username)
    assert user.password.startswith("argon2$argon2id$")
    welcome = page(client.get(response["Location"]))
    assert user.username in welcome
    assert reverse("plans:plan_create") in welcome
    assert client.get(reverse("plans:dashboard")).status_code == 200
    client.post(reverse("accounts:logout"))
    again = client.post(reverse("accounts:login"), {"username": user.username.upper(), "password": PASSWORD})
    assert again.status_code == 302


@pytest.mark.django_db
def test_sign_up_refuses_weak_and_mismatched_passwords(client):
    assert signup(client, "river", "short").status_code == 400
    response = client.post(
        reverse("accounts:signup"), {"username": "river", "password1": PASSWORD, "password2": PASSWORD + "x"}
    )
    assert response.status_code == 400
    assert "don't match" in page(response)
    assert not User.objects.exists()


@pytest.mark.django_db
def test_sign_up_does_not_reveal_whether_a_name_is_in_use():
    first, second = Client(), Client()
    one = signup(first, "river")
    two = signup(second, "River")  # the same name again, by someone else
    assert one.status_code == two.status_code == 302
    assert one["Location"] == two["Location"] == reverse("accounts:welcome")
    names = sorted(User.objects.values_list("username", flat=True))
    assert len(names) == 2
    assert names[0].lower() != names[1].lower()
    assert all(re.fullmatch(r"river-\d{4}", n, re.I) for n in names)


def test_a_number_collision_is_retried(alice, monkeypatch):
    from nocontact.accounts import services

    taken = services.user_create(username="river-1000", password=PASSWORD)
    numbers = iter([0, 0, 1])  # randbelow answers: 1000 (taken), 1000 again, then 1001
    monkeypatch.setattr(services.secrets, "randbelow", lambda n: next(numbers))
    user = services.user_sign_up(name="river", password=PASSWORD)
    assert user.username == "river-1001"
    assert taken.username == "river-1000"


@pytest.mark.django_db
def test_sign_up_is_throttled_per_address(client, settings):
    settings.SIGNUP_LIMIT_PER_HOUR = 3
    for i in range(3):
        signup(Client(), f"person{i}")
    assert User.objects.count() == 3
    response = signup(client, "person9")
    assert response.status_code == 400
    assert "Too many new accounts" in page(response)
    assert User.objects.count() == 3
    other = signup(Client(REMOTE_ADDR="10.9.9.9"), "person10")
    assert other.status_code == 302


def test_login_and_logout(client, alice):
    response = client.post(reverse("accounts:login"), {"username": "Alice", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("plans:dashboard")).status_code == 200
    assert client.get(reverse("accounts:logout")).status_code == 405  # logging out takes a POST
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("plans:dashboard")).status_code == 302


def test_login_does_not_reveal_whether_an_account_exists(client, alice):
    wrong_password = client.post(reverse("accounts:login"), {"username": "alice", "password": "nope nope nope"})
    no_account = client.post(reverse("accounts:login"), {"username": "nobody", "password": "nope nope nope"})
    assert wrong_password.status_code == no_account.status_code == 200

    def error_text(r):
        import re

        return re.findall(r'<ul class="errorlist[^"]*">(.*?)</ul>', page(r), re.S)

    assert error_text(wrong_password) == error_text(no_account)
    assert "don't match an account" in page(wrong_password)


def test_password_guessing_is_paused_for_that_address_only(alice):
    attacker = Client(REMOTE_ADDR="203.0.113.5")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attacker.post(reverse("accounts:login"), {"username": "alice", "password": "guess guess guess"})
    locked = attacker.post(reverse("accounts:login"), {"username": "alice", "password": PASSWORD})
    assert locked.status_code == 429
    assert "pause" in page(locked).lower()
    # The real Alice, elsewhere, still gets in.
    real = Client(REMOTE_ADDR="198.51.100.7")
    response = real.post(reverse("accounts:login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302


def test_sessions_expire():
    assert settings.SESSION_COOKIE_AGE <= 30 * 24 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is False


def test_change_password(alice_client, alice):
    response = alice_client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a brand new lighthouse",
            "new_password2": "a brand new lighthouse",
        },
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("a brand new lighthouse")
    assert alice_client.get(reverse("plans:dashboard")).status_code == 200  # still signed in


def test_delete_account_removes_everything(alice_client, alice, alice_contact, alice_token, bob):
    from nocontact.plans.services import plan_create

    bob_plan = plan_create(user=bob, name="Sam", started_at=alice_contact.at, tz="UTC", now=alice_contact.at)
    from nocontact.domain.feelings import make_feeling
    from nocontact.journal.models import JournalEntry, MoodCheckIn
    from nocontact.journal.services import checkin_create, entry_create
    from nocontact.urges.models import SupportPerson, Urge
    from nocontact.urges.services import support_person_save, urge_record

    entry_create(user=alice, text="private", today=alice_contact.at.date())
    checkin_create(user=alice, feelings=[make_feeling("calm")], at=alice_contact.at)
    support_person_save(user=alice, name="Robin", phone="1", preferred="call")
    urge_record(user=alice, key="k-delete-me", started_at=alice_contact.at, outcome="passed", now=alice_contact.at)
    wrong = alice_client.post(reverse("accounts:delete"), {"confirmation": "erase"})
    assert wrong.status_code == 400
    assert "erase everything" in page(wrong)
    assert User.objects.filter(pk=alice.pk).exists()
    response = alice_client.post(reverse("accounts:delete"), {"confirmation": " Erase  everything "})
    assert response.status_code == 200
    assert "server backups" in page(response) or "server's backups" in page(response)
    assert response["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    assert not User.objects.filter(pk=alice.pk).exists()
    assert not Plan.objects.filter(user_id=alice.pk).exists()
    assert not Contact.objects.filter(plan__user_id=alice.pk).exists()
    assert not ApiToken.objects.filter(user_id=alice.pk).exists()
    for model in (JournalEntry, MoodCheckIn, SupportPerson, Urge):
        assert not model.objects.filter(user_id=alice.pk).exists(), model
    assert Plan.objects.filter(pk=bob_plan.pk).exists()
    assert alice_client.get(reverse("plans:dashboard")).status_code == 302


def test_api_tokens_are_shown_once_and_stored_hashed(alice_client, alice):
    response = alice_client.post(reverse("accounts:token_create"), {"name": "my script"})
    raw = response.context["raw"]
    assert raw.startswith("nc_")
    token = ApiToken.objects.get(user=alice)
    assert raw not in (token.digest, token.prefix)
    assert len(token.digest) == 64
    body = page(alice_client.get(reverse("accounts:settings")))
    assert "my script" in body
    assert raw not in body
    api = Client()
    assert api.get("/api/v1/plans", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
    alice_client.post(reverse("accounts:token_revoke", args=[token.public_id]))
    assert api.get("/api/v1/plans", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_bob_cannot_revoke_alices_token(bob_client, alice, alice_token):
    token = ApiToken.objects.get(user=alice)
    assert bob_client.post(reverse("accounts:token_revoke", args=[token.public_id])).status_code == 404
    token.refresh_from_db()
    assert token.active


@pytest.mark.parametrize("url", ["plans:dashboard", "plans:plan_create", "accounts:settings", "accounts:delete"])
def test_anonymous_visitors_are_sent_to_log_in(client, db, url):
    response = client.get(reverse(url))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_download_my_data(alice_client, alice_contact, bob, now):
    from nocontact.plans.services import plan_create

    plan_create(user=bob, name="Bobs secret plan", started_at=alice_contact.at, tz="UTC", now=now)
    response = alice_client.get(reverse("accounts:export"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = response.json()
    assert data["user"]["username"] == "alice"
    assert [p["name"] for p in data["plans"]] == ["Sam"]
    assert data["plans"][0]["reason"] == "My evenings are mine again."
    assert data["plans"][0]["contacts"][0]["note"] == "I said I missed the dog."
    assert "Bobs secret plan" not in response.content.decode()


def test_the_export_is_assembled_from_every_app_in_one_fixed_order(alice_client, alice_contact):
    """Each app registers its own part (nocontact/registry.py); the file reads the same as it always has."""
    data = json.loads(alice_client.get(reverse("accounts:export")).content)
    assert list(data) == [
        "format", "version", "exported_at", "user", "plans", "journal", "moods", "urges", "support_circle",
        "things_that_help", "api_tokens",
    ]  # fmt: skip
    assert list(data["plans"][0]) == [
        "id", "name", "mode", "since", "goal_days", "tz", "count_indirect", "reason", "created_at",
        "boundaries", "contacts", "safety_log", "readiness_checks", "imports",
    ]  # fmt: skip


def test_anonymous_cannot_download(client, alice_contact):
    response = client.get(reverse("accounts:export"))
    assert response.status_code == 302
