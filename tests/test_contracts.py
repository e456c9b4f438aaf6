"""Promises the project makes about itself."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
CODE = [*ROOT.joinpath("nocontact").rglob("*.py"), ROOT / "scripts" / "test", ROOT / "conftest.py"]


def test_every_environment_variable_is_documented():
    used = set()
    for path in CODE:
        used |= set(re.findall(r"\b(NOCONTACT_[A-Z_]+)\b", path.read_text()))
    documented = set(re.findall(r"`(NOCONTACT_[A-Z_]+)`", (ROOT / "docs" / "configuration.md").read_text()))
    assert used, "the scan found nothing: it is broken"
    assert used - documented == set()


def test_no_page_or_asset_refers_to_another_server():
    offenders = []
    for folder in ROOT.joinpath("nocontact").rglob("templates"):
        for path in folder.rglob("*.html"):
            for url in re.findall(r'(?:src|href|action)=["\']([^"\']+)', path.read_text()):
                if re.match(r"^(https?:)?//", url):
                    offenders.append((path.name, url))
    for path in ROOT.joinpath("nocontact").rglob("static/**/*.*"):
        if path.suffix in {".css", ".js"}:
            offenders += [(path.name, u) for u in re.findall(r"url\((?:https?:)?//[^)]+\)|@import", path.read_text())]
    assert offenders == []


@pytest.mark.django_db
def test_no_model_change_is_missing_a_migration():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_tests_do_not_touch_the_real_data_folder():
    from django.conf import settings
    from platformdirs import user_data_dir

    assert Path(settings.DATA_DIR) != Path(user_data_dir("nocontact", appauthor=False)).resolve()


def test_modules_stay_small():
    big = [(p.relative_to(ROOT), n) for p in CODE if (n := len(p.read_text().splitlines())) > 500]
    assert big == []


def test_the_domain_core_does_not_import_django_or_an_app_or_read_the_clock():
    """Every module of the pure core, in every subpackage (its tests too). import-linter checks the imports
    again (pyproject.toml, [tool.importlinter]); this also catches the clock, and runs with the suite."""
    modules = sorted(ROOT.joinpath("nocontact", "domain").rglob("*.py"))
    assert len(modules) > len(list(ROOT.joinpath("nocontact", "domain").glob("*.py"))), "no subpackage found"
    for path in modules:
        text = path.read_text()
        assert "django" not in text, path
        imported = re.findall(r"^\s*(?:from|import) (nocontact\S*)", text, flags=re.M)
        assert [name for name in imported if not name.startswith("nocontact.domain")] == [], path
        assert not re.search(r"datetime\.now\(|date\.today\(|time\.time\(", text), path


@pytest.mark.django_db
def test_pages_send_a_strict_content_security_policy(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert "style=" not in response.content.decode()  # inline styles would be blocked


@pytest.mark.django_db(transaction=True)
def test_sqlite_runs_with_wal_secure_delete_and_a_busy_timeout():
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite settings; this run is on " + connection.vendor)
    from django.conf import settings

    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA secure_delete")
        assert cursor.fetchone()[0] == 1
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 5000
        cursor.execute("PRAGMA foreign_keys")
        assert cursor.fetchone()[0] == 1
    # The test database lives in memory, where WAL does not apply; the file the app uses is checked
    # by running the real command on a scratch folder.
    assert "journal_mode=WAL" in options["init_command"]


@pytest.mark.django_db(transaction=True)
def test_postgresql_plans_a_repeated_query_once():
    """A query run again and again on one connection is prepared, so PostgreSQL stops planning it."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's prepared statements; this run is on " + connection.vendor)
    with connection.cursor() as cursor:
        for _ in range(6):
            cursor.execute("SELECT COUNT(*) FROM plans_plan WHERE goal_days > %s", [7])
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any("goal_days > $1" in statement for statement in prepared), prepared


@pytest.mark.parametrize(("flag", "prepared"), [(None, True), ("0", False)])
def test_prepared_statements_can_be_turned_off_for_a_pooler(flag, prepared):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "NOCONTACT_PG_PREPARE"}
    env["DATABASE_URL"] = "postgresql://nocontact@db.invalid:5432/nocontact"  # read, never connected to
    if flag is not None:
        env["NOCONTACT_PG_PREPARE"] = flag
    out = subprocess.run(
        [sys.executable, "-c", "from nocontact import settings; print(settings.DATABASES['default'].get('OPTIONS'))"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    assert ("'prepare_threshold': 5" in out) is prepared
    assert ("'server_side_binding': True" in out) is prepared
