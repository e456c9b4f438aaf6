"""nocontact's own settings, with bench_urls.py as the URLconf (see there)."""

from nocontact.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
