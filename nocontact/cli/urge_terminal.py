"""The pause's questions and timer in a terminal: numbered choices read the way people type them, and a
countdown with a breathing cue. Plain text only (no colour, no cursor codes beyond a carriage return), so it
works over SSH, in a dumb terminal and from a script.

What is typed is read by nocontact.domain.answers; this module only asks, shows and waits.
"""

from __future__ import annotations

import math
import os
import shutil
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from typing import TextIO

from nocontact.domain.answers import Choice, read_choice, read_strength

# --- Words (the command line's own; ASCII only, so any terminal's encoding can show them) --------------------
PICK_ONE = "Not one of these: {options}. Type a number or a word."
PICK_ONE_OR_OWN = (
    'Not one of these: {options}. Type a number or a word, or press Enter to keep "{answer}" in your own words.'
)
WHICH_ONE = '"{answer}" could be {options}. Which one?'
STRENGTH_AGAIN = "A number from 0 (calm) to 10 (as strong as it gets), or press Enter to skip."
WAIT_START = "Let's wait {length} together. Breathe in for four, and out for four. Ctrl-C stops the timer early."
WAIT_LEFT = "{left} left."
WAIT_DONE = "The timer is done. Notice how you feel now."
WAIT_STOPPED = "The timer stopped early, and that's all right."
BREATHE_IN = "Breathe in"
BREATHE_OUT = "Breathe out"
LEFT_AFTER_EOF = "The pause ended before its last question, so nothing was saved. You can start again any time."
LEFT_AFTER_CTRL_C = "Stopped. Nothing was saved. You can start again any time."

BREATH_SECONDS = 4  # in for four, out for four
WAIT_SECONDS_ENV = "NOCONTACT_URGE_WAIT_SECONDS"


class Leave(Exception):
    """The person left before the last question (end of input, or Ctrl-C): nothing is saved."""

    def __init__(self, *, interrupted: bool) -> None:
        super().__init__(LEFT_AFTER_CTRL_C if interrupted else LEFT_AFTER_EOF)
        self.interrupted = interrupted


def _listed(choices: Sequence[Choice], keys: Sequence[str] | None = None) -> str:
    numbered = [f"{n} {c.label}" for n, c in enumerate(choices, start=1) if keys is None or c.key in keys]
    return ", ".join(numbered[:-1]) + " or " + numbered[-1] if len(numbered) > 1 else "".join(numbered)


