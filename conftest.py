"""Shared test fixtures. The cast: Alice owns things, Bob is someone else, anonymous has nothing."""

from __future__ import annotations

import os
import tempfile

# Keep the test run's generated keys out of the user's real data folder.
os.environ.setdefault("NOCONTACT_DATA_DIR", tempfile.mkdtemp(prefix="nocontact-test-"))

from datetime import UTC, datetime

import pytest

from nocontact.accounts.backends import BACKEND

PASSWORD = "a quiet harbour 77"


@pytest.fixture
def alice(db):
    from nocontact.accounts.services import user_create

    return user_create(username="alice", password=PASSWORD)


@pytest.fixture
def bob(db):
    from nocontact.accounts.services import user_create

    return user_create(username="bob", password=PASSWORD)


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice, backend=BACKEND)
    return client


@pytest.fixture
def bob_client(alice, bob):
    from django.test import Client

    c = Client()
    c.force_login(bob, backend=BACKEND)
    return c


@pytest.fixture
def now():
    return datetime.now(UTC)


@pytest.fixture
def alice_plan(alice, now):
    from nocontact.plans.services import plan_create

    return plan_create(
        user=alice,
        name="Sam",
        started_at=datetime(2026, 1, 1, 9, 0, tzinfo=UTC),
        tz="Europe/Berlin",
        reason="My evenings are mine again.",
        now=now,
    )


@pytest.fixture
def alice_contact(alice_plan, now):
    from nocontact.plans.services import contact_log

    return contact_log(
        plan=alice_plan,
        at=datetime(2026, 1, 5, 12, 0, tzinfo=UTC),
        channel="text",
        direction="outgoing",
        note="I said I missed the dog.",
        now=now,
    )


@pytest.fixture
def alice_token(alice):
    from nocontact.accounts.services import token_create

    return token_create(user=alice, name="tests")[1]


@pytest.fixture
def api(alice_token):
    """Alice's API client, signed with her token."""
    from django.test import Client

    return Client(HTTP_AUTHORIZATION=f"Bearer {alice_token}")


@pytest.fixture
def bob_api(bob):
    from django.test import Client

    from nocontact.accounts.services import token_create

    return Client(HTTP_AUTHORIZATION=f"Bearer {token_create(user=bob, name='b')[1]}")


def page(response) -> str:
    """A response body as a person would read it (HTML entities decoded)."""
    import html

    return html.unescape(response.content.decode())


@pytest.fixture
def scratch_env(tmp_path):
    """An environment for running the installed command on a scratch data folder.

    On the PostgreSQL run it also gets a fresh, empty database of its own, dropped afterwards.
    """
    import secrets

    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "NOCONTACT_USER", "NOCONTACT_HOSTED"}}
    env["NOCONTACT_DATA_DIR"] = str(tmp_path / "data")
    env["TZ"] = "UTC"
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield env
        return
    import psycopg

    name = f"nocontact_e2e_{secrets.token_hex(4)}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    env["DATABASE_URL"] = url.rsplit("/", 1)[0] + "/" + name
    try:
        yield env
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def nocontact_bin() -> str:
    import sys
    from pathlib import Path

    return str(Path(sys.executable).parent / "nocontact")


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class RunningApp:
    """A real `nocontact serve` process on a free loopback port."""

    def __init__(self, env: dict[str, str], port: int | None = None) -> None:
        import subprocess

        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        import tempfile

        self.log = tempfile.NamedTemporaryFile(prefix="nocontact-serve-", suffix=".log", delete=False)  # noqa: SIM115
        self.process = subprocess.Popen(
            [nocontact_bin(), "serve", "--port", str(self.port)],
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.wait_ready()

    def wait_ready(self, timeout: float = 60.0) -> None:
        import time
        import urllib.request

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nocontact serve exited: {self.output()}")
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("nocontact serve did not start in time")

    def output(self) -> str:
        from pathlib import Path

        return Path(self.log.name).read_text(errors="replace")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except Exception:
            self.process.kill()


@pytest.fixture
def webhook():
    """A local web hook on a free loopback port that records the JSON posted to it: (port, received)."""
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    got: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            got.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", free_port()), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], got
    server.shutdown()


@pytest.fixture
def running_app(scratch_env):
    app = RunningApp(scratch_env)
    yield app
    app.stop()
