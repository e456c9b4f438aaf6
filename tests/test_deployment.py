"""The container files hold together: compose.yaml parses and runs real commands, the image uses the README's
install script, and every setting the compose file asks for is in .env.example.

Nothing here builds or starts a container (CI has no Docker daemon); docs/deployment.md says how to.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from django.urls import resolve

from nocontact.cli.main import build_parser

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))


def test_compose_runs_the_database_the_app_and_a_worker(compose):
    services = compose["services"]
    assert set(services) == {"db", "app", "worker"}
    assert services["db"]["image"].startswith("postgres:")
    for name in ("app", "worker"):
        assert services[name]["build"] == "."
        assert services[name]["depends_on"]["db"] == {"condition": "service_healthy"}
        assert services[name]["environment"]["DATABASE_URL"].startswith("postgresql://")
        assert services[name]["volumes"] == ["data:/data"]
    assert services["worker"]["depends_on"]["app"] == {"condition": "service_healthy"}
    assert set(compose["volumes"]) == {"db", "data"}


@pytest.mark.parametrize("service", ["app", "worker"])
def test_each_process_runs_a_real_nocontact_command(compose, service):
    command = compose["services"][service]["command"]
    assert command[0] == "nocontact"
    args = build_parser().parse_args(command[1:])  # a wrong option or command exits here
    assert args.command == {"app": "serve", "worker": "worker"}[service]


def test_the_health_checks_ask_for_an_address_the_app_answers(compose):
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    checks = [" ".join(compose["services"]["app"]["healthcheck"]["test"]), dockerfile]
    for check in checks:
        path = re.search(r"http://localhost:8000(/[a-z]+)", check).group(1)
        assert resolve(path).url_name == "healthz"
    assert "pg_isready" in " ".join(compose["services"]["db"]["healthcheck"]["test"])
    # The worker serves no page: the image's HTTP health check would call it unhealthy forever.
    assert compose["services"]["worker"]["healthcheck"] == {"disable": True}
    # The app checks its health with the Host "localhost", so hosted mode must allow it.
    assert compose["services"]["app"]["environment"]["NOCONTACT_ALLOWED_HOSTS"].endswith(",localhost")


def test_the_image_installs_with_the_readme_script_for_running_only():
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "RUN scripts/bootstrap --run" in dockerfile
    assert "scripts/bootstrap --run" in (ROOT / "scripts" / "run").read_text(encoding="utf-8")
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    for needed in ("pyproject.toml", "requirements.lock", "README.md", "scripts", "nocontact"):
        assert needed not in ignored


def test_every_setting_compose_asks_for_is_in_the_example_env_file():
    asked = set(re.findall(r"\$\{(\w+):\?", (ROOT / "compose.yaml").read_text(encoding="utf-8")))
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    offered = set(re.findall(r"^(\w+)=", example, flags=re.MULTILINE))
    assert asked == offered == {"NOCONTACT_DOMAIN", "NOCONTACT_SECRET_KEY", "NOCONTACT_MASTER_KEY", "POSTGRES_PASSWORD"}
