"""The crash test's short form: concurrent writers through the API, kill -9, restart, nothing lost.

scripts/crashtest is the long form (N rounds as an argument); here 3 short rounds, on SQLite (with
PRAGMA integrity_check) and, on the PostgreSQL run, on a fresh database of its own.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "crashtest"


def test_every_acknowledged_write_survives_kill_9(scratch_env, tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--rounds",
            "3",
            "--seconds",
            "2",
            "--writers",
            "4",
            "--seed",
            "14",
            "--data-dir",
            str(tmp_path / "crash"),
        ],
        env=scratch_env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok: nothing acknowledged was lost" in result.stdout
    rounds = [line for line in result.stdout.splitlines() if line.startswith("round ")]
    assert len(rounds) == 3
    assert all(line.endswith(", 0 lost") for line in rounds)
