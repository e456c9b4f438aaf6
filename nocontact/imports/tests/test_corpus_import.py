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
