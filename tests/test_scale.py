"""Two `nocontact serve` processes on one PostgreSQL: what one writes, the other reads."""

from __future__ import annotations

import base64
import json
import os
import re
import secrets
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from conftest import RunningApp

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="needs PostgreSQL: runs in the PostgreSQL pass of scripts/test",
    ),
]


def call(url: str, *, method: str = "GET", body=None, headers=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})  # noqa: S310
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, response.read().decode(), response.headers
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(), exc.headers


@pytest.fixture
def hosted_env(scratch_env):
    return {
        **scratch_env,
        "NOCONTACT_HOSTED": "1",
        "NOCONTACT_SECRET_KEY": secrets.token_urlsafe(50),
        "NOCONTACT_MASTER_KEY": base64.urlsafe_b64encode(os.urandom(32)).decode(),
        "NOCONTACT_ALLOWED_HOSTS": "127.0.0.1",
        "NOCONTACT_SSL_REDIRECT": "0",  # TLS ends at the proxy; these requests come straight in
    }


def test_two_processes_share_everything_through_the_database(hosted_env):
    first = RunningApp(hosted_env)
    second = RunningApp(hosted_env)
    try:
        code = (
            "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'nocontact.settings'; django.setup();"
            "from nocontact.accounts.services import user_create, token_create;"
            "print(token_create(user=user_create(username='clinic', password='a long passphrase 9'), name='t')[1])"
        )
        token = subprocess.run(
            [sys.executable, "-c", code], env=hosted_env, capture_output=True, text=True, check=True, timeout=60
        ).stdout.strip()
        auth = {"Authorization": f"Bearer {token}", "X-Forwarded-Proto": "https"}

        status, body, _ = call(
            first.url + "/api/v1/plans",
            method="POST",
            headers=auth,
            body={"name": "Sam", "since": "2026-01-01T09:00", "tz": "Europe/Berlin", "reason": "Shared keys work."},
        )
        assert status == 201, body
        plan = json.loads(body)
        status, body, _ = call(
            second.url + f"/api/v1/plans/{plan['id']}/contacts",
            method="POST",
            headers=auth,
            body={"at": "2026-01-05T12:00", "channel": "text", "direction": "outgoing"},
        )
        assert status == 201, body
        status, body, _ = call(first.url + f"/api/v1/plans/{plan['id']}/status?as_of=2026-01-11T08:00", headers=auth)
        figures = json.loads(body)
        assert (figures["current_streak_days"], figures["clean_days_total"], figures["slips"]) == (6, 9, 1)
        status, body, _ = call(second.url + f"/api/v1/plans/{plan['id']}", headers=auth)
        assert json.loads(body)["reason"] == "Shared keys work."  # encrypted by one, read by the other

        # A session started on one process is valid on the other.
        proxy = {"X-Forwarded-Proto": "https"}
        status, body, headers = call(first.url + "/login/", headers=proxy)
        csrf_cookie = re.search(r"csrftoken=([^;]+)", headers["Set-Cookie"]).group(1)
        form_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
        login = urllib.request.Request(  # noqa: S310
            first.url + "/login/",
            data=f"username=clinic&password=a+long+passphrase+9&csrfmiddlewaretoken={form_token}".encode(),
            method="POST",
            headers={
                **proxy,
                "Cookie": f"csrftoken={csrf_cookie}",
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": f"https://127.0.0.1:{first.port}",
                "Referer": f"https://127.0.0.1:{first.port}/login/",
            },
        )

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        with pytest.raises(urllib.error.HTTPError) as redirected:  # the redirect after logging in
            urllib.request.build_opener(NoRedirect).open(login, timeout=10)
        assert redirected.value.code == 302, first.output()
        cookies = " ".join(redirected.value.headers.get_all("Set-Cookie"))
        session = re.search(r"sessionid=([^;]+)", cookies).group(1)
        status, body, headers = call(second.url + "/today/", headers={**proxy, "Cookie": f"sessionid={session}"})
        assert status == 200
        assert "Sam" in body
        assert "no-store" in headers["Cache-Control"]
    finally:
        first.stop()
        second.stop()
