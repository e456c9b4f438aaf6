"""`nocontact check-message`, in the process: what it does with input people and programs really send.

Each case here once went wrong (issue 21): an empty topic list flagged practical lines, a deeply nested line
stopped the batch, a long draft was cut without a word, an unknown topic was not named, and NaN passed as an id.
"""

from __future__ import annotations

import io
import json
import sys
from datetime import UTC, datetime

import pytest

from nocontact.cli import check, commands
from nocontact.cli.errors import CliError
from nocontact.cli.main import build_parser
from nocontact.domain.checker import classify

RENT = "The rent for the flat is due on Friday."  # practical, about money and housing, not the children
PICKUP = "Can you pick Mia up from school at 3:30 on Thursday?"


def _args(*argv: str):
    return build_parser().parse_args(["check-message", *argv])


def _feed(monkeypatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))


def run_plain(monkeypatch, capsys, stdin: str, *argv: str) -> tuple[str, str]:
    """The command without a plan, as `nocontact check-message ARGV < stdin` runs it (no database)."""
    _feed(monkeypatch, stdin)
    assert commands.run(_args(*argv)) == 0
    out = capsys.readouterr()
    return out.out, out.err


def rows(monkeypatch, capsys, *lines: str, argv: tuple[str, ...] = ()) -> list[dict]:
    out, _ = run_plain(monkeypatch, capsys, "\n".join(lines) + "\n", "--jsonl", *argv)
    return [json.loads(line) for line in out.splitlines()]


# --- no topics ticked: every topic is fine -------------------------------------------------------------


@pytest.fixture
def children_only(alice, now):
    from nocontact.boundaries.services import boundaries_set
    from nocontact.plans.services import plan_create

    plan = plan_create(
        user=alice, name="Co", started_at=datetime(2026, 1, 1, tzinfo=UTC), tz="UTC", mode="minimal", now=now
    )
    boundaries_set(plan=plan, topics=["children"], own_topics={"band": ["gig", "rehearsal"]})
    return plan


def test_an_empty_topic_list_means_every_topic_is_fine_even_against_a_plan(monkeypatch, capsys, alice, children_only):
    lines = [
        json.dumps({"id": "plan's", "text": RENT}),
        json.dumps({"id": "none ticked", "text": RENT, "topics": []}),
        json.dumps({"id": "own topic", "text": "The gig moved to Saturday.", "topics": []}),
    ]
    _feed(monkeypatch, "\n".join(lines) + "\n")
    assert commands.check_with_plan(alice, _args("--plan", "Co", "--jsonl")) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [o["id"] for o in out] == ["plan's", "none ticked", "own topic"]
    assert [f["kind"] for f in out[0]["flags"]] == ["off_topic"]  # the plan's topics: only the children
    assert out[1]["verdict"] == "ok"
    assert out[2]["verdict"] == "ok"


def test_an_empty_topic_list_or_option_without_a_plan_means_every_topic_is_fine(monkeypatch, capsys):
    assert rows(monkeypatch, capsys, json.dumps({"id": 1, "text": RENT, "topics": []}))[0]["verdict"] == "ok"
    out, _ = run_plain(monkeypatch, capsys, RENT, "--topics", "", "--json")
    assert json.loads(out)["verdict"] == "ok"
    # ... and an empty list on a line overrides the option's topics.
    out_rows = rows(monkeypatch, capsys, json.dumps({"text": RENT, "topics": []}), argv=("--topics", "children"))
    assert out_rows[0]["verdict"] == "ok"


# --- a deeply nested line ------------------------------------------------------------------------------


def test_a_deeply_nested_line_is_that_lines_error_and_the_batch_goes_on(monkeypatch, capsys):
    deep = 100_000
    out = rows(
        monkeypatch,
        capsys,
        json.dumps({"id": 1, "text": PICKUP}),
        "[" * deep + "]" * deep,
        '{"id": 3, "text": ' + "[" * deep + "]" * deep + "}",
        '{"id": 4, "text": "ok", "topics": ' + "[" * deep + "]" * deep + "}",
        json.dumps({"id": 5, "text": PICKUP}),
    )
    assert [o.get("id") for o in out] == [1, None, None, None, 5]
    assert out[0]["verdict"] == out[4]["verdict"] == "ok"
    for row in out[1:4]:
        assert "nested too deeply" in row["error"]


