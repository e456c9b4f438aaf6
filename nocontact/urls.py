from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern, URLResolver, include, path

from nocontact.api.api import api
from nocontact.boundaries import urls as boundaries_urls
from nocontact.plans import urls as plans_urls


def _answering_for_themselves(urls: tuple[Any, str, str]) -> tuple[Any, str, str]:
    """The API's operations do their own authentication (a token, or the pause's session), answering a JSON 401
    in the API's error shape: LoginRequiredMiddleware must not turn that into a redirect to the sign-in page."""

    def mark(patterns: list[URLPattern | URLResolver]) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                mark(pattern.url_patterns)
            else:
                login_not_required(pattern.callback)

    mark(urls[0])
    return urls


urlpatterns = [
    # First: every API call is resolved without trying the pages' patterns before it.
    path("api/", _answering_for_themselves(api.urls)),
    path("", include("nocontact.web.urls")),
    path("", include("nocontact.accounts.urls")),
    # Minimal contact is its own app; its pages keep their names in the plans namespace ("plans:boundaries").
    # Its patterns come first: /plans/read/ is not a plan's page (plans/<public_id>/).
    path("", include(([*boundaries_urls.urlpatterns, *plans_urls.urlpatterns], plans_urls.app_name))),
    path("", include("nocontact.journal.urls")),
    path("", include("nocontact.urges.urls")),
    path("", include("nocontact.safety.urls")),
    path("", include("nocontact.readiness.urls")),
    path("", include("nocontact.imports.urls")),
]

handler404 = "nocontact.web.errors.not_found"
handler500 = "nocontact.web.errors.server_error"
