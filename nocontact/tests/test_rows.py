"""nocontact.rows builds the same model instances as the ORM, whatever the order of the columns."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from nocontact.accounts.models import User
from nocontact.plans.models import Plan
from nocontact.rows import fetch

pytestmark = pytest.mark.django_db

COLUMNS = [field.column for field in Plan._meta.concrete_fields]


def same(a: Plan, b: Plan) -> bool:
    return all(getattr(a, f.attname) == getattr(b, f.attname) for f in Plan._meta.concrete_fields)


def test_a_row_becomes_the_same_plan_as_the_orm_reads(alice_plan):
    [plan] = fetch(Plan, "SELECT * FROM plans_plan WHERE id = %s", [alice_plan.pk])
    orm = Plan.objects.get(pk=alice_plan.pk)
    assert same(plan, orm)
    assert plan.started_at == datetime(2026, 1, 1, 9, 0, tzinfo=UTC)  # converted: an aware datetime
    assert plan.count_indirect is False
    assert plan.goal_days == 30
    assert plan._state.adding is False
    assert plan._state.db == "default"
    plan.goal_days = 45
    plan.save(update_fields=["goal_days"])
    assert Plan.objects.get(pk=alice_plan.pk).goal_days == 45


def test_columns_in_any_order_land_in_their_own_fields(alice_plan):
    """A table's column order can differ from the model's (a field added by a later migration)."""
    backwards = ", ".join(reversed(COLUMNS))
    [plan] = fetch(Plan, f"SELECT {backwards} FROM plans_plan WHERE id = %s", [alice_plan.pk])
    assert same(plan, Plan.objects.get(pk=alice_plan.pk))


def test_missing_columns_are_deferred_and_extra_columns_become_attributes(alice_plan):
    [plan] = fetch(Plan, "SELECT id, name, 41 + 1 AS answer FROM plans_plan WHERE id = %s", [alice_plan.pk])
    assert (plan.pk, plan.name, plan.answer) == (alice_plan.pk, "Sam", 42)
    assert plan.get_deferred_fields() >= {"tz", "started_at"}
    assert plan.tz == "Europe/Berlin"  # read from the database when first asked for, as with .only()


def test_no_rows_no_models(alice):
    assert fetch(User, "SELECT * FROM accounts_user WHERE id = %s", [alice.pk + 1000]) == []
