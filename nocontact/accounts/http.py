"""The request a signed-in page or API call gets, for the type checker.

Every view is behind sign-in unless marked ``@login_not_required`` (Django's ``LoginRequiredMiddleware``),
so its ``request.user`` is an account, never the anonymous user. Annotating such views with
``AuthenticatedHttpRequest`` says so once, instead of a ``type: ignore`` at each use. It is only a type: at
run time the request is Django's own.
"""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from nocontact.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    user: User
    htmx: HtmxDetails
