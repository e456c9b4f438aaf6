"""The readiness check: honest questions before any thought of contact, and what they suggest.

It is offered when a plan's goal is reached, or on request after 30 days, and never in a safety
plan. The answers suggest a next step; the person chooses. Nothing here judges them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

ON_REQUEST_AFTER_DAYS = 30
ANSWER_MAX = 2000


class Outcome(StrEnum):
    NOT_YET = "not_yet"  # extend the goal, and check again later
    GO_SLOWLY = "go_slowly"  # a practical reason: minimal contact, with boundaries
    STAY = "stay"  # stay in no contact


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    options: tuple[tuple[str, str], ...] = ()  # (value, label); empty means free text
    discreet: str = ""  # the question in discreet mode's plain words, where ``text`` would give the app away

    def shown(self, discreet: bool) -> str:
        return (self.discreet or self.text) if discreet else self.text

    @property
    def free_text(self) -> bool:
        return not self.options


QUESTIONS: tuple[Question, ...] = (
    Question(
        "feelings",
        "Do you still have feelings for them?",
        (("yes", "Yes"), ("mixed", "Some, it comes and goes"), ("no", "No, not really"), ("unsure", "I'm not sure")),
    ),
    Question("need", "If you were in touch again, what would it give you? What need would it meet?"),
    Question(
        "practical",
        "Is there a practical reason for contact?",
        (
            ("none", "No practical reason"),
            ("friends", "Friends we share"),
            ("work", "Work or study"),
            ("belongings", "Belongings, money or a home"),
            ("other", "Something else practical"),
        ),
        "Is there a practical reason to be in touch?",
    ),
    Question(
        "motive",
        "If you reached out, what would you be hoping for?",
        (
            ("together", "To get back together"),
            ("show", "To show them I'm doing fine"),
            ("closure", "An answer, or an ending"),
            ("practical", "Only to sort out something practical"),
            ("unsure", "I don't know yet"),
        ),
    ),
    Question(
        "silence",
        "Could you accept no reply, or a hurtful one?",
        (("yes", "Yes, I'd be all right"), ("unsure", "I'm not sure"), ("no", "It would hurt a lot")),
    ),
    Question(
        "days",
        "How do you feel on the days you think of them?",
        (("calm", "Mostly calm"), ("mixed", "It depends on the day"), ("shaken", "Unsettled for a while")),
    ),
)
QUESTION_KEYS = tuple(q.key for q in QUESTIONS)
_BY_KEY = {q.key: q for q in QUESTIONS}

# Signs that contact might reopen a wound; each is named back to the person, kindly.
_TENDER = {
    "feelings": {"yes", "mixed", "unsure"},
    "motive": {"together", "show", "unsure"},
    "silence": {"unsure", "no"},
    "days": {"mixed", "shaken"},
}


class BadAnswers(ValueError):
    """Answers that do not fit the questions: (question key or "", reason)."""

    def __init__(self, key: str, reason: str) -> None:
        super().__init__(reason)
        self.key = key
        self.reason = reason


@dataclass(frozen=True)
class Suggestion:
    outcome: Outcome
    tender: tuple[str, ...]  # keys of answers that suggest going gently
    practical: bool


def clean_answers(raw: Mapping[str, object]) -> dict[str, str]:
    """Every question answered, choices among their options, text within bounds. Unknown keys refused."""
    unknown = sorted(set(raw) - set(QUESTION_KEYS))
    if unknown:
        raise BadAnswers(unknown[0], "unknown question")
    answers: dict[str, str] = {}
    for question in QUESTIONS:
        value = raw.get(question.key)
        if not isinstance(value, str) or not value.strip():
            if question.free_text:
                answers[question.key] = ""
                continue
            raise BadAnswers(question.key, "missing")
        value = value.strip()
        if question.free_text:
            if len(value) > ANSWER_MAX:
                raise BadAnswers(question.key, "too long")
        elif value not in dict(question.options):
            raise BadAnswers(question.key, "not one of the choices")
        answers[question.key] = value
    return answers


def suggest(answers: Mapping[str, str]) -> Suggestion:
    """What the answers point to. A practical reason suggests going slowly with boundaries; otherwise
    any tender answer suggests waiting longer, and none suggests there is no need for contact at all."""
    tender = tuple(key for key, values in _TENDER.items() if answers.get(key) in values)
    practical = answers.get("practical", "none") != "none"
    if practical:
        outcome = Outcome.GO_SLOWLY
    elif tender:
        outcome = Outcome.NOT_YET
    else:
        outcome = Outcome.STAY
    return Suggestion(outcome=outcome, tender=tender, practical=practical)


def label(key: str, value: str) -> str:
    """The words a person chose, for showing earlier answers back."""
    question = _BY_KEY[key]
    return dict(question.options).get(value, value) if question.options else value


def offered(*, safety: bool, goal_reached: bool, days_since_start: int, requested: bool = False) -> bool:
    """Whether the check is offered now. Never in a safety plan."""
    if safety:
        return False
    return goal_reached or (requested and days_since_start >= ON_REQUEST_AFTER_DAYS)


# Screening at plan creation: any "yes" suggests safety mode. Gentle, and only a suggestion.
SCREENING: tuple[tuple[str, str], ...] = (
    ("afraid", "Were you ever afraid of them?"),
    ("controlled", "Did they watch your phone or messages, control where you went, or control your money?"),
    ("hurt", "Did they threaten you, or hurt you?"),
    ("turned_up", "Have they turned up somewhere uninvited?"),
)


def screening_suggests_safety(answers: Mapping[str, bool]) -> bool:
    return any(bool(answers.get(key)) for key, _ in SCREENING)
