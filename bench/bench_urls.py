"""The app's own URLs plus two bench-only baselines: a bare view behind sign-in, by session and by token.

`bench_figures.py` serves the app with these (through `bench_settings.py`) so that it can compare the
dashboard and the API status with the cheapest page a signed-in person can get on the same server: the
same small template as /healthz, no data read, behind the same sign-in as the page it is compared with
(the session for the dashboard, the API token for the API status).
"""

from django.contrib.auth.decorators import login_not_required, login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from nocontact.accounts.services import token_authenticate
from nocontact.urls import handler404, handler500
from nocontact.urls import urlpatterns as app_urlpatterns


@login_required
def bare_signed_in(request: HttpRequest) -> HttpResponse:
    return render(request, "web/healthz.html")


@login_not_required  # signed in by its token, as the API is
def bare_token(request: HttpRequest) -> HttpResponse:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or token_authenticate(token) is None:
        return HttpResponse(status=401)
    return render(request, "web/healthz.html")


urlpatterns = [
    path("bench/bare-signed-in", bare_signed_in),
    path("bench/bare-token", bare_token),
    *app_urlpatterns,
]
__all__ = ["handler404", "handler500", "urlpatterns"]