def grid(choices: Sequence[Choice], width: int) -> list[str]:
    """The numbered choices in as many columns as fit ``width``, numbered along each row."""
    cells = [f"{n:>2} {c.label}" for n, c in enumerate(choices, start=1)]
    cell = max(len(c) for c in cells) + 3
    per_row = max(1, (width - 2) // cell)
    rows = [cells[i : i + per_row] for i in range(0, len(cells), per_row)]
    return ["  " + "".join(c.ljust(cell) for c in row).rstrip() for row in rows]


class Terminal:
    """Questions on ``out`` (standard error by default, so standard output keeps only the result), answers
    from ``inp`` one line each."""

    def __init__(self, inp: TextIO | None = None, out: TextIO | None = None) -> None:
        self.inp = inp if inp is not None else sys.stdin
        self.out = out if out is not None else sys.stderr

    def say(self, text: str = "") -> None:
        print(text, file=self.out, flush=True)

    def line(self) -> str:
        """One line of input, without its newline. The end of input leaves the pause."""
        try:
            raw = self.inp.readline()
        except KeyboardInterrupt:
            self.say()
            raise Leave(interrupted=True) from None
        if not raw:
            self.say()
            raise Leave(interrupted=False)
        return raw.rstrip("\r\n")

    def ask(self, prompt: str) -> str:
        print(f"{prompt} ", end="", file=self.out, flush=True)
        return self.line().strip()

    def ask_strength(self, prompt: str) -> int | None:
        """0 to 10, or None when skipped with Enter."""
        answer = self.ask(prompt)
        while answer:
            value = read_strength(answer)
            if value is not None:
                return value
            self.say(f"  {STRENGTH_AGAIN}")
            answer = self.ask(">")
        return None

    def ask_choice(self, prompt: str, choices: Sequence[Choice], *, own_words: bool = False) -> tuple[str, str]:
        """(key, "") for a chosen answer; ("", "") when skipped with Enter; with ``own_words``, ("", words)
        when the person keeps words that are not on the list."""
        self.say(prompt)
        for row in grid(choices, min(shutil.get_terminal_size((80, 24)).columns, 100)):
            self.say(row)
        answer = self.ask(">")
        while answer:
            reading = read_choice(answer, choices)
            if reading.key is not None:
                return reading.key, ""
            shown = answer if len(answer) <= 40 else answer[:39] + "..."
            if reading.ambiguous:
                self.say("  " + WHICH_ONE.format(answer=shown, options=_listed(choices, reading.candidates)))
                answer = self.ask(">")
                continue
            if not own_words:
                self.say("  " + PICK_ONE.format(options=_listed(choices)))
                answer = self.ask(">")
                continue
            self.say("  " + PICK_ONE_OR_OWN.format(options=_listed(choices), answer=shown))
            again = self.ask(">")
            if not again:
                return "", answer
            answer = again
        return "", ""


# --- The timer -----------------------------------------------------------------------------------------------


def wait_seconds(minutes: int, env: Mapping[str, str] | None = None) -> float:
    """How long ``--wait MINUTES`` lasts: the minutes, unless NOCONTACT_URGE_WAIT_SECONDS says otherwise
    (for tests and demos)."""
    value = (os.environ if env is None else env).get(WAIT_SECONDS_ENV, "").strip()
    try:
        seconds = float(value) if value else minutes * 60.0
    except ValueError:
        seconds = minutes * 60.0
    return seconds if math.isfinite(seconds) and seconds >= 0 else minutes * 60.0


def is_live(stream: TextIO, env: Mapping[str, str] | None = None) -> bool:
    """A countdown rewritten in place needs a terminal that understands a carriage return."""
    term = (os.environ if env is None else env).get("TERM", "")
    try:
        return stream.isatty() and term != "dumb"
    except ValueError:  # a closed stream
        return False


def clock_text(seconds: float) -> str:
    whole = max(0, math.ceil(seconds - 1e-9))
    return f"{whole // 60}:{whole % 60:02d}"


def breath(elapsed: float) -> str:
    """The cue for a moment of the wait: in for four seconds (the dots grow), out for four (they shrink)."""
    second = int(elapsed) % (2 * BREATH_SECONDS)
    if second < BREATH_SECONDS:
        return BREATHE_IN + " ." * (second + 1)
    return BREATHE_OUT + " ." * (2 * BREATH_SECONDS - second)


def frame(elapsed: float, total: float) -> str:
    return f"  {clock_text(total - elapsed):>5}   {breath(elapsed)}"


def plain_marks(total: float) -> list[int]:
    """When a plain (not rewritten) countdown says how long is left: each whole minute, then 0:30 and 0:10."""
    marks = {m * 60 for m in range(1, int(total // 60) + 1)} | {30, 10}
    return sorted((m for m in marks if m < total), reverse=True)


def length_text(seconds: float) -> str:
    if seconds >= 60 and seconds % 60 == 0:
        minutes = int(seconds // 60)
        return "a minute" if minutes == 1 else f"{minutes} minutes"
    return clock_text(seconds)


def wait(
    total: float,
    *,
    out: TextIO,
    live: bool,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> bool:
    """Count ``total`` seconds down on ``out``. True when the time ran out, False when Ctrl-C stopped it."""
    blank = "\r" + " " * (len(frame(0, total)) + 2 * BREATH_SECONDS) + "\r"
    marks = plain_marks(total)
    start = clock()
    try:
        print(WAIT_START.format(length=length_text(total)), file=out, flush=True)
        while (elapsed := clock() - start) < total:
            if live:
                print("\r" + frame(elapsed, total).ljust(len(blank) - 2), end="", file=out, flush=True)
            else:
                crossed = [m for m in marks if total - elapsed <= m]
                if crossed:
                    print("  " + WAIT_LEFT.format(left=clock_text(min(crossed))), file=out, flush=True)
                    marks = [m for m in marks if m not in crossed]
            sleep(min(1.0 - (elapsed % 1.0), total - elapsed))
    except KeyboardInterrupt:
        if live:
            print(blank, end="", file=out, flush=True)
        print(WAIT_STOPPED, file=out, flush=True)
        return False
    if live:
        print(blank, end="", file=out, flush=True)
    print(WAIT_DONE, file=out, flush=True)
    return True
