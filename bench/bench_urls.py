"""The app's own URLs plus one bench-only baseline: a bare view behind sign-in.

`bench_figures.py` serves the app with these (through `bench_settings.py`) so that it can compare
the dashboard with the cheapest page a signed-in person can get on the same server: sign-in
required, the same small template as /healthz, no data read.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from nocontact.urls import handler404, handler500
from nocontact.urls import urlpatterns as app_urlpatterns


@login_required
def bare_signed_in(request: HttpRequest) -> HttpResponse:
    return render(request, "web/healthz.html")


urlpatterns = [path("bench/bare-signed-in", bare_signed_in), *app_urlpatterns]
__all__ = ["handler404", "handler500", "urlpatterns"]
