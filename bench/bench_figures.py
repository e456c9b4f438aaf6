"""How fast the pages that show figures are, as the log grows, against the speed targets.

    .venv/bin/python bench/bench_figures.py [--sizes 1000 10000 100000] [--requests 200] [--in-process 500]

For each size it builds a scratch data folder with one user holding three years of history across four
plans, and measures the same pages two ways:

- **In one process**: Django's WSGI handler called directly (no server, no socket), median of
  ``--in-process`` requests each.
- **Over HTTP**: a real `nocontact serve` on loopback, ``--requests`` sequential requests each after a warm-up,
  the targets interleaved so that load and noise hit all alike.

The pages: GET /healthz (a bare Django view rendering a small template); the same view behind sign-in, by
session (/bench/bare-signed-in) and by API token (/bench/bare-token), added by bench/bench_urls.py; the
dashboard (/today/, signed in); GET /api/v1/plans/{id}/status (by token). Then `nocontact status --json`.

The targets (issue 18), at 100,000 entries on SQLite: the dashboard and the API status each take at most
8 ms (median) in one process, and at most 3x the same bare view behind sign-in over HTTP (the dashboard
against the session's, the API status against the token's). The script says whether they hold.

It runs on SQLite; with DATABASE_URL set to a PostgreSQL server it runs there too, in a database of its own
(the URL's name with ``_bench`` added, created afresh for each size and dropped after).
Results are recorded by hand in bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent / "nocontact"
sys.path.insert(0, str(ROOT))

TARGET_MS, TARGET_RATIO, TARGET_SIZE = 8.0, 3.0, 100_000
BARE, BARE_SESSION, BARE_TOKEN = "bare view (/healthz)", "bare view, signed in", "bare view, token"
DASH, API = "dashboard (/today/)", "API status"

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
from django.db import connection
if connection.vendor == "postgresql":
    # As autovacuum does after a large import: fresh statistics, and a visibility map, so that counts can be
    # read from an index alone.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE plans_contact")
plans = [p for p, _ in plans]
session = SessionStore()
session["_auth_user_id"] = str(user.pk)
session["_auth_user_backend"] = BACKEND
session["_auth_user_hash"] = user.get_session_auth_hash()
session.create()
print(session.session_key, token_create(user=user, name="bench")[1], plans[0].public_id)
"""


# Django's WSGI handler called directly, in a process of its own (its settings come from the environment).
IN_PROCESS = r"""
import io, json, os, statistics, sys, time
import django
from django.core.handlers.wsgi import WSGIHandler

django.setup()
handler = WSGIHandler()
session, token, plan_id, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
cookie = {"HTTP_COOKIE": f"sessionid={session}"}
bearer = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
targets = json.loads(sys.argv[5])


def call(path, headers):
    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "", "SCRIPT_NAME": "",
        "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "8000", "HTTP_HOST": "127.0.0.1", "REMOTE_ADDR": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1", "wsgi.input": io.BytesIO(b""), "wsgi.errors": sys.stderr,
        "wsgi.url_scheme": "http", "wsgi.multithread": False, "wsgi.multiprocess": False, **headers,
    }
    status = []
    began = time.perf_counter()
    response = handler(environ, lambda s, h, exc_info=None: status.append(s))
    b"".join(response)
    response.close()
    took = time.perf_counter() - began
    if not status[0].startswith("200"):
        raise SystemExit(f"{path}: {status[0]}")
    return took


timings = {name: [] for name in targets}
for _ in range(20):
    for name, (path, auth) in targets.items():
        call(path.format(plan=plan_id), {"session": cookie, "token": bearer, "": {}}[auth])
for _ in range(count):
    for name, (path, auth) in targets.items():
        timings[name].append(call(path.format(plan=plan_id), {"session": cookie, "token": bearer, "": {}}[auth]))
print(json.dumps({name: statistics.median(values) * 1000 for name, values in timings.items()}))
"""
# name: (address, how it signs in)
TARGETS = {
    BARE: ("/healthz", ""),
    BARE_SESSION: ("/bench/bare-signed-in", "session"),
    BARE_TOKEN: ("/bench/bare-token", "token"),
    DASH: ("/today/", "session"),
    API: ("/api/v1/plans/{plan}/status", "token"),
}


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


