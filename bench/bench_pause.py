"""The pause page: its weight, and how fast it is ready when it comes from the service worker's cache.

    .venv/bin/python bench/bench_pause.py

Starts `nocontact serve` on a scratch folder, signs up, starts a plan, then measures the bytes of the
pause page's HTML, CSS and JS (as sent, and compressed as `gzip -c` would), and, in Debian's Chromium with
the network switched off, the time until the page is interactive and fully loaded, served from the service
worker's cache. The pause doesn't load htmx; its weight is added on a line of its own, for the budget that
counts it (60 KB compressed, issue 22).
"""

from __future__ import annotations

import gzip
import os
import re
import statistics
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import django
import django_htmx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# conftest names the app's sign-in backend, which needs Django's settings loaded (the app itself runs apart).
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nocontact.settings")
django.setup()

from conftest import RunningApp  # noqa: E402
from tests.webclient import WebClient  # noqa: E402


def main() -> None:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["NOCONTACT_DATA_DIR"] = tempfile.mkdtemp(prefix="nocontact-bench-pause-")
    app = RunningApp(env)
    try:
        web = WebClient(app.url)
        web.post(
            "/signup/", {"username": "bench", "password1": "a bench password 1", "password2": "a bench password 1"}
        )
        web.post(
            "/plans/new/",
            {
                "name": "Sam",
                "mode": "strict",
                "started_at": "2026-01-01T09:00",
                "tz": "UTC",
                "goal_days": "30",
                "reason": "Calm mornings.",
            },
        )
        _, html, _ = web.get("/pause/")
        assets = re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html)
        bodies = {"HTML": html.encode()} | {a.rsplit("/", 1)[1]: web.get(a)[1].encode() for a in assets}
        sizes = {name: (len(body), len(gzip.compress(body, 6))) for name, body in bodies.items()}
        htmx = Path(django_htmx.__file__).parent / "static" / "django_htmx" / "htmx-2.min.js"
        htmx_size = (htmx.stat().st_size, len(gzip.compress(htmx.read_bytes(), 6)))

        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=os.environ.get("NOCONTACT_CHROMIUM", "/usr/bin/chromium"),
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            context = browser.new_context()
            context.add_cookies([{"name": k, "value": v, "url": app.url} for k, v in web.cookies.items()])
            page = context.new_page()
            page.goto(app.url + "/pause/")
            page.evaluate("navigator.serviceWorker.ready.then(() => true)")
            page.reload()
            context.set_offline(True)
            interactive, loaded = [], []
            for _ in range(15):
                page.goto(app.url + "/pause/")
                timing = page.evaluate("performance.getEntriesByType('navigation')[0].toJSON()")
                interactive.append(timing["domInteractive"])
                loaded.append(timing["loadEventEnd"])
            browser.close()
    finally:
        app.stop()
    print(f"Pause page, {datetime.now(UTC):%Y-%m-%d}, {os.cpu_count()} cores, Chromium headless\n")
    total = [sum(size[i] for size in sizes.values()) for i in (0, 1)]
    print("| part | bytes | compressed (gzip -6) |\n|---|---|---|")
    for name, (raw, packed) in sizes.items():
        print(f"| {name} | {raw:,} | {packed:,} |")
    print(f"| **the page, total** | **{total[0]:,}** | **{total[1]:,}** |")
    print(f"| htmx-2.min.js (other pages; not loaded here) | {htmx_size[0]:,} | {htmx_size[1]:,} |")
    print(f"| **with htmx** | **{total[0] + htmx_size[0]:,}** | **{total[1] + htmx_size[1]:,}** |\n")
    print(
        f"Offline, from the service worker: interactive after {statistics.median(interactive):.0f} ms, "
        f"fully loaded after {statistics.median(loaded):.0f} ms (medians of 15)."
    )


if __name__ == "__main__":
    main()
