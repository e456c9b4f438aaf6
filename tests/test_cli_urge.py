"""`nocontact urge`, end to end, answered the way people type: numbers, prefixes, everyday words, Enter, Ctrl-D,
Ctrl-C, and a countdown in a pipe and in a real terminal (a pseudo-terminal)."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import signal
import subprocess
import time

import pytest

from conftest import nocontact_bin
from nocontact import messages
from nocontact.cli import urge_terminal as words
from tests.test_cli import run

pytestmark = pytest.mark.e2e


@pytest.fixture
def sam(scratch_env):
    run(scratch_env, "plan", "add", "Sam", "--since", "2026-01-01T09:00", "--reason", "My evenings are mine again.")
    return scratch_env


def urges(env) -> list[dict]:
    return json.loads(run(env, "export", "--json").stdout)["urges"]


def test_numbers_word_forms_and_prefixes_are_understood(sam):
    # strength, feeling, trigger, the unsent message (ended by an empty line), strength after, outcome
    done = run(sam, "urge", stdin="seven\nlonely\nnoticed\nI miss you.\nDo you miss me?\n\n3/10\n1\n")
    assert done.stdout.strip() == messages.URGE_SAVED
    assert "Traceback" not in done.stderr
    assert " 7 Loneliness" in done.stderr  # choices are numbered, with their labels
    assert " 3 To be noticed" in done.stderr
    assert "Your reason: My evenings are mine again." in done.stderr
    [urge] = urges(sam)
    assert urge["plan"] == "Sam"
    assert (urge["strength_before"], urge["strength_after"]) == (7, 3)
    assert (urge["feeling"], urge["feeling_words"], urge["trigger"]) == ("loneliness", "", "to_be_noticed")
    assert urge["unsent"] == "I miss you.\nDo you miss me?"
    assert (urge["outcome"], urge["helped"]) == ("passed", [])


@pytest.mark.parametrize(
    ("feeling", "trigger", "outcome", "stored"),
    [
        ("angry", "to let", "still", ("anger", "anger", "still_want")),
        ("sad", "I saw their post", "I still want to", ("sadness", "saw_something", "still_want")),
        ("bored", "4", "it's gone", ("boredom", "boredom", "passed")),
        ("scared", "REASS", "p", ("anxiety", "reassurance", "passed")),
        ("loneliness", "to_be_noticed", "still_want", ("loneliness", "to_be_noticed", "still_want")),
        ("6", "to-be-noticed", "I texted them", ("anxiety", "to_be_noticed", "contacted")),
    ],
)
def test_everyday_answers_and_the_old_identifiers_alike(sam, feeling, trigger, outcome, stored):
    done = run(sam, "urge", stdin=f"5\n{feeling}\n{trigger}\n\n\n{outcome}\n")
    [urge] = urges(sam)
    assert (urge["feeling"], urge["trigger"], urge["outcome"]) == stored
    said = messages.URGE_CONTACTED if stored[2] == "contacted" else messages.URGE_SAVED
    assert done.stdout.strip() == said


def test_an_ambiguous_or_unknown_answer_is_asked_again_calmly(sam):
    done = run(sam, "urge", stdin="11\n8\na\nanx\nsomething\nelse\n\n\ni almost called\n2\n")
    assert words.STRENGTH_AGAIN in done.stderr  # "11" is not on the scale; "8" is
    assert '"a" could be 3 Anger or 6 Anxiety. Which one?' in done.stderr
    assert '"something" could be 4 Something to do or 8 Something else. Which one?' in done.stderr
    assert "Not one of these: 1 It passed, 2 I still want to or 3 I contacted them." in done.stderr
    assert "Traceback" not in done.stderr
    [urge] = urges(sam)
    assert (urge["strength_before"], urge["feeling"], urge["trigger"], urge["outcome"]) == (
        8,
        "anxiety",
        "other",
        "still_want",  # "I almost called" is not taken for "I contacted them"
    )


def test_a_feeling_that_is_not_on_the_list_can_be_kept_in_ones_own_words(sam):
    run(sam, "urge", stdin="\nnumb\n\n\n\n\npassed\n")
    [urge] = urges(sam)
    assert (urge["feeling"], urge["feeling_words"]) == ("", "numb")


def test_skipping_a_feeling_still_asks_for_ones_own_words(sam):
    done = run(sam, "urge", stdin="\n\nhollow, mostly\n\n\n\npassed\n")
    assert "In your own words" in done.stderr
    [urge] = urges(sam)
    assert (urge["strength_before"], urge["feeling"], urge["feeling_words"]) == (None, "", "hollow, mostly")


@pytest.mark.parametrize("stdin", ["", "7\n", "7\nlonely\n1\nhello\n"])
def test_the_end_of_input_leaves_calmly_and_saves_nothing(sam, stdin):
    left = run(sam, "urge", stdin=stdin, check=False)
    assert left.returncode == 2
    assert words.LEFT_AFTER_EOF in left.stderr
    assert "Traceback" not in left.stderr
    assert left.stdout == ""
    assert urges(sam) == []


def test_no_outcome_from_a_script_is_one_clear_line_as_before(sam):
    left = run(sam, "urge", stdin="7\n\n\n\n\n\n\n", check=False)
    assert left.returncode == 2
    assert f"nocontact: {messages.URGE_NEEDS_OUTCOME}" in left.stderr
    assert urges(sam) == []


@pytest.mark.parametrize("term", ["xterm-256color", "dumb"])
def test_the_wait_in_a_pipe_is_a_few_plain_lines(sam, term):
    env = sam | {words.WAIT_SECONDS_ENV: "1", "TERM": term}
    started = time.monotonic()
    done = run(env, "urge", "--wait", "1", stdin="6\n\n\n\n\n2\npassed\n")
    assert time.monotonic() - started < 30  # the minute was shortened
    assert "\r" not in done.stderr
    assert "\x1b" not in done.stderr
    assert words.WAIT_START.format(length="0:01") in done.stderr
    assert words.WAIT_DONE in done.stderr
    [urge] = urges(sam)
    assert urge["helped"] == ["timer"]


def _read_until(fd: int, wanted: bytes, seen: bytearray, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while wanted not in seen:
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError(f"never saw {wanted!r} in {bytes(seen)!r}")
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the other end closed
                chunk = b""
            if not chunk:
                raise AssertionError(f"ended before {wanted!r}: {bytes(seen)!r}")
            seen += chunk


def _in_a_terminal(env, *args):
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [nocontact_bin(), *args], env=env, stdin=terminal, stdout=terminal, stderr=terminal, start_new_session=True
    )
    os.close(terminal)
    return process, controller


def _finish(process, controller, seen: bytearray) -> str:
    try:
        while True:
            ready, _, _ = select.select([controller], [], [], 30)
            if not ready:
                break
            try:
                chunk = os.read(controller, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(controller)
        process.wait(timeout=30)
    return seen.decode(errors="replace")


def test_in_a_terminal_the_countdown_is_one_line_rewritten_with_a_breathing_cue(sam):
    env = sam | {words.WAIT_SECONDS_ENV: "6", "TERM": "xterm", "COLUMNS": "80"}
    process, controller = _in_a_terminal(env, "urge", "--wait", "1")
    seen = bytearray()
    os.write(controller, b"9\nlonely\n\n\n")
    _read_until(controller, words.WAIT_DONE.encode(), seen)
    os.write(controller, b"4\npassed\n")
    out = _finish(process, controller, seen)
    assert process.returncode == 0, out
    assert "\r   0:06   Breathe in ." in out
    assert re.search(r"\r   0:0[1-3]   Breathe out \.", out)
    assert "\x1b" not in out  # no colour, no cursor codes
    assert words.WAIT_START.format(length="0:06") in out


def test_ctrl_c_in_the_wait_stops_the_timer_and_the_pause_goes_on(sam):
    env = sam | {words.WAIT_SECONDS_ENV: "120", "TERM": "xterm"}
    process, controller = _in_a_terminal(env, "urge", "--wait", "2")
    seen = bytearray()
    os.write(controller, b"9\nlonely\n\n\n")
    _read_until(controller, b"Breathe in .", seen)  # the countdown has begun
    process.send_signal(signal.SIGINT)
    _read_until(controller, words.WAIT_STOPPED.encode(), seen)
    os.write(controller, b"5\nstill\n")
    out = _finish(process, controller, seen)
    assert process.returncode == 0, out
    assert "Traceback" not in out
    [urge] = urges(sam)
    assert (urge["strength_after"], urge["outcome"], urge["helped"]) == (5, "still_want", ["timer"])


def test_ctrl_c_at_a_question_leaves_saying_nothing_was_saved(sam):
    process, controller = _in_a_terminal(sam | {"TERM": "xterm"}, "urge")
    seen = bytearray()
    _read_until(controller, b"0 to 10?", seen)
    process.send_signal(signal.SIGINT)
    out = _finish(process, controller, seen)
    assert process.returncode == 130
    assert words.LEFT_AFTER_CTRL_C in out
    assert "Traceback" not in out
    assert urges(sam) == []


def test_in_a_terminal_an_empty_outcome_is_asked_again_not_refused(sam):
    process, controller = _in_a_terminal(sam | {"TERM": "xterm"}, "urge")
    seen = bytearray()
    os.write(controller, b"\n\n\n\n\n\n\n")
    _read_until(controller, messages.URGE_NEEDS_OUTCOME.encode(), seen)
    os.write(controller, b"pass\n")
    out = _finish(process, controller, seen)
    assert process.returncode == 0, out
    assert [u["outcome"] for u in urges(sam)] == ["passed"]