def fresh_database(url: str) -> str:
    """A new, empty database beside the one ``url`` names (its name plus ``_bench``); its URL."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/") + "_bench"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path="/" + name))


def drop_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}"')


def run_size(size: int, requests: int, in_process: int, database_url: str | None) -> dict[str, dict[str, float]]:
    data = Path(tempfile.mkdtemp(prefix=f"nocontact-bench-{size}-"))
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {"NOCONTACT_DATA_DIR": str(data)}
    bench_db = fresh_database(database_url) if database_url else None
    if bench_db:
        env["DATABASE_URL"] = bench_db
    try:
        seeded = subprocess.run(
            [sys.executable, "-c", SEED, str(size)], env=env, capture_output=True, text=True, check=True, cwd=ROOT
        )
        session, token, plan_id = seeded.stdout.split()
        # The real settings, with the bench-only routes added (bench/bench_urls.py).
        served = env | {"DJANGO_SETTINGS_MODULE": "bench_settings", "PYTHONPATH": str(ROOT / "bench")}
        one = subprocess.run(
            [sys.executable, "-c", IN_PROCESS, session, token, plan_id, str(in_process), json.dumps(TARGETS)],
            env=served,
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        http = over_http(served, session, token, plan_id, requests)
        cli: list[float] = []
        for _ in range(15):
            began = time.perf_counter()
            out = subprocess.run([str(BIN), "status", "--json"], env=env, capture_output=True, text=True, check=True)
            cli.append(time.perf_counter() - began)
            assert len(json.loads(out.stdout)["plans"]) == 4
        http["nocontact status --json"] = statistics.median(cli) * 1000
    finally:
        if bench_db:
            drop_database(bench_db)
    return {"in one process": json.loads(one.stdout), "over HTTP": http}


def over_http(served: dict[str, str], session: str, token: str, plan_id: str, requests: int) -> dict[str, float]:
    port = free_port()
    server = subprocess.Popen(
        [str(BIN), "serve", "--port", str(port)], env=served, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    auth = {"": {}, "session": {"Cookie": f"sessionid={session}"}, "token": {"Authorization": f"Bearer {token}"}}
    targets = {name: (base + path.format(plan=plan_id), auth[how]) for name, (path, how) in TARGETS.items()}
    try:
        for _ in range(100):
            try:
                fetch(base + "/healthz", {})
                break
            except OSError:
                time.sleep(0.2)
        timings: dict[str, list[float]] = {name: [] for name in targets}
        for _ in range(20):  # warm up
            for url, headers in targets.values():
                fetch(url, headers)
        for _ in range(requests):  # interleaved, so load and noise hit every target alike
            for name, (url, headers) in targets.items():
                timings[name].append(fetch(url, headers))
    finally:
        server.terminate()
        server.wait()
    return {name: statistics.median(values) * 1000 for name, values in timings.items()}


def report(engine: str, results: dict[int, dict[str, dict[str, float]]]) -> None:
    print(f"\n### {engine}\n")
    for how in ("in one process", "over HTTP"):
        names = list(next(iter(results.values()))[how])
        ratios = how == "over HTTP"
        print(f"{how}, median ms:\n")
        extra = " dashboard / bare signed in | API status / bare token |" if ratios else ""
        print("| entries | " + " | ".join(names) + " |" + extra)
        print("|" + "---|" * (len(names) + 1 + (2 if ratios else 0)))
        for size, by in results.items():
            r = by[how]
            row = f"| {size:,} | " + " | ".join(f"{r[n]:.2f}" for n in names) + " |"
            if ratios:
                row += f" {r[DASH] / r[BARE_SESSION]:.2f}× | {r[API] / r[BARE_TOKEN]:.2f}× |"
            print(row)
        print()
    first, last = results[min(results)], results[max(results)]
    print(
        f"Growth from {min(results):,} to {max(results):,} entries (in one process): "
        + ", ".join(f"{n} {last['in one process'][n] / first['in one process'][n]:.2f}×" for n in (DASH, API))
    )
    if TARGET_SIZE in results:
        one, http = results[TARGET_SIZE]["in one process"], results[TARGET_SIZE]["over HTTP"]
        checks = [
            (f"dashboard in one process <= {TARGET_MS:g} ms", one[DASH] <= TARGET_MS),
            (f"API status in one process <= {TARGET_MS:g} ms", one[API] <= TARGET_MS),
            (f"dashboard <= {TARGET_RATIO:g}x bare signed in", http[DASH] <= TARGET_RATIO * http[BARE_SESSION]),
            (f"API status <= {TARGET_RATIO:g}x bare token", http[API] <= TARGET_RATIO * http[BARE_TOKEN]),
        ]
        print(
            f"Targets at {TARGET_SIZE:,} entries: "
            + "; ".join(f"{n}: {'met' if ok else 'NOT met'}" for n, ok in checks)
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--requests", type=int, default=200, help="requests per target over HTTP")
    parser.add_argument("--in-process", type=int, default=500, help="requests per target in one process")
    args = parser.parse_args()
    engines: dict[str, str | None] = {"SQLite": None}
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        engines["PostgreSQL"] = os.environ["DATABASE_URL"]
    print(
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.system()} {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f}"
    )
    for engine, url in engines.items():
        results = {size: run_size(size, args.requests, args.in_process, url) for size in args.sizes}
        report(engine, results)


if __name__ == "__main__":
    main()
