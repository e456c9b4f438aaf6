from django.urls import include, path

from nocontact.api.api import api

urlpatterns = [
    # First: every API call is resolved without trying the pages' patterns before it.
    path("api/", api.urls),
    path("", include("nocontact.web.urls")),
    path("", include("nocontact.accounts.urls")),
    path("", include("nocontact.plans.urls")),
    path("", include("nocontact.journal.urls")),
    path("", include("nocontact.urges.urls")),
    path("", include("nocontact.safety.urls")),
    path("", include("nocontact.readiness.urls")),
    path("", include("nocontact.imports.urls")),
]

handler404 = "nocontact.web.errors.not_found"
handler500 = "nocontact.web.errors.server_error"
