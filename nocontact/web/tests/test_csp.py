"""The policy is built once, and is still exactly django-csp's, with its per-view changes honoured."""

from __future__ import annotations

import pytest
from csp.decorators import csp_update
from csp.utils import build_policy
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory, override_settings

from nocontact.web.middleware import ConstantCSPMiddleware

HEADER = "Content-Security-Policy"


def plain(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


@csp_update({"img-src": ["https://maps.example"]})
def with_maps(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


def policy_for(view) -> str:
    middleware = ConstantCSPMiddleware(view)
    return middleware(RequestFactory().get("/"))[HEADER]


def directives(policy: str) -> dict[str, str]:
    return dict(part.split(" ", 1) for part in policy.split("; "))


def test_every_response_carries_django_csps_policy():
    assert directives(policy_for(plain)) == directives(build_policy())
    assert policy_for(plain) is policy_for(plain)  # built once


def test_a_view_that_changes_the_policy_still_gets_its_change():
    assert "https://maps.example" in directives(policy_for(with_maps))["img-src"]
    assert "https://maps.example" not in policy_for(plain)


def test_changed_settings_give_a_new_policy():
    before = policy_for(plain)
    with override_settings(CONTENT_SECURITY_POLICY={"DIRECTIVES": {"default-src": ["'none'"]}}):
        assert policy_for(plain) == "default-src 'none'"
    assert policy_for(plain) == before


@pytest.mark.django_db
def test_pages_and_the_api_send_it(client):
    for path in ("/", "/healthz", "/api/v1/plans"):
        assert directives(client.get(path)[HEADER]) == directives(build_policy()), path


@override_settings(DEBUG=True)
def test_in_debug_djangos_error_pages_are_left_to_django_csp():
    def missing(request: HttpRequest) -> HttpResponse:
        return HttpResponse("not here", status=404)

    assert HEADER not in ConstantCSPMiddleware(missing)(RequestFactory().get("/"))
    assert HEADER in ConstantCSPMiddleware(plain)(RequestFactory().get("/"))
