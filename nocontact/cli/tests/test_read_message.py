"""`nocontact read-message`, in the process: the JSON contract, the calm text, and what it refuses."""

from __future__ import annotations

import io
import json
import sys
from datetime import UTC, datetime

import pytest

from nocontact import messages
from nocontact.cli import commands
from nocontact.cli.errors import CliError
from nocontact.cli.main import build_parser
from nocontact.domain.checker import classify
from nocontact.domain.checker.read import NOTHING_ASKED

# Written for these tests: two practical lines among digs.
HOSTILE = (
    "Must be nice to have so much free time while I do everything. "
    "Mia's school trip form has to be signed and back by Wednesday. "
    "Can you pick her up at 4:30 on Friday? "
    "You always put yourself first, always have."
)
KEYS = ["practical", "needs_answer", "folded", "suggested_reply"]


def read(monkeypatch, capsys, stdin: str, *argv: str, user=None) -> tuple[str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    args = build_parser().parse_args(["read-message", *argv])
    code = commands.read_with_plan(user, args) if user is not None else commands.run(args)
    assert code == 0
    out = capsys.readouterr()
    return out.out, out.err


def test_json_has_exactly_the_four_keys_and_never_the_folded_sentences(monkeypatch, capsys):
    out, _ = read(monkeypatch, capsys, HOSTILE, "--json")
    body = json.loads(out)
    assert list(body) == KEYS
    assert body["practical"] == [
        "Mia's school trip form has to be signed and back by Wednesday.",
        "Can you pick her up at 4:30 on Friday?",
    ]
    assert body["needs_answer"] == ["Can you pick her up at 4:30 on Friday?"]
    assert body["folded"] == 2
    assert "free time" not in out
    assert "yourself first" not in out


def test_the_plain_text_is_calm_and_leaves_the_folded_part_out(monkeypatch, capsys):
    out, _ = read(monkeypatch, capsys, HOSTILE)
    assert "Mia's school trip form has to be signed and back by Wednesday." in out
    assert "Needs an answer:\n  - Can you pick her up at 4:30 on Friday?" in out
    assert "2 sentences folded away." in out
    assert "Thanks for letting me know." in out
    assert "free time" not in out
    assert "yourself first" not in out
    hurt, _ = read(monkeypatch, capsys, "You ruined my life.")
    assert messages.READ_NOTHING_PRACTICAL in hurt
    assert NOTHING_ASKED in hurt
    assert "1 sentence folded away." in hurt


@pytest.mark.parametrize(
    ("stdin", "says"),
    [("", "Paste the message first."), ("  \n ", "Paste the message first."), ("x " * 10_001, "20000")],
    ids=["empty", "blank", "too long"],
)
def test_empty_or_too_long_is_one_clear_error_never_a_cut(monkeypatch, capsys, stdin, says):
    for argv in ([], ["--json"]):
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        with pytest.raises(CliError, match=says):
            commands.run(build_parser().parse_args(["read-message", *argv]))
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("fmt", [(), ("--json",)], ids=["human", "json"])
def test_on_the_rules_alone_it_says_so_on_stderr_only(monkeypatch, capsys, fmt):
    with classify.using(None):
        out, err = read(monkeypatch, capsys, HOSTILE, *fmt)
    assert err.strip() == messages.CHECKER_RULES_ONLY
    assert messages.CHECKER_RULES_ONLY not in out
    if fmt:
        assert list(json.loads(out)) == KEYS


def test_a_plan_must_exist_and_be_yours(monkeypatch, capsys, alice, bob, now):
    from nocontact.errors import NotFound
    from nocontact.plans.services import plan_create

    plan_create(user=alice, name="Co", started_at=datetime(2026, 1, 1, tzinfo=UTC), tz="UTC", mode="minimal", now=now)
    out, _ = read(monkeypatch, capsys, HOSTILE, "--plan", "co", "--json", user=alice)
    assert list(json.loads(out)) == KEYS
    with pytest.raises(NotFound):
        read(monkeypatch, capsys, HOSTILE, "--plan", "Co", user=bob)