def test_a_line_nested_less_deeply_but_still_wrong_is_a_plain_error(monkeypatch, capsys):
    out = rows(monkeypatch, capsys, '{"id": 1, "text": ' + "[" * 500 + "]" * 500 + "}")
    assert out == [{"id": 1, "error": "line 1: “text” should be a non-empty string"}]


# --- a draft over the limit ----------------------------------------------------------------------------


def test_a_draft_over_the_limit_on_standard_input_is_refused_naming_the_limit_never_cut(monkeypatch, capsys):
    _feed(monkeypatch, "Can you bring the bag back. " * 1000)  # 28,000 characters
    with pytest.raises(CliError, match="20000"):
        commands.run(_args("--json"))
    assert capsys.readouterr().out == ""
    # Exactly at the limit is still checked.
    at_limit = ("Pick up at 5 on Friday. " * 900)[: check.MAX_LINE]
    out, _ = run_plain(monkeypatch, capsys, at_limit, "--json")
    assert json.loads(out)["verdict"] in ("ok", "review")


def test_a_draft_over_the_limit_in_jsonl_is_that_lines_error_naming_the_limit(monkeypatch, capsys):
    long_one = json.dumps({"id": "long", "text": "x " * 10_001})
    out = rows(monkeypatch, capsys, long_one, json.dumps({"id": "next", "text": PICKUP}))
    assert out[0]["id"] == "long"
    assert "20000" in out[0]["error"]
    assert out[1]["verdict"] == "ok"


# --- an unknown topic ----------------------------------------------------------------------------------


def test_the_error_for_an_unknown_topic_names_it(monkeypatch, capsys):
    out = rows(
        monkeypatch,
        capsys,
        json.dumps({"id": 1, "text": PICKUP, "topics": ["children", "gossip"]}),
        json.dumps({"id": 2, "text": PICKUP, "topics": ["children", 7]}),
        json.dumps({"id": 3, "text": PICKUP, "topics": "children"}),
    )
    assert "“gossip”" in out[0]["error"]
    assert "children, school" in out[0]["error"]  # and says which topics there are
    assert "list of topic names" in out[1]["error"]
    assert "list of topic names" in out[2]["error"]


# --- ids -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw_id", ["NaN", "Infinity", "-Infinity", "1.5", "2.0", "true", "[3]", '{"n": 1}', "1e400"], ids=str
)
def test_an_id_that_is_not_a_string_or_an_integer_is_refused_and_not_echoed(monkeypatch, capsys, raw_id):
    out = rows(monkeypatch, capsys, '{"id": ' + raw_id + ', "text": "Pick up at 5."}')
    assert out == [{"id": None, "error": "line 1: ids must be a string or an integer."}]


def test_good_ids_are_echoed_and_nan_elsewhere_is_refused_too(monkeypatch, capsys):
    out = rows(
        monkeypatch,
        capsys,
        json.dumps({"id": 12345678901234567890, "text": PICKUP}),
        json.dumps({"id": "a-7", "text": PICKUP}),
        json.dumps({"text": PICKUP}),
        '{"id": 8, "text": NaN}',
    )
    assert [o["id"] for o in out] == [12345678901234567890, "a-7", None, 8]
    assert "non-empty string" in out[3]["error"]
    assert all("NaN" not in json.dumps(o) for o in out)


# --- running on the rules alone ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", [(), ("--json",), ("--jsonl",)], ids=["human", "json", "jsonl"])
def test_on_the_rules_alone_it_says_so_on_stderr_and_the_output_stays_exact(monkeypatch, capsys, fmt):
    from nocontact import messages

    stdin = json.dumps({"id": 1, "text": PICKUP}) if fmt == ("--jsonl",) else PICKUP
    with classify.using(None):
        out, err = run_plain(monkeypatch, capsys, stdin, *fmt)
    assert err.strip() == messages.CHECKER_RULES_ONLY
    if fmt:
        json.loads(out)  # the JSON on stdout is untouched
    if classify.engine() == "model":
        assert run_plain(monkeypatch, capsys, stdin, *fmt)[1] == ""
