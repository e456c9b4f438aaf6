"""Every form of "what is a slip" (the pure rule, the ORM filters, the indexes' conditions and the figures
query's SQL) selects the same entries: they are all written from ``SLIP_RULE``."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from django.db import connection
from django.db.models import Q
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nocontact.domain.contacts import Channel, Direction, is_own_indirect, is_slip
from nocontact.plans import selectors, slips
from nocontact.plans.models import Contact, Plan

pytestmark = pytest.mark.django_db

AT = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)
entries = st.lists(st.tuples(st.sampled_from(list(Channel)), st.sampled_from(list(Direction)), st.booleans()))


def index_condition(name: str) -> Q:
    [index] = [index for index in Contact._meta.indexes if index.name == name]
    assert index.condition is not None
    return index.condition


def ids_where(plan: Plan, condition: str, params: list[Any]) -> set[int]:
    sql = f"SELECT id FROM plans_contact WHERE plan_id = %s AND {condition}"
    with connection.cursor() as cursor:
        cursor.execute(sql, [plan.pk, *params])
        return {row[0] for row in cursor.fetchall()}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(log=entries)
def test_the_rule_the_indexes_and_the_sql_select_the_same_entries(alice_plan, log):
    Contact.objects.filter(plan=alice_plan).delete()
    made = Contact.objects.bulk_create(
        Contact(
            plan=alice_plan,
            at=AT + timedelta(minutes=i),
            local_date=date(2026, 1, 5),
            channel=c,
            direction=d,
            permitted=p,
        )
        for i, (c, d, p) in enumerate(log)
    )
    ids = {contact.pk for contact in Contact.objects.filter(plan=alice_plan)}
    assert len(ids) == len(made)
    contacts = Contact.objects.filter(plan=alice_plan)

    def by_rule(**rule: bool) -> set[int]:
        return {
            c.pk for c in contacts if is_slip(channel=c.channel, direction=c.direction, permitted=c.permitted, **rule)
        }

    own_indirect = {c.pk for c in contacts if is_own_indirect(channel=c.channel, direction=c.direction)}
    can_be_slip = by_rule(count_indirect=True)  # every slip, whatever the plan counts

    # The partial indexes hold exactly the entries the figures look for.
    assert set(contacts.filter(index_condition("contact_slip_days")).values_list("pk", flat=True)) == can_be_slip
    assert set(contacts.filter(index_condition("contact_own_indirect")).values_list("pk", flat=True)) == own_indirect
    # The figures query's SQL conditions.
    assert ids_where(alice_plan, slips.OWN_INDIRECT_SQL, []) == own_indirect
    for count_indirect in (False, True):
        slip_sql = f"{slips.CAN_BE_SLIP_SQL} AND {slips.COUNTED_SQL}"
        assert ids_where(alice_plan, slip_sql, [count_indirect]) == by_rule(count_indirect=count_indirect)
        # And the ORM filter the minimal-contact counts use.
        orm = set(contacts.filter(slips.slip_q(count_indirect=count_indirect)).values_list("pk", flat=True))
        assert orm == by_rule(count_indirect=count_indirect)


def test_the_minimal_counts_count_the_slips_the_rule_names(alice, now):
    from nocontact.plans.services import contact_log, plan_create

    for count_indirect in (False, True):
        plan = plan_create(
            user=alice,
            name=f"Co {count_indirect}",
            started_at=datetime(2026, 1, 1, tzinfo=UTC),
            tz="UTC",
            mode="minimal",
            count_indirect=count_indirect,
            now=now,
        )
        expected = 0
        for i, (channel, direction, permitted) in enumerate(
            [(c, d, p) for c in Channel for d in Direction for p in (False, True)]
        ):
            contact_log(
                plan=plan,
                at=AT + timedelta(minutes=i),
                channel=channel,
                direction=direction,
                permitted=permitted,
                now=now,
            )
            expected += is_slip(
                channel=channel, direction=direction, permitted=permitted, count_indirect=count_indirect
            )
        figures = selectors.plans_figures([plan], as_of=now)
        assert selectors.plans_minimal_counts([plan], figures=figures)[plan.pk].outside == expected


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite matches a partial index's condition term by term")
def test_sqlite_reads_the_figures_from_the_partial_indexes(alice_plan):
    """If the query's conditions and the indexes' drifted apart, SQLite would read the whole table."""
    sql = f"SELECT at FROM plans_contact WHERE plan_id = %s AND {slips.OWN_INDIRECT_SQL} ORDER BY at DESC LIMIT 1"
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, [alice_plan.pk])
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "contact_own_indirect" in plan
    # The slip days are read INDEXED BY contact_slip_days, which SQLite refuses if the conditions differ.
    assert selectors.plan_figures(alice_plan, as_of=AT).slips == 0
