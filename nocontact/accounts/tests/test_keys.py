"""Rotating the master key keeps every word readable, and can be resumed after a crash."""

from __future__ import annotations

import base64
import os

import pytest

from nocontact import crypto
from nocontact.accounts import keys
from nocontact.accounts.models import User
from nocontact.errors import ServiceError
from nocontact.plans.models import Plan


@pytest.fixture
def key_file(tmp_path, monkeypatch):
    path = tmp_path / "master.key"
    path.write_text(crypto.generate_master_key() + "\n")
    monkeypatch.setenv("NOCONTACT_MASTER_KEY_FILE", str(path))
    monkeypatch.delenv("NOCONTACT_MASTER_KEY", raising=False)
    crypto.master_keys.cache_clear()
    yield path
    crypto.master_keys.cache_clear()


def fresh_reason(plan: Plan) -> str:
    return Plan.objects.select_related("user").get(pk=plan.pk).reason  # a new User object: no cached data key


def test_rotation_rewraps_every_account_and_drops_the_old_key(key_file, alice_plan, bob, now):
    from nocontact.plans.services import plan_create

    bobs = plan_create(user=bob, name="Jo", started_at=now, tz="UTC", reason="Bob's words.", now=now)
    old = key_file.read_text()
    done = keys.rotate_master_key()
    assert done.rewrapped == 2
    new = key_file.read_text()
    assert new != old
    assert len(new.split()) == 1
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    assert done.retired_key_ids == (crypto.key_id(base64.urlsafe_b64decode(old.strip())),)
    assert fresh_reason(alice_plan) == "My evenings are mine again."
    assert fresh_reason(bobs) == "Bob's words."
    for user in User.objects.all():
        assert user.wrapped_key.startswith(done.new_key_id + ":")


def test_an_interrupted_rotation_can_be_finished(key_file, alice_plan, monkeypatch):
    calls = []
    original = keys._write_keys

    def crash_after_first_write(path, ring):
        original(path, ring)
        calls.append(len(ring))
        if len(calls) == 1:
            raise KeyboardInterrupt  # the process stops with both keys in the file

    monkeypatch.setattr(keys, "_write_keys", crash_after_first_write)
    with pytest.raises(KeyboardInterrupt):
        keys.rotate_master_key()
    assert len(key_file.read_text().split()) == 2
    assert fresh_reason(alice_plan) == "My evenings are mine again."  # still readable mid-way
    monkeypatch.setattr(keys, "_write_keys", original)
    keys.rotate_master_key()
    assert len(key_file.read_text().split()) == 1
    assert fresh_reason(alice_plan) == "My evenings are mine again."


def test_a_missing_master_key_is_a_clear_error(key_file, alice_plan):
    key_file.write_text(crypto.generate_master_key() + "\n")  # the right key is lost
    crypto.master_keys.cache_clear()
    with pytest.raises(crypto.DecryptionError, match="is not configured"):
        fresh_reason(alice_plan)


def test_keys_from_the_environment_rotate_in_two_steps(alice_plan, monkeypatch):
    old = base64.urlsafe_b64encode(crypto.master_key()).decode()
    monkeypatch.setenv("NOCONTACT_MASTER_KEY", old)
    crypto.master_keys.cache_clear()
    try:
        with pytest.raises(ServiceError, match="NEW,OLD"):
            keys.rotate_master_key()
        new = crypto.generate_master_key()
        monkeypatch.setenv("NOCONTACT_MASTER_KEY", f"{new},{old}")
        crypto.master_keys.cache_clear()
        done = keys.rotate_master_key()
        assert done.rewrapped == 1
        monkeypatch.setenv("NOCONTACT_MASTER_KEY", new)
        crypto.master_keys.cache_clear()
        assert fresh_reason(alice_plan) == "My evenings are mine again."
    finally:
        crypto.master_keys.cache_clear()
    assert os.environ.get("NOCONTACT_MASTER_KEY") == new
