"""A message, sentence by sentence: what each sentence does (its kind) and whether it asks for something.

The kinds: ``practical`` (information or a request the other person needs), ``courtesy`` (greetings, thanks,
"ok"), and the seven that reopen the relationship or start a fight: ``feelings``, ``reminiscing``,
``personal_question``, ``blame``, ``reconciliation``, ``pressure``, ``off_topic``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

KINDS = (
    "practical",
    "courtesy",
    "feelings",
    "reminiscing",
    "personal_question",
    "blame",
    "reconciliation",
    "pressure",
    "off_topic",
)
FLAGGED = frozenset(KINDS[2:])
# Words in capitals that are names of things, not shouting.
ACRONYMS = frozenset(
    (
        "OK ASAP PE GP NHS MOT ID PDF AM PM UK US USA EU TV DVD IT HR CEO VAT TAX BBQ DOB ETA FYI NB PS RSVP "
        "ATM SATS GCSE SEN ADHD HMRC IRS SSN PTA CV PIN LOL XO OMG"
    ).split()
)

# A full stop between digits ("3.30", "£12.50") or after a single letter ("J. Smith") does not end a sentence.
_SPLIT = re.compile(
    r"(?:[^.!?\n…]|(?<=\d)\.(?=\d)|(?<=\b\w)\.(?=\s?\w\b))+(?:[.!?…]+[\"'”’)]*|$)|[.!?…]+", re.MULTILINE
)
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "´": "'", "`": "'", "“": '"', "”": '"', "„": '"'})
_SPACES = re.compile(r"[^\S\n]+")
# Variation selectors, skin tones and the zero-width joiner change how an emoji looks, not what it says.
_EMOJI_MARKS = re.compile("[\ufe0e\ufe0f\u200d\U0001f3fb-\U0001f3ff]")


@dataclass(frozen=True)
class Sentence:
    text: str
    kind: str  # one of KINDS
    asks: bool  # asks for an answer or an action
    confidence: float = 1.0  # how sure the reader is of ``kind``, 0 to 1

    @property
    def flagged(self) -> bool:
        return self.kind in FLAGGED


def normalise(text: str) -> str:
    """The same words however they were typed: NFKC, straight apostrophes, single spaces, plain emoji."""
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES)
    text = _EMOJI_MARKS.sub("", text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.splitlines()).strip()


def split(text: str) -> list[str]:
    """The sentences of ``text``, in order, as written (a line break ends a sentence too)."""
    found = [s.strip() for s in _SPLIT.findall(text)]
    out: list[str] = []
    for s in found:
        if not s:
            continue
        if out and re.fullmatch(r"[\W_]+", s) and not _has_emoji(s):
            out[-1] += s  # "?!" or "..." left alone belongs to the sentence before
        else:
            out.append(s)
    return out


def _has_emoji(s: str) -> bool:
    return any(unicodedata.category(c) == "So" for c in s)
