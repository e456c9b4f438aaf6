"""How fast the pages that show figures are, as the log grows.

    .venv/bin/python bench/bench_figures.py [--sizes 1000 10000 100000] [--requests 200]

For each size it builds a scratch data folder with one user holding three years of history across four
plans, starts a real `nocontact serve` on it, and times, side by side in one run:

- GET /healthz: a bare Django view rendering a small template (the baseline),
- GET /bench/bare-signed-in: the same view behind sign-in (bench/bench_urls.py): the cheapest signed-in page,
- GET /today/: the dashboard (every plan's figures), signed in,
- GET /api/v1/plans/{id}/status: one plan's figures through the API,
- `nocontact status --json` from the command line.

It prints a Markdown table; results are recorded by hand in bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent / "nocontact"
sys.path.insert(0, str(ROOT))

SEED = r"""
import os, random, sys
from datetime import UTC, datetime, timedelta
os.environ["DJANGO_SETTINGS_MODULE"] = "nocontact.settings"
import django
django.setup()
from nocontact.accounts.sessions import SessionStore  # the engine the app reads (SESSION_ENGINE)
from django.core.management import call_command
from nocontact.accounts.backends import BACKEND
from nocontact.accounts.services import token_create, user_create
from nocontact.domain.days import local_date, zone
from nocontact.plans.models import Contact
from nocontact.plans.services import plan_create

call_command("migrate", verbosity=0)
call_command("createcachetable", verbosity=0)
size = int(sys.argv[1])
rng = random.Random(size)
now = datetime.now(UTC)
start = now - timedelta(days=3 * 365)
user = user_create(username="bench", password="a bench password 1")
# Three years of history. Each plan began at some point in it; before that, the log holds the
# relationship's own history (as an import of chat and call history would). After the start come
# messages left unanswered and, on minimal plans, contact within the boundaries. Slips are a
# per-day behaviour, not a share of the messages: on about one day in twelve after the start
# there are one to three slips, whatever the size of the log. The rest of the entries grow with
# the size asked for. (SLIPS_SCALE=1 makes one entry in twenty after the start a slip instead,
# so that slips grow with the log too: the stress case in bench/RESULTS.md.)
plans = [
    (plan_create(user=user, name="Co-parent", started_at=start + timedelta(days=30), tz="Europe/Berlin",
                 mode="minimal", now=now), 0.45),
    (plan_create(user=user, name="Ex", started_at=now - timedelta(days=400), tz="Europe/Berlin", now=now,
                 count_indirect=True), 0.35),
    (plan_create(user=user, name="Old friend", started_at=now - timedelta(days=200), tz="America/New_York",
                 now=now), 0.1),
    (plan_create(user=user, name="Colleague", started_at=start + timedelta(days=365), tz="Asia/Tokyo",
                 mode="minimal", now=now), 0.1),
]
channels = ["call", "text", "message", "social", "in_person", "via_friend", "checked_profile"]
direct = ["call", "text", "message", "social", "in_person"]
scale_slips = os.environ.get("SLIPS_SCALE") == "1"
batch = []


def add(plan, at, direction, permitted=False, channel=None):
    batch.append(Contact(
        plan=plan, at=at, local_date=local_date(at, zone(plan.tz)), channel=channel or rng.choice(channels),
        direction=direction, permitted=permitted,
    ))
    if len(batch) == 5000:
        Contact.objects.bulk_create(batch)
        batch.clear()


made = 0
if not scale_slips:
    for plan, _ in plans:
        day = plan.started_at
        while day < now - timedelta(days=1):
            day += timedelta(days=1)
            if rng.random() < 1 / 12:
                for _ in range(rng.randint(1, 3)):
                    add(plan, day + timedelta(minutes=rng.randrange(1, 1400)), rng.choice(["outgoing", "both"]),
                        channel=rng.choice(direct))
                    made += 1
for i in range(max(0, size - made)):
    plan = rng.choices([p for p, _ in plans], [w for _, w in plans])[0]
    at = start + timedelta(seconds=rng.randrange(3 * 365 * 86400))
    roll = rng.random()
    if at <= plan.started_at:
        add(plan, at, rng.choice(["incoming", "outgoing", "both"]))
    elif plan.mode == "minimal" and roll < 0.85:
        add(plan, at, rng.choice(["incoming", "outgoing", "both"]), permitted=True)
    elif scale_slips and roll >= 0.95:
        add(plan, at, rng.choice(["outgoing", "both"]))
    else:
        add(plan, at, "incoming")
