from django.urls import include, path

from nocontact.api.api import api
from nocontact.boundaries import urls as boundaries_urls
from nocontact.plans import urls as plans_urls

urlpatterns = [
    # First: every API call is resolved without trying the pages' patterns before it.
    path("api/", api.urls),
    path("", include("nocontact.web.urls")),
    path("", include("nocontact.accounts.urls")),
    # Minimal contact is its own app; its pages keep their names in the plans namespace ("plans:boundaries").
    path("", include(([*plans_urls.urlpatterns, *boundaries_urls.urlpatterns], plans_urls.app_name))),
    path("", include("nocontact.journal.urls")),
    path("", include("nocontact.urges.urls")),
    path("", include("nocontact.safety.urls")),
    path("", include("nocontact.readiness.urls")),
    path("", include("nocontact.imports.urls")),
]

handler404 = "nocontact.web.errors.not_found"
handler500 = "nocontact.web.errors.server_error"
