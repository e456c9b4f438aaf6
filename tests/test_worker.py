"""Background work: an alert queued while no worker runs is sent when one starts, exactly once."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import nocontact_bin

pytestmark = pytest.mark.e2e


def django(env, code: str) -> str:
    prelude = "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'nocontact.settings'; django.setup();"
    return subprocess.run(
        [sys.executable, "-c", prelude + code], env=env, capture_output=True, text=True, check=True, timeout=60
    ).stdout


def test_an_alert_queued_while_the_worker_is_down_is_sent_once_it_starts(scratch_env, webhook):
    port, got = webhook
    subprocess.run([nocontact_bin(), "migrate"], env=scratch_env, check=True, timeout=120)
    queued = django(
        scratch_env,
        (
            "from nocontact.accounts.services import user_create;"
            "from nocontact.urges.services import support_person_save, alert_circle;"
            "u = user_create(username='walker', password=None);"
            f"support_person_save(user=u, name='Robin', phone='1', preferred='call', notify_url='json://127.0.0.1:{port}/a',"
            " alert_on_pause=True, message='Could you call me?');"
            "print(alert_circle(user=u))"
        ),
    )
    assert queued.strip() == "1"
    assert got == []  # nothing runs without a worker
    first = subprocess.run(
        [nocontact_bin(), "worker", "--batch"], env=scratch_env, capture_output=True, text=True, timeout=120
    )
    assert first.returncode == 0, first.stderr
    assert len(got) == 1
    assert got[0]["title"] == "A friend could use a call"
    assert got[0]["message"] == "Could you call me?"
    again = subprocess.run(
        [nocontact_bin(), "worker", "--batch"], env=scratch_env, capture_output=True, text=True, timeout=120
    )
    assert again.returncode == 0
    assert len(got) == 1


def test_the_pause_from_the_terminal(scratch_env):
    run = lambda *args, stdin="": subprocess.run(  # noqa: E731
        [nocontact_bin(), *args], env=scratch_env, input=stdin, capture_output=True, text=True, timeout=60
    )
    assert (
        run("plan", "add", "Sam", "--since", "2026-01-01", "--tz", "UTC", "--reason", "calm mornings").returncode == 0
    )
    done = run("urge", stdin="7\nloneliness\nreassurance\nI miss you\n\n2\npassed\n")
    assert done.returncode == 0, done.stderr
    assert "Your reason: calm mornings" in done.stderr
    assert "urges pass" in done.stdout
    slipped = run("urge", "Sam", stdin="9\n\n\n\n\n\ncontacted\n")  # skip feeling, words, trigger, message, after
    assert slipped.returncode == 0
    assert "It happened, and that's all right" in slipped.stdout
    report = json.loads(run("urges", "--json").stdout)
    assert report["total"] == 2
    assert report["passed_share"] == 0.5
    export = json.loads(run("export", "--json").stdout)
    assert sorted(u["outcome"] for u in export["urges"]) == ["contacted", "passed"]
    assert "I miss you" in [u["unsent"] for u in export["urges"]]
    status = json.loads(run("status", "--json").stdout)["plans"][0]
    assert status["slips"] == 1
    no_outcome = run("urge", stdin="5\n\n\n\n\n\n")
    assert no_outcome.returncode == 2
    assert "nothing was saved" in no_outcome.stderr  # input ran out before how it ended was asked
