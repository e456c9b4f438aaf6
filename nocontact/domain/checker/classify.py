"""What each sentence of a message does: the embedding model and a trained head where they are installed,
the rules alone where they are not.

The head is a softmax over the nine kinds (sentences.KINDS) and a yes/no for "asks for something", read
from ``model/head.json`` (written by ``scripts/checker-train``). Its input is the sentence's embedding
followed by a few plain features the rules give (which pattern family matched, shouting, a question, a
time or an amount), so it learns how far to trust each rule. The rules still say *why*, in words.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from nocontact.domain.checker import embedding
from nocontact.domain.checker.rules import PATTERNS
from nocontact.domain.checker.sentences import ACRONYMS, FLAGGED, KINDS, Sentence
from nocontact.domain.checker.topics import ACKNOWLEDGEMENTS, SMALL_TALK

HEAD = Path(__file__).parent / "model" / "head.json"
RULE_KINDS = tuple(PATTERNS)
_WORD = re.compile(r"[\w']+", re.UNICODE)
_SHOUT = re.compile(r"\b[A-Z]{3,}\b")
_YOU = re.compile(r"\b(?:you|your|u|ur|you're|youre)\b", re.IGNORECASE)
_TIME_OR_AMOUNT = re.compile(
    r"\d|[$£€¥₹]|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|today|"
    r"tmrw|weekend|morning|afternoon|evening|noon|midday)\b",
    re.IGNORECASE,
)
_ASKS = re.compile(
    r"\?|^(?:please|pls|plz|can|could|would|will|are|is|do|does|did|have|has|should|shall|when|where|what|"
    r"which|who|how|let me know|send|bring|drop|pick|sign|confirm|check|remember|don't forget|make sure)\b",
    re.IGNORECASE,
)
_SMALL_TALK = re.compile(
    r"(?<![\w'])(?:"
    + "|".join(re.escape(w.rstrip("*")) + (r"[\w']*" if w.endswith("*") else "") for w in SMALL_TALK)
    + ")",
    re.IGNORECASE,
)
_ACK = frozenset(ACKNOWLEDGEMENTS)


# The commonest English words: a message with few of them is in another language, which the model reads
# less well (it learned English), so it flags there only when surer (Head.threshold_other).
_ENGLISH = frozenset(
    (
        "the to and a i you is it of for on can at in be have me my your we that this will with not are was "
        "do just so but if what ok no yes he she they them our us all be been get got by from about as up out "
        "when there how know need pick please thanks sorry would could should"
    ).split()
)


def english(text: str) -> bool:
    """Whether the text reads as English (or is too short to tell)."""
    words = _WORD.findall(text.lower())
    if len(words) < 4:
        return True
    return sum(w in _ENGLISH for w in words) / len(words) >= 0.15


def rule_kinds(sentence: str) -> list[str]:
    """The pattern families (rules.PATTERNS) that match the sentence."""
    return [kind for kind, patterns in PATTERNS.items() if any(p.search(sentence) for p in patterns)]


def shouts(sentence: str) -> bool:
    """A word in capitals, not an acronym, in a sentence that speaks to "you": "you NEVER check"."""
    loud = [w for w in _SHOUT.findall(sentence) if w not in ACRONYMS]
    return bool(loud) and not sentence.isupper() and bool(_YOU.search(sentence))


def asks(sentence: str) -> bool:
    return bool(_ASKS.search(sentence.strip()))


def features(sentence: str) -> list[float]:
    """The plain features the head sees beside the embedding."""
    found = set(rule_kinds(sentence))
    words = len(_WORD.findall(sentence))
    return [
        *(1.0 if kind in found else 0.0 for kind in RULE_KINDS),
        1.0 if _SMALL_TALK.search(sentence) else 0.0,
        1.0 if shouts(sentence) else 0.0,
        1.0 if "?" in sentence else 0.0,
        1.0 if _TIME_OR_AMOUNT.search(sentence) else 0.0,
        min(words, 40) / 40,
        1.0 if english(sentence) else 0.0,
    ]


FEATURES = len(features(""))


def is_plain_acknowledgement(sentence: str) -> bool:
    """ "ok", "thanks!", "yes 👍": sure enough that the model need not be asked."""
    words = _WORD.findall(sentence.lower())
    return (0 < len(words) <= 3 and " ".join(words) in _ACK) or (not words and not rule_kinds(sentence))


@dataclass(frozen=True)
class Head:
    """One hidden layer (ReLU) and a softmax over the kinds; a logistic "asks" output beside it."""

    hidden_weights: Any  # (dimensions + FEATURES) x HIDDEN
    hidden_bias: Any
    weights: Any  # HIDDEN x len(KINDS)
    bias: Any
    asks_weights: Any  # (dimensions + FEATURES)
    asks_bias: float
    mean: Any
    scale: Any
    threshold: float = 0.5  # a sentence is flagged when its flagged kinds together are at least this likely
    threshold_other: float = 0.5  # the same, in a message that is not in English

    def predict(self, vectors: Any, extra: Any) -> tuple[Any, Any]:
        import numpy as np

        x = (np.hstack([vectors, extra]) - self.mean) / self.scale
        hidden = np.maximum(x @ self.hidden_weights + self.hidden_bias, 0)
        logits = hidden @ self.weights + self.bias
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        asks_p = 1 / (1 + np.exp(-(x @ self.asks_weights + self.asks_bias)))
        return p, asks_p

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Head:
        import numpy as np

        def array(name: str) -> Any:
            return np.asarray(data[name], dtype=np.float32)

        return cls(
            hidden_weights=array("hidden_weights"),
            hidden_bias=array("hidden_bias"),
            weights=array("weights"),
            bias=array("bias"),
            asks_weights=array("asks_weights"),
            asks_bias=float(data["asks_bias"]),
            mean=array("mean"),
            scale=array("scale"),
            threshold=float(data.get("threshold", 0.5)),
            threshold_other=float(data.get("threshold_other", 0.5)),
        )

    def kinds(self, p: Any, *, in_english: bool = True) -> list[tuple[int, float]]:
        """For each row of probabilities: the kind chosen (flagged or not by the threshold) and its share."""
        flagged = p[:, 2:].sum(axis=1)
        threshold = self.threshold if in_english else self.threshold_other
        out = []
        for row, total in zip(p, flagged, strict=True):
            if total >= threshold:
                best = 2 + int(row[2:].argmax())
                out.append((best, float(total)))
            else:
                best = int(row[:2].argmax())
                out.append((best, float(1 - total)))
        return out


_override: list[Head | None] = []


@contextmanager
def using(fitted: Head | None) -> Iterator[None]:
    """Within the block, classify with ``fitted`` (None: the rules alone) instead of the installed head."""
    _override.append(fitted)
    try:
        yield
    finally:
        _override.pop()


def head() -> Head | None:
    """The head in use: the installed one, unless :func:`using` says otherwise."""
    return _override[-1] if _override else installed_head()


@cache
def installed_head() -> Head | None:
    if embedding.embedder() is None or not HEAD.exists():
        return None

    data = json.loads(HEAD.read_text(encoding="utf-8"))
    if tuple(data["kinds"]) != KINDS or data["features"] != FEATURES:
        return None  # trained for other kinds or features: retrain (scripts/checker-train)
    return Head.from_dict(data)


def engine() -> str:
    """ "model" when the embedding model and its head are in use, else "rules"."""
    return "model" if head() is not None else "rules"


def _by_rules(sentence: str) -> Sentence:
    found = rule_kinds(sentence)
    if shouts(sentence):
        found.append("blame")
    if found:
        return Sentence(sentence, found[0], asks(sentence), 0.6)
    if is_plain_acknowledgement(sentence):
        return Sentence(sentence, "courtesy", False, 0.9)
    if _SMALL_TALK.search(sentence):
        return Sentence(sentence, "off_topic", asks(sentence), 0.5)
    return Sentence(sentence, "practical", asks(sentence), 0.5)


def classify_sentences(sentences: Sequence[str]) -> list[Sentence]:
    """Each sentence with its kind, whether it asks for something, and how sure the reader is."""
    fitted = head()
    if fitted is None:
        return [_by_rules(s) for s in sentences]
    out: list[Sentence | None] = [None] * len(sentences)
    todo = []
    for i, s in enumerate(sentences):
        if is_plain_acknowledgement(s):
            out[i] = Sentence(s, "courtesy", False, 1.0)
        else:
            todo.append(i)
    if todo:
        import numpy as np

        embedder = embedding.embedder()
        assert embedder is not None  # head() is None without it
        texts = [sentences[i] for i in todo]
        p, asks_p = fitted.predict(embedder.embed(texts), np.asarray([features(t) for t in texts], dtype=np.float32))
        chosen = fitted.kinds(p, in_english=english(" ".join(sentences)))
        for row, (i, (best, sure)) in enumerate(zip(todo, chosen, strict=True)):
            kind = KINDS[best]
            if kind in FLAGGED:  # the rules, where they match, name the kind in words a person knows
                kind = next(iter(rule_kinds(sentences[i])), kind)
            out[i] = Sentence(sentences[i], kind, bool(asks_p[row] >= 0.5), sure)
    return [s for s in out if s is not None]
