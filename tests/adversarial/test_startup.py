"""Issue 14, item 8: two servers started at once on a fresh database both come up and serve.

On PostgreSQL the migrations run under an advisory lock; on SQLite under a lock file in the data folder.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
import time
import urllib.request

import pytest

from conftest import free_port, nocontact_bin

pytestmark = pytest.mark.e2e


def start(env: dict[str, str]) -> tuple[subprocess.Popen[bytes], int, object]:
    port = free_port()
    log = tempfile.TemporaryFile()  # noqa: SIM115
    process = subprocess.Popen(
        [nocontact_bin(), "serve", "--port", str(port), "--no-worker"], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    return process, port, log


def wait_ready(process: subprocess.Popen[bytes], port: int, log, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            raise AssertionError(f"a server exited ({process.returncode}):\n{log.read().decode(errors='replace')}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("a server did not come up in time")


def test_two_servers_started_at_once_on_a_fresh_database_both_serve(scratch_env):
    servers = [start(scratch_env) for _ in range(3)]
    try:
        for process, port, log in servers:
            wait_ready(process, port, log)
        for _, port, _ in servers:
            # Each answers a page that reads the migrated tables.
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=10) as answer:
                assert answer.status == 200
            request = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/plans")
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(request, timeout=10)  # noqa: S310
            assert refused.value.code == 401
            assert json.loads(refused.value.read())["error"]["code"] == "unauthorized"
    finally:
        for process, _, log in servers:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
            log.close()
