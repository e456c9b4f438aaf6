"""Settings for the command line: the full settings, with only the apps the CLI uses.

Loading the web-only apps (the API framework, CSP, htmx, login throttling) costs a third of
a second's start-up on a small machine; `nocontact status` should answer at once. The CLI
migrates the tables it uses; `nocontact serve` and `nocontact migrate` migrate everything.
"""

from nocontact.settings import *  # noqa: F403

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "nocontact.accounts",
    "nocontact.plans",
    "nocontact.boundaries",
    "nocontact.imports",
    "nocontact.journal",
    "nocontact.urges",
    "nocontact.readiness",
    "nocontact.safety",
    "django_tasks",
    "django_tasks_db",
]
MIDDLEWARE = []
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
