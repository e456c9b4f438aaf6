"""Every answer carries the Content-Security-Policy of the settings, through django-csp's own middleware."""

from __future__ import annotations

import pytest
from csp.decorators import csp_update
from csp.middleware import CSPMiddleware
from csp.utils import build_policy
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

HEADER = "Content-Security-Policy"


def directives(policy: str) -> dict[str, str]:
    return dict(part.split(" ", 1) for part in policy.split("; "))


@pytest.mark.django_db
def test_pages_and_the_api_send_it(client):
    for path in ("/", "/healthz", "/api/v1/plans", "/accounts/login/"):
        sent = directives(client.get(path)[HEADER])
        assert sent == directives(build_policy()), path
        # Nothing from any other server, and no framing or plugins.
        for directive, value in (("default-src", "'self'"), ("script-src", "'self'"), ("frame-ancestors", "'none'"),
                                 ("object-src", "'none'")):  # fmt: skip
            assert sent[directive] == value, (path, directive)


def test_a_view_that_changes_the_policy_gets_its_change():
    @csp_update({"img-src": ["https://maps.example"]})  # type: ignore[untyped-decorator]
    def with_maps(request: HttpRequest) -> HttpResponse:
        return HttpResponse("ok")

    def plain(request: HttpRequest) -> HttpResponse:
        return HttpResponse("ok")

    assert "https://maps.example" in CSPMiddleware(with_maps)(RequestFactory().get("/"))[HEADER]
    assert "https://maps.example" not in CSPMiddleware(plain)(RequestFactory().get("/"))[HEADER]
