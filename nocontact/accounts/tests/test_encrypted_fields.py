"""The encrypted attributes (crypto.Encrypted) read what was stored before them, and bind the same way.

The ciphertexts below were written by the property pairs the models had before the descriptor, for a
user whose data key is fixed, so a change of table, field or row binding, or of the stored format,
shows here as a value that no longer opens.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import models

from nocontact import crypto
from nocontact.accounts.models import ApiToken, User
from nocontact.boundaries.models import PlanBoundaries
from nocontact.imports.models import ImportBatch
from nocontact.journal.models import JournalEntry, MoodCheckIn, MoodFeeling
from nocontact.plans.models import Contact, Plan
from nocontact.readiness.models import ReadinessCheck
from nocontact.safety.models import Incident
from nocontact.urges.models import Helper, SupportPerson, Urge

DATA_KEY = bytes(range(32))

# (model, attribute, ciphertext stored before the descriptor, the value it holds)
WRITTEN_BEFORE = [
    ("Plan", "reason", "v1:XYqyk0PpUci3nfhfyrWpACnvtIntIQYpRZvTGZuLUkfnZ5ZpDljtgEmdbw==", "I deserve calm."),
    (
        "ImportBatch",
        "file_name",
        "v1:PCKgvlZCKFIMnm7QwTScxKgoNyrQZwkfOQb8E6iPYAjTntOXMq_rzfi1R2Usa88zrUMH0u3W",
        "WhatsApp Chat with Sam.txt",
    ),
    (
        "ImportBatch",
        "summary",
        "v1:v5waEWg_XM-_Yk6CXxS9bSmfAI6utBQPpzOwvqtuvKPYDepRGbGYW1RGYU6hj376lwNyYXVCwdiR",
        {"person": "Sam", "messages": 3},
    ),
    ("Contact", "note", "v1:2b3Pwiv42EsDrHCfAqkDphSXiQ_xG0qHqB5tUD9axYOkmL5QMzolFuOSzjf0Y7c=", "He called at night."),
    (
        "PlanBoundaries",
        "topics",
        "v1:AF5WRxIVK1HsCtS9quzx0oBctA-rcRNCJxMW7YINKYGs0PL6H_GtfIcpI4Amk9k=",
        ["children", "work"],
    ),
    (
        "PlanBoundaries",
        "own_topics",
        "v1:P6JGyxYNE60e06YqLZsatZ99amN29Ud46uhvzVQaS788WffcuYUGDKXLJHAu7S8rML0=",
        {"dog": ["walk", "vet"]},
    ),
    (
        "JournalEntry",
        "text",
        "v1:F8tun_a3NnETWgqySi0GF4wLhQnQ7g-Frk8W0jDlEFemfVR7K1r8lgrOXE813vQX",
        "Zürich was hard ✓",
    ),
    ("JournalEntry", "tags", "v1:ON1IkQ1IupLyR9q_9defGTSZrxfkbeYhHgiJftrPhQRxW6MtPygB7RzKP3dpHA==", ["night", "café"]),
    ("MoodCheckIn", "note", "v1:58xX7IQkiRo6foa0aclF8WEqUSPR1eSaNTHEykODIiiM", "tired"),
    ("MoodFeeling", "own_words", "v1:hnq8flu6EbfirkmvZFz0RWfqXDMfpg2Xs1rQrODK246sRFbYiCpzcfCYYA==", "strangely light"),
    ("Urge", "unsent", "v1:8qUEZRcsj_jOBPTahOgocjK5JFVlfyGrYp9TCfxanqI_X2_336M=", "I miss you"),
    ("Urge", "feeling_words", "v1:2X5JcYziSwjm1o9UOmGcuK0XswuM4TXOzePUjTTXR4CH8Yfg19Yd1xSQ", "lonely and sad"),
    ("SupportPerson", "name", "v1:AmH55xATQbXlhjS2zOfXhiRFxqg9eksD28Xo8AWENmE=", "Noor"),
    ("SupportPerson", "phone", "v1:nWjGLAT64BQUliXjFlesnTn9snfgwNwzIznQu-9GHlT_vDPu9Wyj1cCQXc8=", "+41 79 000 00 00"),
    ("SupportPerson", "email", "v1:WE1dOn-z7QluokvItITlN8xTJiPt2UmcRWLVQJhempwqQxnf_K_PYg6fMUI=", "noor@example.org"),
    ("SupportPerson", "message", "v1:cJK7eXyyBrBY3qjRf6f69aZcYd7uK__2jYWcHhDJM-6klf9YBdtJJQ==", "Can we talk?"),
    (
        "SupportPerson",
        "notify_url",
        "v1:pWkOqriVD04mkBEjCfUqWTyMWVhFFCC829hyJN_JDXvAaHypCBzkUBzTL05E8QmG8NMb2zs=",
        "mailto://n:pw@example.org",
    ),
    ("Helper", "text", "v1:TtTqEa5NUXuvR2-fU_uhWs6QfGVkY4PuiWU1be5LYu9_Z8ePHx4xGWRnLQOHmg==", "A walk by the lake"),
    (
        "Incident",
        "details",
        "v1:MGpf_jGZrQ_kuK9M6Zr5CxK6yUcCahX8gZIyabV8RCd8XNVAJ02B6RAMvnu9oWFo6-o=",
        "He waited at the door.",
    ),
    (
        "Incident",
        "nonce",
        "v1:9_V8ZGwXFcOQ1eAi2QCuIsE3aQtFGednmxaOqCAhgw0y0pYbor2j4g8KMn3FjrSnDofhMj8M7Y74PC6n",
        "00ff00ff00ff00ff00ff00ff00ff00ff",
    ),
    (
        "ReadinessCheck",
        "answers",
        "v1:LAgDHvDeSpWbegFYFtOCqt5G1zrbD5_uNqLAHyqg4bBEjqUi4hzr6CZejE7uFZoBqDjheKIrm_c4I-w2pqs=",
        {"feelings": "no", "need": "none"},
    ),
    ("ApiToken", "name", "v1:Xc8pSQNMI5MWSCOg-1QYuXx05m8zWq4op8hRNmmr1nZvVXPq", "my phone"),
]


def owner() -> User:
    user = User(pk=7, username="alice")
    user._nocontact_data_key = DATA_KEY  # type: ignore[attr-defined]
    return user


def instance(model: str, user: User) -> models.Model:
    """An unsaved row of ``model`` with the ids the ciphertexts above were bound to."""
    plan = Plan(user=user, public_id="plan0000000001")
    checkin = MoodCheckIn(user=user, public_id="mood0000000001")
    made: dict[str, models.Model] = {
        "Plan": plan,
        "ImportBatch": ImportBatch(plan=plan, public_id="batch000000001"),
        "Contact": Contact(plan=plan, public_id="contact0000001"),
        "PlanBoundaries": PlanBoundaries(plan=plan),
        "JournalEntry": JournalEntry(user=user, public_id="journal0000001"),
        "MoodCheckIn": checkin,
        "MoodFeeling": MoodFeeling(checkin=checkin, public_id="feeling0000001"),
        "Urge": Urge(user=user, public_id="urge0000000001"),
        "SupportPerson": SupportPerson(user=user, public_id="support0000001"),
        "Helper": Helper(user=user, public_id="helper00000001"),
        "Incident": Incident(plan=plan, public_id="incident000001"),
        "ReadinessCheck": ReadinessCheck(plan=plan, public_id="ready000000001"),
        "ApiToken": ApiToken(user=user, public_id="token000000001"),
    }
    return made[model]


@pytest.mark.parametrize(("model", "attribute", "token", "value"), WRITTEN_BEFORE)
def test_values_stored_before_the_descriptor_still_open(model: str, attribute: str, token: str, value: Any):
    obj = instance(model, owner())
    setattr(obj, f"{attribute}_encrypted", token)
    assert getattr(obj, attribute) == value


@pytest.mark.parametrize(("model", "attribute", "token", "value"), WRITTEN_BEFORE)
def test_a_value_written_now_opens_only_in_its_own_field(model: str, attribute: str, token: str, value: Any):
    obj = instance(model, owner())
    setattr(obj, attribute, value)
    stored = getattr(obj, f"{attribute}_encrypted")
    assert stored.startswith(crypto.PREFIX)
    assert stored != token
    assert getattr(obj, attribute) == value
    # Read back through a fresh object: nothing is answered from what the first one remembers.
    again = instance(model, owner())
    setattr(again, f"{attribute}_encrypted", stored)
    assert getattr(again, attribute) == value
    # Bound to its field: the same ciphertext in a neighbouring field of the same row does not open.
    descriptor = type(obj).__dict__[attribute]
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt_text(owner(), table=descriptor.table, field="elsewhere", row=descriptor.row(obj), token=stored)


def test_empty_values_store_nothing_and_read_as_empty():
    user = owner()
    helper = Helper(user=user, public_id="helper00000001", text="")
    boundaries = PlanBoundaries(plan=Plan(user=user, public_id="plan0000000001"))
    boundaries.topics = []
    assert helper.text_encrypted == ""
    assert helper.text == ""
    assert boundaries.topics_encrypted == ""
    assert boundaries.topics == []
    assert boundaries.own_topics == {}


def test_a_value_can_be_given_as_a_keyword_like_a_field():
    person = SupportPerson(user=owner(), public_id="support0000001", name="Noor", phone="+41 79 000 00 00")
    assert "Noor" not in person.name_encrypted
    assert (person.name, person.phone, person.email) == ("Noor", "+41 79 000 00 00", "")


def test_a_changed_ciphertext_is_read_anew():
    entry = JournalEntry(user=owner(), public_id="journal0000001", text="first")
    assert entry.text == "first"
    entry.text_encrypted = crypto.encrypt_text(
        owner(), table="journal", field="text", row="journal0000001", text="second"
    )
    assert entry.text == "second"
