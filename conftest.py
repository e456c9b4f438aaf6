"""Shared test fixtures. The cast: Alice owns things, Bob is someone else, anonymous has nothing."""

from __future__ import annotations

import os
import tempfile

# Keep the test run's generated keys out of the user's real data folder.
os.environ.setdefault("NOCONTACT_DATA_DIR", tempfile.mkdtemp(prefix="nocontact-test-"))

from datetime import UTC, datetime

import pytest

PASSWORD = "a quiet harbour 77"


@pytest.fixture
def alice(db):
    from nocontact.accounts.services import user_create

    return user_create(username="alice", password=PASSWORD)


@pytest.fixture
def bob(db):
    from nocontact.accounts.services import user_create

    return user_create(username="bob", password=PASSWORD)


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def bob_client(alice, bob):
    from django.test import Client

    c = Client()
    c.force_login(bob, backend="django.contrib.auth.backends.ModelBackend")
    return c


@pytest.fixture
def now():
    return datetime.now(UTC)


@pytest.fixture
def alice_plan(alice, now):
    from nocontact.plans.services import plan_create

    return plan_create(
        user=alice,
        name="Sam",
        started_at=datetime(2026, 1, 1, 9, 0, tzinfo=UTC),
        tz="Europe/Berlin",
        reason="My evenings are mine again.",
        now=now,
    )


@pytest.fixture
def alice_contact(alice_plan, now):
    from nocontact.plans.services import contact_log

    return contact_log(
        plan=alice_plan,
        at=datetime(2026, 1, 5, 12, 0, tzinfo=UTC),
        channel="text",
        direction="outgoing",
        note="I said I missed the dog.",
        now=now,
    )


@pytest.fixture
def alice_token(alice):
    from nocontact.accounts.services import token_create

    return token_create(user=alice, name="tests")[1]


def page(response) -> str:
    """A response body as a person would read it (HTML entities decoded)."""
    import html

    return html.unescape(response.content.decode())
