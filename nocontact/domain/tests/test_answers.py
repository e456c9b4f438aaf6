"""Reading typed answers: numbers, identifiers, labels, prefixes and the words people really use."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nocontact.domain.answers import (
    FEELING_FORMS,
    OUTCOME_FORMS,
    TRIGGER_FORMS,
    Choice,
    Reading,
    choices_for,
    normalise,
    read_choice,
    read_strength,
)
from nocontact.domain.urges import OUTCOMES, TRIGGERS, URGE_FEELINGS

# The labels the pause shows (the web's, in nocontact/urges/forms.py; a CLI test checks they still agree).
TRIGGER_LABELS = {
    "reassurance": "Reassurance",
    "closure": "Closure",
    "to_be_noticed": "To be noticed",
    "boredom": "Something to do",
    "anger": "To let out anger",
    "saw_something": "I saw something of theirs",
    "practical": "A practical matter",
    "other": "Something else",
}
OUTCOME_LABELS = {"passed": "It passed", "still_want": "I still want to", "contacted": "I contacted them"}
FEELINGS = choices_for(URGE_FEELINGS, {f: f.capitalize() for f in URGE_FEELINGS}, FEELING_FORMS)
TRIGGER_CHOICES = choices_for(TRIGGERS, TRIGGER_LABELS, TRIGGER_FORMS)
OUTCOME_CHOICES = choices_for(OUTCOMES, OUTCOME_LABELS, OUTCOME_FORMS)


def feeling(text: str) -> str | None:
    return read_choice(text, FEELINGS).key


def trigger(text: str) -> str | None:
    return read_choice(text, TRIGGER_CHOICES).key


def outcome(text: str) -> str | None:
    return read_choice(text, OUTCOME_CHOICES).key


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("lonely", "loneliness"),
        ("Lonely.", "loneliness"),
        ("LONELINESS", "loneliness"),
        ("angry", "anger"),
        ("sad", "sadness"),
        ("bored", "boredom"),
        ("scared", "anxiety"),  # fear has no choice of its own; anxiety is the nearest
        ("afraid", "anxiety"),
        ("jealous", "jealousy"),
        ("relieved", "relief"),
        ("hopeful", "hope"),
        ("heartbroken", "grief"),
        ("broken-hearted", "grief"),
        ("I feel so lonely tonight", "loneliness"),
        ("i’m really angry", "anger"),
        ("  sad  ", "sadness"),
        ("1", "grief"),
        ("10", "hope"),
        ("7.", "loneliness"),
        ("lone", "loneliness"),
        ("jeal", "jealousy"),
        ("g", "grief"),
    ],
)
def test_feelings_as_people_type_them(typed, key):
    assert feeling(typed) == key


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("to_be_noticed", "to_be_noticed"),
        ("to be noticed", "to_be_noticed"),
        ("To-Be-Noticed", "to_be_noticed"),
        ("to be", "to_be_noticed"),
        ("noticed", "to_be_noticed"),
        ("saw_something", "saw_something"),
        ("saw", "saw_something"),
        ("I saw something of theirs", "saw_something"),
        ("I saw their post", "saw_something"),
        ("a practical matter", "practical"),
        ("the kids", "practical"),
        ("something to do", "boredom"),
        ("bored", "boredom"),
        ("to let", "anger"),
        ("3", "to_be_noticed"),
        ("8", "other"),
        ("not sure", "other"),
    ],
)
def test_triggers_as_people_type_them(typed, key):
    assert trigger(typed) == key


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("passed", "passed"),
        ("it passed", "passed"),
        ("It's gone", "passed"),
        ("p", "passed"),
        ("still_want", "still_want"),
        ("still want", "still_want"),
        ("still", "still_want"),
        ("I still want to", "still_want"),
        ("i want to text them", "still_want"),
        ("contacted", "contacted"),
        ("I contacted them", "contacted"),
        ("I texted them", "contacted"),
        ("reached out", "contacted"),
        ("1", "passed"),
        ("2", "still_want"),
        ("3", "contacted"),
    ],
)
def test_outcomes_as_people_type_them(typed, key):
    assert outcome(typed) == key


@pytest.mark.parametrize(
    ("typed", "question", "candidates"),
    [
        ("a", FEELINGS, ("anger", "anxiety")),
        ("re", FEELINGS, ("relief", "regret")),
        ("lonely and sad", FEELINGS, ("sadness", "loneliness")),
        ("something", TRIGGER_CHOICES, ("boredom", "other")),
        ("i", OUTCOME_CHOICES, ("passed", "still_want", "contacted")),  # "It passed" too
    ],
)
def test_an_answer_that_could_mean_more_than_one_choice_chooses_none(typed, question, candidates):
    reading = read_choice(typed, question)
    assert reading.key is None
    assert reading.ambiguous
    assert set(reading.candidates) == set(candidates)


@pytest.mark.parametrize(
    "typed",
    ["", "   ", "0", "11", "-1", "numb", "lonley", "I almost called", "I didn't text them", "not angry"],
)
def test_an_answer_that_fits_nothing_chooses_nothing(typed):
    question = OUTCOME_CHOICES if "call" in typed or "text" in typed else FEELINGS
    reading = read_choice(typed, question)
    assert reading == Reading(None)
    assert not reading.ambiguous


def test_normalise_treats_spaces_underscores_hyphens_and_quotes_alike():
    assert normalise("  To_be-Noticed! ") == normalise("to be noticed") == "to be noticed"
    assert normalise("“It’s gone.”") == "its gone"


@pytest.mark.parametrize("forms", [FEELING_FORMS, TRIGGER_FORMS, OUTCOME_FORMS])
def test_every_word_form_names_one_choice_of_its_list(forms):
    keys = {"feel": URGE_FEELINGS, "trig": TRIGGERS, "out": OUTCOMES}
    seen: dict[str, str] = {}
    for key, words in forms.items():
        assert any(key in k for k in keys.values()), key
        for word in words:
            assert normalise(word) not in seen, (word, key, seen.get(normalise(word)))
            seen[normalise(word)] = key


@pytest.mark.parametrize("question", [FEELINGS, TRIGGER_CHOICES, OUTCOME_CHOICES])
def test_each_choice_is_found_by_its_number_identifier_label_and_forms(question):
    for number, choice in enumerate(question, start=1):
        assert read_choice(str(number), question).key == choice.key
        assert read_choice(choice.key, question).key == choice.key
        assert read_choice(choice.label, question).key == choice.key
        assert read_choice(choice.label.upper(), question).key == choice.key
        for word in choice.forms:
            assert read_choice(word, question).key == choice.key, word


@given(st.sampled_from([FEELINGS, TRIGGER_CHOICES, OUTCOME_CHOICES]), st.data())
def test_a_prefix_of_an_identifier_chooses_it_or_says_which_it_could_be(question, data):
    choice = data.draw(st.sampled_from(question))
    cut = data.draw(st.integers(min_value=1, max_value=len(choice.key)))
    reading = read_choice(choice.key[:cut], question)
    assert reading.key == choice.key or (reading.key is None and choice.key in reading.candidates)


@given(st.text(max_size=40), st.sampled_from([FEELINGS, TRIGGER_CHOICES, OUTCOME_CHOICES]))
def test_any_text_is_read_without_an_error_and_only_as_a_listed_choice(text, question):
    reading = read_choice(text, question)
    keys = {c.key for c in question}
    assert reading.key is None or reading.key in keys
    assert set(reading.candidates) <= keys


def test_a_choice_without_a_label_reads_as_its_identifier():
    [choice] = choices_for(["saw_something"], {}, {})
    assert choice == Choice("saw_something", "Saw something")


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("7", 7),
        (" 7 ", 7),
        ("0", 0),
        ("10", 10),
        ("7/10", 7),
        ("7 / 10", 7),
        ("7 out of 10", 7),
        ("seven", 7),
        ("Ten.", 10),
        ("11", None),
        ("-1", None),
        ("7.5", None),
        ("very", None),
        ("", None),
    ],
)
def test_strength_as_people_type_it(typed, value):
    assert read_strength(typed) == value
