"""Feelings for mood check-ins, and reading "FEELING[:INTENSITY]" as typed on the command line."""

from __future__ import annotations

import re
from dataclasses import dataclass

FEELINGS: tuple[str, ...] = (
    "grief",
    "relief",
    "anger",
    "regret",
    "sadness",
    "anxiety",
    "hopelessness",
    "helplessness",
    "confusion",
    "loneliness",
    "calm",
    "hope",
)
OWN = "own"  # a feeling in the person's own words
INTENSITY_MIN, INTENSITY_MAX, INTENSITY_DEFAULT = 1, 5, 3
OWN_WORDS_MAX = 40


class BadFeeling(ValueError):
    pass


@dataclass(frozen=True)
class Feeling:
    name: str  # one of FEELINGS, or OWN
    intensity: int
    own_words: str = ""

    @property
    def label(self) -> str:
        return self.own_words if self.name == OWN else self.name


def make_feeling(name: str, intensity: int = INTENSITY_DEFAULT) -> Feeling:
    """A feeling from a name: a known one, or the person's own words."""
    words = " ".join((name or "").split())
    if not words:
        raise BadFeeling("empty")
    if len(words) > OWN_WORDS_MAX:
        raise BadFeeling("too long")
    if ":" in words:
        raise BadFeeling("a colon separates the intensity")
    if isinstance(intensity, bool) or not isinstance(intensity, int):
        raise BadFeeling("intensity")
    if not INTENSITY_MIN <= intensity <= INTENSITY_MAX:
        raise BadFeeling("intensity")
    key = words.lower()
    if key in FEELINGS:
        return Feeling(key, intensity)
    return Feeling(OWN, intensity, words)


def parse_feeling(text: str) -> Feeling:
    """Read "anxiety", "anxiety:4" or "my own words:2"."""
    match = re.fullmatch(r"\s*(.+?)\s*(?::\s*(\d+)\s*)?", text or "")
    if not match:
        raise BadFeeling("empty")
    intensity = int(match.group(2)) if match.group(2) else INTENSITY_DEFAULT
    return make_feeling(match.group(1), intensity)
