"""Reading what a person types in answer to a question with a few choices, or a 0-10 scale.

People type "lonely", not "loneliness"; "3", not "anger"; "to be", not "to_be_noticed". An answer is read in
this order, and the first rule that finds something decides:

1. a number from the list (1 is the first choice);
2. the whole answer is a choice's identifier, its label, or one of its word forms;
3. the whole answer starts a choice's identifier or label (a prefix), for exactly one choice;
4. a word of the answer, filler words left out, is a word form of a choice ("I feel so lonely tonight").

Case, spaces, underscores, hyphens, apostrophes and the punctuation around an answer do not matter. If a rule
finds more than one choice the answer is ambiguous and nothing is chosen; the caller asks again, naming them.
Rule 4 gives up when the answer holds a word that turns it round ("not", "almost", "didn't"): "I almost called"
is not "I contacted them".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from nocontact.domain.urges import STRENGTH_MAX, STRENGTH_MIN


@dataclass(frozen=True)
class Choice:
    key: str  # the identifier stored, e.g. "to_be_noticed"
    label: str  # what a person reads, e.g. "To be noticed"
    forms: tuple[str, ...] = ()  # other words for it, e.g. "lonely" for loneliness


@dataclass(frozen=True)
class Reading:
    """What an answer was read as: ``key`` when it names one choice; else the ``candidates`` it could mean."""

    key: str | None
    candidates: tuple[str, ...] = ()

    @property
    def ambiguous(self) -> bool:
        return self.key is None and len(self.candidates) > 1


FILLER = frozenset(
    "i im am feel feeling feels felt its it is was just so very really quite a bit little kind sort of kinda "
    "pretty too super extremely bit me my like um uhm uh well right now tonight today and or but".split()
)
TURNING = frozenset("not no never almost nearly didnt dont doesnt havent hadnt wont wasnt isnt cant without".split())

_SEPARATORS = re.compile(r"[\s_\-‐‑–—/]+")
_EDGES = " \t.,;:!?\"'`()[]{}<>«»“”‘’…*"


def normalise(text: str) -> str:
    """Lower case, one space between words, no apostrophes or quotes, no punctuation at the ends."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("'", "").replace("’", "").replace("‘", "")
    return _SEPARATORS.sub(" ", text).strip(_EDGES).strip()


def _names(choice: Choice) -> tuple[str, ...]:
    return (normalise(choice.key), normalise(choice.label))


def _unique(keys: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(keys))


def _decide(keys: list[str]) -> Reading | None:
    found = _unique(keys)
    if len(found) == 1:
        return Reading(found[0])
    if found:
        return Reading(None, found)
    return None


def read_choice(answer: str, choices: Sequence[Choice]) -> Reading:
    """Which choice ``answer`` names. ``Reading(None)`` when nothing fits (or the answer is empty)."""
    text = normalise(answer)
    if not text:
        return Reading(None)
    plain = unicodedata.normalize("NFKC", answer).strip().rstrip(".)")
    if plain.lstrip("+-").isdecimal():
        number = int(plain)
        return Reading(choices[number - 1].key) if 1 <= number <= len(choices) else Reading(None)
    whole = [c.key for c in choices if text in _names(c) or text in {normalise(f) for f in c.forms}]
    prefix = [c.key for c in choices if any(name.startswith(text) for name in _names(c))]
    for keys in (whole, prefix):
        if (reading := _decide(keys)) is not None:
            return reading
    words = [w for w in text.split(" ") if w not in FILLER]
    if not words or TURNING & set(words):
        return Reading(None)
    by_word = [c.key for w in words for c in choices if w in {normalise(f) for f in (*c.forms, *_names(c))}]
    return _decide(by_word) or Reading(None)


_NUMBER_WORDS = {
    w: n
    for n, w in enumerate("zero one two three four five six seven eight nine ten".split())
    if STRENGTH_MIN <= n <= STRENGTH_MAX
}
_SCALE = re.compile(r"(\w+)(?:\s*(?:/|out of|of)\s*10)?")


def read_strength(answer: str) -> int | None:
    """A strength from 0 to 10: "7", "7/10", "7 out of 10", "seven". None when it isn't one."""
    match = _SCALE.fullmatch(unicodedata.normalize("NFKC", answer).casefold().strip().strip(_EDGES))
    if not match:
        return None
    word = match.group(1)
    value = int(word) if word.isdecimal() else _NUMBER_WORDS.get(word)
    return value if value is not None and STRENGTH_MIN <= value <= STRENGTH_MAX else None


# Other words people use for the pause's choices. Each word names one choice of its list only; fear has no
# choice of its own, and anxiety is the nearest.
FEELING_FORMS: Mapping[str, tuple[str, ...]] = {
    "grief": ("grieving", "grieve", "mourning", "heartbroken", "heartbreak", "broken hearted", "heartsick"),
    "relief": ("relieved",),
    "anger": ("angry", "mad", "furious", "annoyed", "irritated", "rage", "raging", "pissed", "livid", "resentful"),
    "regret": ("regretful", "regrets", "regretting", "sorry"),
    "sadness": ("sad", "unhappy", "down", "low", "blue", "crying", "tearful", "miserable", "sorrow"),
    "anxiety": (
        "anxious",
        "nervous",
        "worried",
        "worry",
        "panic",
        "panicky",
        "panicking",
        "scared",
        "afraid",
        "fear",
        "frightened",
        "uneasy",
        "restless",
        "stressed",
    ),
    "loneliness": ("lonely", "alone", "lonesome", "isolated"),
    "boredom": ("bored", "boring"),
    "jealousy": ("jealous", "envious", "envy"),
    "hope": ("hopeful", "hoping"),
}
TRIGGER_FORMS: Mapping[str, tuple[str, ...]] = {
    "reassurance": ("reassure", "reassured", "comfort", "comforted"),
    "closure": ("answers", "an answer", "explanation", "to understand", "why"),
    "to_be_noticed": ("noticed", "notice", "seen", "to be seen", "attention", "to be missed"),
    "boredom": ("bored", "boring", "nothing to do"),
    "anger": ("angry", "mad", "furious", "vent", "to vent", "rage", "let out anger"),
    "saw_something": ("saw", "i saw something", "their post", "post", "photo", "story", "reminded"),
    "practical": ("practical matter", "kids", "children", "child", "work", "logistics", "schedule", "money"),
    "other": ("else", "dont know", "not sure", "unsure", "dunno"),
}
OUTCOME_FORMS: Mapping[str, tuple[str, ...]] = {
    "passed": ("pass", "passing", "gone", "its gone", "it has passed", "better", "ok", "okay", "fine", "calmer"),
    "still_want": ("still", "want", "i want to", "still want to", "still wanting", "i still do"),
    "contacted": ("contact", "reached out", "i reached out", "texted", "called", "messaged", "i texted them"),
}


def choices_for(keys: Sequence[str], labels: Mapping[str, str], forms: Mapping[str, tuple[str, ...]]) -> list[Choice]:
    """The choices of one question, in the order of ``keys``; a key without a label reads as itself."""
    return [Choice(k, labels.get(k, k.replace("_", " ").capitalize()), forms.get(k, ())) for k in keys]
