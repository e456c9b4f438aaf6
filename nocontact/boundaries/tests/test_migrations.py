"""Moving boundaries and import batches into their own apps keeps every row, both ways."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from nocontact.accounts.services import user_create
from nocontact.boundaries.models import PlanBoundaries
from nocontact.boundaries.services import boundaries_set
from nocontact.imports.models import ImportBatch
from nocontact.plans.models import Contact
from nocontact.plans.services import plan_create

BEFORE = [("plans", "0007_importbatch_summary_encrypted")]  # the last state with both models in plans
NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)


def _tables() -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


def _batch_reference() -> tuple[str, str] | None:
    """Where the database itself says the contact log's batch column points."""
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "plans_contact")
    for constraint in constraints.values():
        if constraint["foreign_key"] and constraint["columns"] == ["batch_id"]:
            return constraint["foreign_key"]
    return None


def _migrate(executor: MigrationExecutor, targets: list[tuple[str, str]]) -> None:
    executor.loader.build_graph()
    executor.migrate(targets)
    executor.loader.build_graph()


@pytest.mark.django_db(transaction=True)
def test_moving_boundaries_and_imports_into_their_apps_keeps_every_row():
    alice = user_create(username="alice", password="a quiet harbour 77")
    plan = plan_create(user=alice, name="Jo", started_at=datetime(2026, 1, 1, tzinfo=UTC), tz="UTC", mode="minimal",
                       now=NOW)  # fmt: skip
    boundaries_set(plan=plan, topics=["children"], own_topics={"band": ["gig"]}, channels=["message"])
    batch = ImportBatch(plan=plan, created_at=NOW, format="sms-xml", file_sha256="0" * 64, status=ImportBatch.DONE)
    batch.file_name = "WhatsApp Chat with Jo.txt"
    batch.summary = {"person": "+44 7700 900123", "sent": 1}
    batch.save()
    Contact.objects.create(plan=plan, at=NOW, local_date=date(2026, 3, 1), channel="text", direction="outgoing",
                           batch=batch, import_key="k1")  # fmt: skip

    executor = MigrationExecutor(connection)
    try:
        _migrate(executor, BEFORE)
        # Back where both lived in plans: the same tables under their old names, with the rows.
        assert {"plans_planboundaries", "plans_importbatch"} <= _tables()
        assert not {"boundaries_planboundaries", "imports_importbatch"} & _tables()
        assert _batch_reference() == ("plans_importbatch", "id")
        old = executor._create_project_state(with_applied_migrations=True).apps
        assert old.get_model("plans", "PlanBoundaries").objects.get(plan_id=plan.pk).channels == ["message"]
        assert old.get_model("plans", "Contact").objects.get().batch.format == "sms-xml"
        # A row written before the move, by the code of that time.
        other = old.get_model("plans", "Plan").objects.create(
            user_id=alice.pk, name="Sam", mode="minimal", started_at=datetime(2026, 2, 1, tzinfo=UTC)
        )
        old.get_model("plans", "PlanBoundaries").objects.create(plan=other, channels=["text"], days=[0, 1])
        old.get_model("plans", "ImportBatch").objects.create(
            plan=other, created_at=NOW, format="calls-csv", file_sha256="1" * 64, status="preview"
        )

        _migrate(executor, executor.loader.graph.leaf_nodes())
    finally:
        _migrate(executor, executor.loader.graph.leaf_nodes())

    assert {"boundaries_planboundaries", "imports_importbatch"} <= _tables()
    assert not {"plans_planboundaries", "plans_importbatch"} & _tables()
    assert _batch_reference() == ("imports_importbatch", "id")
    mine = PlanBoundaries.objects.select_related("plan__user").get(plan=plan)
    assert (mine.topics, mine.own_topics, mine.channels) == (["children"], {"band": ["gig"]}, ["message"])
    assert PlanBoundaries.objects.get(plan__name="Sam").days == [0, 1]
    kept = ImportBatch.objects.select_related("plan__user").get(plan=plan)
    assert kept.file_name == "WhatsApp Chat with Jo.txt"
    assert kept.summary == {"person": "+44 7700 900123", "sent": 1}
    assert ImportBatch.objects.get(plan__name="Sam").format == "calls-csv"
    assert Contact.objects.get().batch == kept
    # The link still holds: undoing a batch by deleting it takes its entries along.
    kept.delete()
    assert not Contact.objects.exists()
