"""The JSON API against its own OpenAPI document: schemathesis, stateful, with a real token.

Every operation is called, DELETE included, first with generated data on real ids (Alice's plan,
contact, journal entry and check-in), then as a state machine that follows the links between
operations (a created plan's id into its contacts, status, boundaries, readiness and DELETE). Checks:
no 5xx, only documented status codes and content types, answers match their schemas, a deleted
thing is gone, and a created thing can be fetched. The longer run for releases: scripts/apifuzz.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import hypothesis
import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from schemathesis.checks import CHECKS

# Checks that hold for this API. Left out, and why: positive_data_acceptance and
# negative_data_rejection compare answers with what the schema alone allows, but the services also
# refuse, with a documented 400, what the schema can't say (a time in the future, a name in use).
CHECK_NAMES = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
    "use_after_free",
    "ensure_resource_availability",
    "ignored_auth",
)


def checks() -> list:
    return [CHECKS.get_one(name) for name in CHECK_NAMES]


EXAMPLES = int(os.environ.get("NOCONTACT_APIFUZZ_EXAMPLES", "12"))
STEPS = int(os.environ.get("NOCONTACT_APIFUZZ_STEPS", "8"))
SCENARIOS = int(os.environ.get("NOCONTACT_APIFUZZ_SCENARIOS", "25"))


@contextmanager
def same_connection() -> Iterator[None]:
    """Serve in-process requests on the test's connection (as Django's test client does)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def load_schema(token: str):
    """The app's own OpenAPI document, every call signed with Alice's token (as a schemathesis auth,
    so its ignored_auth check can still try a call without it)."""
    from django.core.handlers.wsgi import WSGIHandler

    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", WSGIHandler())

    @schema.auth()
    class Token:
        def get(self, case, context):
            return token

        def set(self, case, data, context):
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}

    return schema


@pytest.fixture
def fixtures(alice, alice_plan, alice_contact, now):
    """Real ids for path parameters, so generated calls reach real things, not only 404s."""
    from nocontact.journal.services import checkin_create, entry_create
    from nocontact.plans.services import plan_create

    entry = entry_create(user=alice, text="A quiet evening.", today=now.date())
    from nocontact.domain.feelings import make_feeling

    checkin = checkin_create(user=alice, feelings=[make_feeling("calm", 3)], note="", at=now)
    from nocontact.safety.services import incident_record

    minimal = plan_create(
        user=alice, name="Co", started_at=datetime(2026, 1, 1, tzinfo=UTC), tz="UTC", mode="minimal", now=now
    )
    safety = plan_create(
        user=alice, name="Kit", started_at=datetime(2026, 1, 1, tzinfo=UTC), tz="UTC", mode="safety", now=now
    )
    incident = incident_record(plan=safety, at=datetime(2026, 1, 2, tzinfo=UTC), kind="threat", channel="call", now=now)
    return {
        "plan_id": [alice_plan.public_id, minimal.public_id, safety.public_id],
        "contact_id": [alice_contact.public_id],
        "entry_id": [entry.public_id],
        "checkin_id": [checkin.public_id],
        "incident_id": [incident.public_id],
    }


SETTINGS: dict[str, Any] = dict(
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(hypothesis.HealthCheck),
    phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
)


def fuzz(operation, fixtures: dict[str, list[str]]) -> None:
    """Generated calls to one operation; most with a real id in each path parameter, some with any."""
    params = [p.name for p in operation.path_parameters]

    @hypothesis.settings(max_examples=EXAMPLES, **SETTINGS)
    @hypothesis.given(case=operation.as_strategy(), pick=hypothesis.strategies.integers(min_value=0, max_value=3))
    def run(case, pick):
        for name in params:
            choices = fixtures.get(name)
            if choices and pick < 3:
                case.path_parameters[name] = choices[pick % len(choices)]
        case.call_and_validate(checks=checks())

    run()


@pytest.fixture
def in_process(db):
    with same_connection():
        yield


def test_every_operation_with_real_ids(in_process, alice_token, fixtures):
    schema = load_schema(alice_token)
    operations = [result.ok() for result in schema.get_all_operations()]
    methods = {op.method.upper() for op in operations}
    assert {"GET", "POST", "PUT", "PATCH", "DELETE"} <= methods
    failures: list[str] = []
    for operation in operations:
        try:
            fuzz(operation, fixtures)
        except Exception as exc:  # one report for all operations
            failures.append(f"{operation.label}: {exc}")
    assert not failures, "\n\n".join(failures)


def test_stateful_links_between_operations(in_process, alice_token, fixtures):
    schema = load_schema(alice_token)
    machine = schema.as_state_machine()

    class Workflow(machine):
        """Each scenario starts from the same database: what one scenario created is rolled back before the
        next. Otherwise the same generated steps could meet a different answer on a second run (a name
        already in use), and Hypothesis reads that as data generation that depends on outside state."""

        def setup(self):
            self._scenario = transaction.atomic()
            self._scenario.__enter__()

        def teardown(self):
            transaction.set_rollback(True)
            self._scenario.__exit__(None, None, None)

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            case.validate_response(response, checks=checks(), transport_kwargs=kwargs)

    Workflow.run(settings=hypothesis.settings(max_examples=SCENARIOS, stateful_step_count=STEPS, **SETTINGS))
