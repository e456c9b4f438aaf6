"""Deny by default, checked on every route there is, not on a list kept by hand.

The pages: Django's LoginRequiredMiddleware sends a visitor to sign in unless the view says
``@login_not_required``; the few that do are named here, so that a new public page is a decision someone
reviews. The API answers for itself: a JSON 401 in its error shape, never a redirect.

Every route that takes an id, on the web (the URL resolver) and in the API (its OpenAPI schema), is asked
with each id of each of Alice's things, by every method, as Bob: each answer is a 404, and nothing of Alice's
changes. Alice, asking the same route, finds the thing behind at least one of those ids, so no route passes
only because no id fitted it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.data import exports

PUBLIC = {
    "web:home",
    "web:healthz",
    "accounts:signup",
    "accounts:login",
    "accounts:logout",
    "accounts:recover",
    "safety:exit",
    "safety:help",
    "safety:unlock",
    "urges:sw",
    "urges:manifest",
}
NO_SUCH_ID = "zzzzzzzzzzzzzzzz"
# Ending a session or forgetting a device that is not there (it may have ended in another tab) says so calmly
# on the page the button was on, rather than a 404 page.
GONE_SAYS_SO = {"accounts:session_end", "accounts:device_forget"}


def web_routes() -> Iterator[tuple[str, Any, list[str]]]:
    """(namespace:name, view, names of the URL's parameters) for every page; the API is walked on its own."""

    def walk(patterns: list[URLPattern | URLResolver], namespace: str | None) -> Iterator[tuple[str, Any, list[str]]]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace != "api":
                    yield from walk(pattern.url_patterns, pattern.namespace or namespace)
            else:
                name = f"{namespace}:{pattern.name}" if namespace else str(pattern.name)
                yield name, pattern.callback, list(pattern.pattern.converters)

    yield from walk(get_resolver().url_patterns, None)


def api_operations(schema: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            yield path, method, operation


def example(schema: dict[str, Any], spec: dict[str, Any]) -> Any:
    """A smallest value the schema accepts: what a body needs to get past validation to the lookup."""
    if "$ref" in spec:
        return example(schema, schema["components"]["schemas"][spec["$ref"].rsplit("/", 1)[-1]])
    for key in ("anyOf", "oneOf", "allOf"):
        if key in spec:
            return example(schema, spec[key][0])
    if "enum" in spec:
        return spec["enum"][0]
    if "default" in spec:
        return spec["default"]
    kind = spec.get("type")
    if kind == "object":
        return {name: example(schema, spec["properties"][name]) for name in spec.get("required", [])}
    if kind == "array":
        return []
    if kind == "integer":
        return spec.get("minimum", 1)
    if kind == "boolean":
        return False
    if spec.get("format") == "date-time":
        return (datetime.now(UTC) - timedelta(hours=1)).isoformat()
    return "x" * max(1, spec.get("minLength", 1))


def body_for(schema: dict[str, Any], operation: dict[str, Any]) -> str | None:
    content = operation.get("requestBody", {}).get("content", {}).get("application/json")
    return json.dumps(example(schema, content["schema"])) if content else None


@pytest.fixture
def alices_things(alice, alice_client, api) -> list[str]:
    """Alice's things of every kind, made as she makes them; the public ids of all of them."""
    from nocontact.accounts.services import token_create
    from nocontact.plans.services import plan_create
    from nocontact.safety.services import device_trust

    now = datetime.now(UTC)
    long_ago = now - timedelta(days=62)
    strict = plan_create(user=alice, name="Sam", started_at=long_ago, tz="Europe/Berlin", now=now)
    minimal = plan_create(user=alice, name="Kim", started_at=long_ago, tz="UTC", mode="minimal", now=now)
    safety = plan_create(user=alice, name="Lee", started_at=long_ago, tz="UTC", mode="safety", now=now)

    def sent(method: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
        answer = getattr(api, method)(path, json.dumps(body), content_type="application/json")
        assert answer.status_code in (200, 201), (path, answer.content)
        return answer.json()

    answers = {
        "feelings": "no",
        "need": "",
        "practical": "none",
        "motive": "practical",
        "silence": "yes",
        "days": "calm",
    }
    sent("post", f"/api/v1/plans/{strict.public_id}/readiness", {"answers": answers})
    sent("post", f"/api/v1/plans/{strict.public_id}/contacts", {"channel": "text", "direction": "outgoing"})
    sent("put", f"/api/v1/plans/{minimal.public_id}/boundaries", {"channels": ["message"]})
    sent(
        "post",
        f"/api/v1/plans/{safety.public_id}/safety-log",
        {"at": now.isoformat(), "kind": "threat", "channel": "call"},
    )
    sent("post", "/api/v1/journal", {"text": "A quiet evening."})
    sent("post", "/api/v1/moods", {"feelings": [{"name": "relief", "intensity": 3}]})
    pause = {"key": "k-access-01", "started_at": (now - timedelta(minutes=5)).isoformat(), "outcome": "passed"}
    assert (
        alice_client.post("/api/v1/pause/sync", {"urges": [pause]}, content_type="application/json").status_code == 200
    )
    person = {"person-name": "Robin", "person-phone": "+44 7700 900123", "person-preferred": "call"}
    for form in (person, {"helper-text": "A walk"}):
        assert alice_client.post("/circle/", form).status_code == 302
    upload = {"file": SimpleUploadedFile("chat.txt", exports.WHATSAPP_ANDROID_DMY.encode()), "person": "Alex"}
    assert alice_client.post(f"/plans/{strict.public_id}/import/", upload | {"format": "auto"}).status_code == 302
    token_create(user=alice, name="laptop")
    device_trust(user=alice, pin="482913", now=now)

    ids: list[str] = []
    for model in apps.get_models():
        if not hasattr(model, "public_id"):
            continue
        rows = model._default_manager.all()
        if any(f.name == "user" for f in model._meta.get_fields()):
            rows = rows.filter(user=alice)
        ids += [row.public_id for row in rows]
    assert len(ids) >= 15
    return ids


def kept() -> dict[str, int]:
    """How many things of each kind there are: Bob's requests must change none of them."""
    models = [model for model in apps.get_models() if hasattr(model, "public_id")]
    return {model.__name__: model._default_manager.count() for model in models}


def found_by_alice(ask: Any, url: str, **extra: Any) -> bool:
    """Whether Alice's own request finds the thing (not a 404); whatever it changes is rolled back."""
    point = transaction.savepoint()
    try:
        return ask(url, **extra).status_code != 404
    finally:
        transaction.savepoint_rollback(point)


def test_every_page_but_the_public_few_sends_a_visitor_to_sign_in(db):
    visitor = Client()
    public = set()
    for name, view, params in web_routes():
        if getattr(view, "login_required", True) is False:
            public.add(name)
            answer = Client().get(reverse(name, kwargs={p: NO_SUCH_ID for p in params}))  # /exit/ leaves a hold
            assert not answer.get("Location", "").startswith("/login/?next="), name
            continue
        url = reverse(name, kwargs={p: NO_SUCH_ID for p in params})
        for method in ("get", "post"):
            answer = getattr(visitor, method)(url)
            assert answer.status_code == 302, (name, method)
            assert answer["Location"] == f"/login/?next={url}", (name, method)
    assert public == PUBLIC


def test_every_api_operation_answers_a_visitor_with_a_json_401(db):
    visitor = Client()
    schema = visitor.get("/api/openapi.json").json()
    for path, method, _ in api_operations(schema):
        answer = getattr(visitor, method)(path.replace("{", "").replace("}", ""), content_type="application/json")
        assert answer.status_code == 401, (method, path)
        error = answer.json()["error"]
        assert error["code"] in ("unauthorized", "signed_out"), (method, path)
        assert error["message"], (method, path)


def test_bob_gets_a_404_for_each_of_alices_things_on_every_page(alice, alice_client, bob_client, alices_things):
    before = kept()
    for name, _, params in web_routes():
        if not params:
            continue
        assert params == ["public_id"], name
        # A method the route refuses for any id (405: a POST-only form) tells nothing; every other one is asked.
        # Where an id nobody has is answered calmly (GONE_SAYS_SO), Bob gets exactly that same answer.
        nowhere = reverse(name, kwargs={"public_id": NO_SUCH_ID})
        unknown = {m: getattr(bob_client, m)(nowhere) for m in ("get", "post")}
        methods = [m for m, answer in unknown.items() if answer.status_code != 405]
        assert methods, name
        urls = [reverse(name, kwargs={"public_id": thing}) for thing in alices_things]
        for url in urls:
            for method in methods:
                answer = getattr(bob_client, method)(url)
                expected = unknown[method]
                if name in GONE_SAYS_SO:
                    assert (answer.status_code, answer["Location"]) == (302, expected["Location"]), (name, url)
                else:
                    assert answer.status_code == 404, (name, method, url, answer.status_code)
        asks = [getattr(alice_client, method) for method in methods]
        assert any(found_by_alice(ask, url) for url in urls for ask in asks), f"nothing of Alice's is at {name}"
    assert kept() == before


def test_bob_gets_a_404_for_each_of_alices_things_in_every_api_operation(alice, api, bob_api, alices_things):
    schema = api.get("/api/openapi.json").json()
    before = kept()
    for path, method, operation in api_operations(schema):
        params = [p["name"] for p in operation.get("parameters", []) if p["in"] == "path"]
        if not params:
            continue
        assert len(params) == 1, path
        body = body_for(schema, operation)
        extra = {"data": body, "content_type": "application/json"} if body else {}
        urls = [path.replace("{" + params[0] + "}", thing) for thing in alices_things]
        for url in urls:
            answer = getattr(bob_api, method)(url, **extra)
            assert answer.status_code == 404, (method, url, answer.content)
            assert answer.json()["error"]["code"] == "not_found"
        assert any(found_by_alice(getattr(api, method), url, **extra) for url in urls), (method, path)
    assert kept() == before
