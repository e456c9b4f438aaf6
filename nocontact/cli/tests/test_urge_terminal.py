"""The pause's terminal parts on their own: the countdown on a pinned clock, and the questions on text streams."""

from __future__ import annotations

import io

import pytest

from nocontact.cli import urge_terminal as t
from nocontact.domain.answers import FEELING_FORMS, OUTCOME_FORMS, TRIGGER_FORMS, choices_for, normalise
from nocontact.domain.tests import test_answers
from nocontact.domain.urges import OUTCOMES, TRIGGERS, URGE_FEELINGS
from nocontact.urges.forms import FEELING_LABELS, OUTCOME_LABELS, TRIGGER_LABELS


class Clock:
    """A clock that moves only when the timer sleeps; Ctrl-C can be pressed at a chosen second."""

    def __init__(self, ctrl_c_at: float | None = None) -> None:
        self.now = 1000.0
        self.start = self.now
        self.ctrl_c_at = ctrl_c_at
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert 0 < seconds <= 1
        if self.ctrl_c_at is not None and self.now + seconds - self.start > self.ctrl_c_at:
            raise KeyboardInterrupt
        self.sleeps.append(seconds)
        self.now += seconds


def run_wait(total: float, *, live: bool, ctrl_c_at: float | None = None) -> tuple[bool, str, Clock]:
    out = io.StringIO()
    clock = Clock(ctrl_c_at)
    finished = t.wait(total, out=out, live=live, clock=clock, sleep=clock.sleep)
    return finished, out.getvalue(), clock


def test_a_live_countdown_rewrites_one_line_each_second_with_the_breath():
    finished, text, clock = run_wait(60, live=True)
    assert finished
    assert sum(clock.sleeps) == pytest.approx(60)
    frames = [f.strip() for f in text.split("\r") if f.strip() and "left" not in f]
    assert frames[0] == t.WAIT_START.format(length="a minute")
    assert frames[1] == "1:00   Breathe in ."
    assert frames[4] == "0:57   Breathe in . . . ."
    assert frames[5] == "0:56   Breathe out . . . ."
    assert frames[8] == "0:53   Breathe out ."
    assert frames[9] == "0:52   Breathe in ."
    assert frames[60] == "0:01   Breathe in . . . ."  # 56 s is seven whole breaths
    assert frames[-1] == t.WAIT_DONE
    assert text.count("\n") == 2  # the opening and the closing line; every second in between is rewritten
    assert "\x1b" not in text


def test_a_plain_countdown_prints_a_few_lines_and_no_control_characters():
    finished, text, _ = run_wait(120, live=False)
    assert finished
    assert "\r" not in text
    assert text.splitlines() == [
        t.WAIT_START.format(length="2 minutes"),
        "  1:00 left.",
        "  0:30 left.",
        "  0:10 left.",
        t.WAIT_DONE,
    ]


def test_ctrl_c_stops_the_timer_kindly():
    finished, text, clock = run_wait(60, live=True, ctrl_c_at=5.5)
    assert not finished
    assert sum(clock.sleeps) == pytest.approx(5)
    assert text.rstrip("\n").endswith(t.WAIT_STOPPED)
    plain_finished, plain, _ = run_wait(60, live=False, ctrl_c_at=40)
    assert not plain_finished
    assert plain.splitlines() == [t.WAIT_START.format(length="a minute"), "  0:30 left.", t.WAIT_STOPPED]


def test_a_shortened_wait_and_what_sets_it():
    assert t.wait_seconds(1, {}) == 60
    assert t.wait_seconds(10, {t.WAIT_SECONDS_ENV: "2"}) == 2
    assert t.wait_seconds(1, {t.WAIT_SECONDS_ENV: "0.5"}) == 0.5
    for bad in ("soon", "-3", "nan", "inf", " "):
        assert t.wait_seconds(1, {t.WAIT_SECONDS_ENV: bad}) == 60
    finished, text, _ = run_wait(2.5, live=False)
    assert finished
    assert text.splitlines() == [t.WAIT_START.format(length="0:03"), t.WAIT_DONE]


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_only_a_real_terminal_that_is_not_dumb_gets_a_rewritten_line():
    assert not t.is_live(io.StringIO(), {"TERM": "xterm"})
    assert t.is_live(FakeTerminal(), {"TERM": "xterm"})
    assert t.is_live(FakeTerminal(), {})
    assert not t.is_live(FakeTerminal(), {"TERM": "dumb"})


def ask(answers: str, **kwargs):
    out = io.StringIO()
    term = t.Terminal(io.StringIO(answers), out)
    choices = choices_for(URGE_FEELINGS, FEELING_LABELS, FEELING_FORMS)
    return term.ask_choice("What are you feeling?", choices, **kwargs), out.getvalue()


def test_a_choice_is_asked_with_numbered_labels_and_read_as_typed():
    (key, words), shown = ask("lonely\n")
    assert (key, words) == ("loneliness", "")
    assert shown.splitlines()[1:4] == [
        "   1 Grief         2 Relief        3 Anger         4 Regret",
        "   5 Sadness       6 Anxiety       7 Loneliness    8 Boredom",
        "   9 Jealousy     10 Hope",
    ]
    assert ask("\n") == (("", ""), ask("\n")[1])


def test_an_unclear_answer_is_asked_again_in_one_line():
    (key, _), shown = ask("re\nreli\n")
    assert key == "relief"
    assert '  "re" could be 2 Relief or 4 Regret. Which one?\n' in shown
    (key, _), shown = ask("numb\n7\n")
    assert key == "loneliness"
    assert "Not one of these: 1 Grief, 2 Relief," in shown
    (key, _), shown = ask("numb\n7\n", own_words=True)
    assert key == "loneliness"
    assert ask("numb\n\n", own_words=True)[0] == ("", "numb")


def test_the_end_of_input_leaves_the_pause():
    with pytest.raises(t.Leave) as left:
        ask("")
    assert not left.value.interrupted
    assert str(left.value) == t.LEFT_AFTER_EOF


def test_strength_is_asked_again_until_it_is_on_the_scale_or_skipped():
    out = io.StringIO()
    term = t.Terminal(io.StringIO("very\n12\nseven\n\n"), out)
    assert term.ask_strength("How strong?") == 7
    assert out.getvalue().count(t.STRENGTH_AGAIN) == 2
    assert term.ask_strength("How strong?") is None


def test_the_labels_the_terminal_shows_are_the_webs_and_no_word_form_hides_a_label():
    assert TRIGGER_LABELS == test_answers.TRIGGER_LABELS
    assert OUTCOME_LABELS == test_answers.OUTCOME_LABELS
    for keys, labels, forms in (
        (URGE_FEELINGS, FEELING_LABELS, FEELING_FORMS),
        (TRIGGERS, TRIGGER_LABELS, TRIGGER_FORMS),
        (OUTCOMES, OUTCOME_LABELS, OUTCOME_FORMS),
    ):
        names = {normalise(n): k for k in keys for n in (k, labels[k])}
        for key, words in forms.items():
            assert key in keys
            clashes = {w: names[normalise(w)] for w in words if names.get(normalise(w), key) != key}
            assert clashes == {}
