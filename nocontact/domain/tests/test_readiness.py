"""The readiness check's rules, without a database."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nocontact.domain import readiness
from nocontact.domain.readiness import BadAnswers, Outcome, clean_answers, offered, suggest

CALM = {"feelings": "no", "need": "", "practical": "none", "motive": "practical", "silence": "yes", "days": "calm"}


def test_calm_answers_with_no_practical_reason_suggest_staying_apart():
    result = suggest(clean_answers(CALM))
    assert result.outcome is Outcome.STAY
    assert result.tender == ()


def test_a_practical_reason_suggests_going_slowly_whatever_the_feelings():
    answers = CALM | {"practical": "belongings", "feelings": "yes"}
    result = suggest(clean_answers(answers))
    assert result.outcome is Outcome.GO_SLOWLY
    assert result.practical
    assert result.tender == ("feelings",)  # still named, gently


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("feelings", "yes"),
        ("feelings", "unsure"),
        ("motive", "together"),
        ("motive", "show"),
        ("silence", "no"),
        ("days", "shaken"),
    ],
)
def test_any_tender_answer_without_a_practical_reason_suggests_not_yet(key, value):
    result = suggest(clean_answers(CALM | {key: value}))
    assert result.outcome is Outcome.NOT_YET
    assert result.tender == (key,)


def test_every_choice_answer_is_required_and_must_be_one_of_its_options():
    with pytest.raises(BadAnswers) as missing:
        clean_answers({k: v for k, v in CALM.items() if k != "silence"})
    assert missing.value.key == "silence"
    with pytest.raises(BadAnswers) as wrong:
        clean_answers(CALM | {"days": "sunny"})
    assert wrong.value.key == "days"
    with pytest.raises(BadAnswers) as unknown:
        clean_answers(CALM | {"horoscope": "yes"})
    assert unknown.value.key == "horoscope"
    with pytest.raises(BadAnswers):
        clean_answers(CALM | {"need": "x" * (readiness.ANSWER_MAX + 1)})


def test_the_written_answer_is_optional_and_trimmed():
    assert clean_answers(CALM | {"need": "  to feel heard  "})["need"] == "to feel heard"
    assert clean_answers({k: v for k, v in CALM.items() if k != "need"})["need"] == ""


def test_never_offered_in_a_safety_plan():
    assert not offered(safety=True, goal_reached=True, days_since_start=400, requested=True)
    assert offered(safety=False, goal_reached=True, days_since_start=30)
    assert not offered(safety=False, goal_reached=False, days_since_start=45)  # not suggested before the goal
    assert offered(safety=False, goal_reached=False, days_since_start=30, requested=True)
    assert not offered(safety=False, goal_reached=False, days_since_start=29, requested=True)


@given(
    st.fixed_dictionaries({q.key: st.sampled_from([v for v, _ in q.options]) for q in readiness.QUESTIONS if q.options})
)
def test_every_combination_of_answers_gets_one_suggestion(answers):
    result = suggest(clean_answers(answers))
    assert result.outcome in set(Outcome)
    assert (result.outcome is Outcome.GO_SLOWLY) == (answers["practical"] != "none")


def test_screening_suggests_safety_on_any_yes():
    assert not readiness.screening_suggests_safety({})
    assert not readiness.screening_suggests_safety({key: False for key, _ in readiness.SCREENING})
    for key, _ in readiness.SCREENING:
        assert readiness.screening_suggests_safety({key: True})
