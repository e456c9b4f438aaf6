"""A brief version of a draft that keeps what matters: every request, date, time, amount and child's need.

Digs, pleas and history go; the order words are softened ("DO NOT" becomes "Please don't"); a sentence
that mixes a dig with a practical part keeps the practical part. If nothing practical is left, there is no
brief version, and the checker suggests not sending.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from nocontact.domain.checker.sentences import ACRONYMS, Sentence

# Where a sentence may be cut into parts: a comma, a semicolon or dash, or "but", "so", "anyway".
_CLAUSES = re.compile(r"\s*(?:[,;:]|\s[-–—]\s|\b(?:but|so|anyway|and anyway|although|though)\b)\s*", re.IGNORECASE)
_LOUD = re.compile(r"\b[A-Z]{2,}(?:'[A-Z]+)?\b")
_ORDERS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(?:do not|don't|dont)\b", re.IGNORECASE), "Please don't"),
    (
        re.compile(r"^(?:you need to|you have to|you must|you've got to|you(?: had)? better)\s+", re.IGNORECASE),
        "Please ",
    ),
    (re.compile(r"^(?:make sure)\b", re.IGNORECASE), "Please make sure"),
)
_GREETING = re.compile(r"^\W*(?:hi|hey|hello|dear|morning|evening)\b[\w ,]{0,20}\W*$", re.IGNORECASE)


_LEADING = re.compile(r"^(?:anyway|also|btw|oh and|ps)\b[,:]?\s+(?=\w)", re.IGNORECASE)


def soften(sentence: str) -> str:
    """The same request in a calmer voice: no shouting, no barked orders, no "!!!", no "Anyway," left
    hanging from a sentence that was dropped."""
    sentence = _LEADING.sub("", sentence.strip())
    if sentence.isupper() and len(sentence) > 3:
        sentence = sentence[0] + sentence[1:].lower()
    else:
        sentence = _LOUD.sub(lambda m: m.group(0) if m.group(0) in ACRONYMS else m.group(0).lower(), sentence)
    for pattern, replacement in _ORDERS:
        if pattern.search(sentence):
            sentence = pattern.sub(replacement, sentence, count=1)
            break
    sentence = re.sub(r"!{2,}|!\?|\?!", lambda m: "?" if "?" in m.group(0) else ".", sentence)
    sentence = re.sub(r"\?{2,}", "?", sentence)
    sentence = re.sub(r"\.{2,}$", ".", sentence)
    return sentence[:1].upper() + sentence[1:]


def _practical_parts(sentence: Sentence, reread: Callable[[list[str]], list[Sentence]]) -> list[str]:
    """The practical parts of a flagged sentence that has some ("You never check, pick up is at 4")."""
    parts = [p for p in _CLAUSES.split(sentence.text) if p and len(p.split()) >= 3]
    if len(parts) < 2:
        return []
    return [p.text for p in reread(parts) if p.kind == "practical"]


def brief(sentences: Sequence[Sentence], reread: Callable[[list[str]], list[Sentence]]) -> str | None:
    """The brief version, or None when nothing practical is left. ``reread`` classifies sentence parts."""
    kept: list[str] = []
    practical = False
    for s in sentences:
        if s.kind == "practical":
            kept.append(soften(s.text))
            practical = True
        elif s.kind == "courtesy":
            if not _GREETING.match(s.text):
                kept.append(soften(s.text))
        else:
            rescued = _practical_parts(s, reread)
            if rescued:
                kept.append(soften(" ".join(_end(p) for p in rescued)))
                practical = True
    if not practical:
        return None
    return " ".join(_end(k) for k in kept)


def _end(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?…" or not text[-1].isalnum() else text + "."
