from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render


@login_not_required
def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("plans:dashboard")
    return render(request, "web/home.html")


@login_not_required
def healthz(request: HttpRequest) -> HttpResponse:
    """A bare page for load balancers (and the benchmarks' baseline): no database."""
    return render(request, "web/healthz.html")
