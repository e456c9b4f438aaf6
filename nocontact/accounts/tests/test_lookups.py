"""The per-request lookups, read with raw queries for speed, still decide exactly as Django's would."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from nocontact.accounts.models import AccountSession as Session
from nocontact.accounts.models import ApiToken, User
from nocontact.accounts.services import token_revoke

pytestmark = pytest.mark.django_db


def status(client: Client) -> int:
    return client.get(reverse("plans:dashboard")).status_code


def test_a_signed_in_session_opens_the_dashboard(alice_client):
    assert status(alice_client) == 200


def test_an_expired_session_signs_the_person_out(alice_client):
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    assert status(alice_client) == 302


def test_a_session_ended_elsewhere_signs_the_person_out(alice_client):
    Session.objects.all().delete()  # erase everything, or a log out on another device
    assert status(alice_client) == 302


def test_a_deactivated_account_is_signed_out(alice_client, alice):
    User.objects.filter(pk=alice.pk).update(is_active=False)
    assert status(alice_client) == 302


def test_a_changed_password_signs_out_other_sessions(alice_client, alice):
    alice.set_password("another quiet harbour 78")
    alice.save()
    assert status(alice_client) == 302


def plan_list(api: Client) -> int:
    return api.get("/api/v1/plans").status_code


def test_a_revoked_token_is_refused(api, alice):
    assert plan_list(api) == 200
    token_revoke(token=ApiToken.objects.get(user=alice))
    assert plan_list(api) == 401


def test_a_token_of_a_deactivated_account_is_refused(api, alice):
    User.objects.filter(pk=alice.pk).update(is_active=False)
    assert plan_list(api) == 401


def test_another_tokens_digest_is_not_accepted(api, alice, bob):
    from nocontact.accounts.services import token_create

    bobs = token_create(user=bob, name="bob")[1]
    assert Client(HTTP_AUTHORIZATION=f"Bearer {bobs[:-1]}x").get("/api/v1/plans").status_code == 401


def test_last_use_is_written_at_most_once_a_minute(api, alice):
    token = ApiToken.objects.get(user=alice)
    assert token.last_used_at is None
    with time_machine.travel("2026-03-01 12:00:00Z", tick=False):
        plan_list(api)
        first = ApiToken.objects.get(pk=token.pk).last_used_at
        assert first is not None
        assert first.isoformat().startswith("2026-03-01T12:00:00")
    with time_machine.travel("2026-03-01 12:00:50Z", tick=False):
        plan_list(api)
        assert ApiToken.objects.get(pk=token.pk).last_used_at == first
    with time_machine.travel("2026-03-01 12:01:30Z", tick=False):
        plan_list(api)
        assert ApiToken.objects.get(pk=token.pk).last_used_at.isoformat().startswith("2026-03-01T12:01:30")
