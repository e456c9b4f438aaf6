"""Issue 19: a real import of every file in tests/data/exports writes exactly the entries the file holds
between the user and the person (expected.json), once; importing it again adds nothing."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from nocontact.imports import services
from nocontact.plans.models import Contact

CORPUS = Path(__file__).resolve().parents[3] / "tests" / "data" / "exports"
CASES = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))["files"]
NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def _analyse(case):
    path = CORPUS / case["file"]
    return services.analyse(
        name=case["file"],
        opener=lambda: path.open("rb"),
        person=case["person"],
        tz_name=case["tz"],
        date_order=case.get("date_order"),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=[c["file"].rsplit("/", 1)[-1] for c in CASES])
def test_each_file_is_written_once_with_what_it_holds(alice, case):
    expect = case["expect"]
    calls = expect["calls_outgoing"] + expect["calls_incoming"] + expect["calls_missed"]
    entries = expect["sent"] + expect["received"] + calls
    batch, plan = services.import_into(user=alice, plan_name="Them", analysis=_analyse(case), now=NOW)
    assert batch.added == entries
    written = Contact.objects.filter(plan=plan)
    assert written.count() == entries
    assert written.filter(channel="call").count() == calls
    again, _plan = services.import_into(user=alice, plan_name="Them", analysis=_analyse(case), now=NOW)
    assert again.added == 0
    assert Contact.objects.filter(plan=plan).count() == entries


@pytest.mark.django_db
def test_contact_logged_by_hand_is_recognised_not_written_twice(alice):
    from nocontact.plans.services import contact_log, plan_create

    case = next(c for c in CASES if c["file"].endswith("Rowan Pike (en, Android).txt"))
    plan = plan_create(user=alice, name="Them", started_at=datetime(2024, 1, 1, tzinfo=UTC), tz="UTC", now=NOW)
    # Logged by hand: "I texted them" a few minutes after the time the file has (09:30), and a call at another hour.
    texted = datetime(2024, 2, 14, 9, 33, tzinfo=UTC)
    contact_log(plan=plan, at=texted, channel="message", direction="outgoing", now=NOW)
    contact_log(plan=plan, at=datetime(2024, 2, 14, 12, 0, tzinfo=UTC), channel="call", direction="incoming", now=NOW)
    analysis = _analyse(case)
    assert services.already_logged(plan=plan, entries=analysis.entries()) == 1
    batch, _plan = services.import_into(user=alice, plan_name="Them", analysis=analysis, now=NOW)
    assert (batch.added, batch.summary["already_logged"]) == (3, 1)
    assert Contact.objects.filter(plan=plan).count() == 2 + 3