Contact.objects.bulk_create(batch)
plans = [p for p, _ in plans]
session = SessionStore()
session["_auth_user_id"] = str(user.pk)
session["_auth_user_backend"] = BACKEND
session["_auth_user_hash"] = user.get_session_auth_hash()
session.create()
print(session.session_key, token_create(user=user, name="bench")[1], plans[0].public_id)
"""


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str, headers: dict[str, str]) -> float:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310
    began = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{url}: {response.status}")
    return time.perf_counter() - began


def run_size(size: int, requests: int) -> dict[str, float]:
    data = Path(tempfile.mkdtemp(prefix=f"nocontact-bench-{size}-"))
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {"NOCONTACT_DATA_DIR": str(data)}
    if os.environ.get("BENCH_DATABASE_URL"):
        env["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
    seeded = subprocess.run(
        [sys.executable, "-c", SEED, str(size)], env=env, capture_output=True, text=True, check=True, cwd=ROOT
    )
    session, token, plan_id = seeded.stdout.split()
    port = free_port()
    # The real `nocontact serve`, with one bench-only route added (bench/bench_urls.py).
    served = env | {"DJANGO_SETTINGS_MODULE": "bench_settings", "PYTHONPATH": str(ROOT / "bench")}
    server = subprocess.Popen(
        [str(BIN), "serve", "--port", str(port)], env=served, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                fetch(base + "/healthz", {})
                break
            except OSError:
                time.sleep(0.2)
        signed_in = {"Cookie": f"sessionid={session}"}
        targets = {
            "bare view (/healthz)": (base + "/healthz", {}),
            "bare view, signed in": (base + "/bench/bare-signed-in", signed_in),
            "dashboard (/today/)": (base + "/today/", signed_in),
            "API status": (base + f"/api/v1/plans/{plan_id}/status", {"Authorization": f"Bearer {token}"}),
        }
        timings: dict[str, list[float]] = {name: [] for name in targets}
        for _ in range(20):  # warm up
            for url, headers in targets.values():
                fetch(url, headers)
        for _ in range(requests):  # interleaved, so load and noise hit all three alike
            for name, (url, headers) in targets.items():
                timings[name].append(fetch(url, headers))
    finally:
        server.terminate()
        server.wait()
    cli: list[float] = []
    for _ in range(15):
        began = time.perf_counter()
        out = subprocess.run([str(BIN), "status", "--json"], env=env, capture_output=True, text=True, check=True)
        cli.append(time.perf_counter() - began)
        assert len(json.loads(out.stdout)["plans"]) == 4
    result = {name: statistics.median(values) * 1000 for name, values in timings.items()}
    result["nocontact status --json"] = statistics.median(cli) * 1000
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    results = {size: run_size(size, args.requests) for size in args.sizes}
    names = list(next(iter(results.values())))
    print(
        f"Median milliseconds, {datetime.now(UTC):%Y-%m-%d}, {os.cpu_count()} cores, "
        f"{'PostgreSQL' if os.environ.get('BENCH_DATABASE_URL') else 'SQLite'}\n"
    )
    bare, bare_in, dash, api = "bare view (/healthz)", "bare view, signed in", "dashboard (/today/)", "API status"
    print("| entries | " + " | ".join(names) + " | dashboard / bare | API status / bare | dashboard / bare signed in |")
    print("|" + "---|" * (len(names) + 4))
    for size, r in results.items():
        print(
            f"| {size:,} | "
            + " | ".join(f"{r[n]:.2f}" for n in names)
            + f" | {r[dash] / r[bare]:.2f}× | {r[api] / r[bare]:.2f}× | {r[dash] / r[bare_in]:.2f}× |"
        )
    first, last = results[min(results)], results[max(results)]
    print(
        f"\nGrowth from {min(results):,} to {max(results):,} entries: "
        + ", ".join(f"{n} {last[n] / first[n]:.2f}×" for n in names[1:])
    )


if __name__ == "__main__":
    main()
