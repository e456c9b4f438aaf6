"""The lock files and the pre-commit hooks stay in step with what they stand for.

requirements.lock is what `scripts/run` installs: the app's needs and nothing for development.
requirements-dev.lock adds the tools at the very same versions. The pre-commit hooks run CI's checks.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def pins(name: str) -> dict[str, str]:
    text = (ROOT / name).read_text(encoding="utf-8")
    return dict(re.findall(r"^([a-z0-9][a-z0-9._-]*)==(\S+)", text, flags=re.MULTILINE))


def test_the_runtime_lock_holds_no_development_tool_and_the_dev_lock_agrees_with_it():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    run, dev = pins("requirements.lock"), pins("requirements-dev.lock")
    tools = {re.split(r"[<>=\[ ]", spec)[0].lower() for spec in project["optional-dependencies"]["dev"]}
    needs = {re.split(r"[<>=\[ ]", spec)[0].lower() for spec in project["dependencies"]}
    assert needs <= set(run)
    # pyyaml is in both: the tests read YAML, and apprise needs it to run.
    assert not (tools - {"pyyaml"}) & set(run), "a development tool is in the runtime lock"
    assert tools <= set(dev)
    assert {name: dev[name] for name in run} == run, "the two locks disagree on a version"
    for name in ("requirements.lock", "requirements-dev.lock"):
        text = (ROOT / name).read_text(encoding="utf-8")
        assert "#    scripts/lock\n" in text  # made by the documented command
        hashed = re.findall(r"^[a-z0-9][a-z0-9._-]*==\S+ \\\n\s+--hash=sha256:[0-9a-f]{64}", text, flags=re.MULTILINE)
        assert len(hashed) == len(pins(name)), "a pin without a hash: pip would refuse the whole file"


def test_pre_commit_runs_ci_checks_with_the_project_tools_and_fetches_nothing():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    hooks = config["repos"][0]["hooks"]
    assert all(hook["language"] == "system" for hook in hooks)
    entries = [hook["entry"] for hook in hooks]
    assert all(".venv/bin/" in entry for entry in entries)
    ci = (ROOT / "scripts" / "test").read_text(encoding="utf-8")
    for check in ("ruff check", "ruff format --check", "mypy", "manage.py makemigrations --check --dry-run"):
        assert check in ci
        assert any(check in entry for entry in entries), f"no pre-commit hook runs {check}"
