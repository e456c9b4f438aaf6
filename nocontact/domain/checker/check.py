"""Check one draft against the boundaries of minimal contact, and suggest a brief, neutral version.

Each sentence is read by classify (the model where installed, the rules otherwise); a flag names the
sentence and says why in plain words; the brief version comes from brief."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from nocontact.domain.checker.brief import brief
from nocontact.domain.checker.classify import classify_sentences, engine
from nocontact.domain.checker.rules import PATTERNS, WHY
from nocontact.domain.checker.sentences import normalise, split
from nocontact.domain.checker.topics import BUILT_IN_TOPICS, OTHER_LANGUAGES

TOO_LONG_WORDS = 120
NOTHING_LEFT = (
    "Nothing in this draft is needed for the practical side of things. It may be kinder to yourself not to send it."
)
FLAG_ORDER = (
    "reconciliation",
    "feelings",
    "reminiscing",
    "personal_question",
    "blame",
    "pressure",
    "off_topic",
    "too_long",
    "outside_hours",
    "wrong_channel",
)

_QUOTE_START = re.compile(
    r"^\s*(?:>|on .{3,120}wrote:\s*$|-{2,}\s*original message|-{2,}\s*forwarded|from:\s|sent from my\b|"
    r"get outlook for\b)",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\w'’]+", re.UNICODE)
_TIME = re.compile(
    r"\b\d{1,2}(?::\d{2})?\s?(?:am|pm|h)\b|\b\d{1,2}:\d{2}\b|\b\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?\b|"
    r"\b\d{1,2}(?:st|nd|rd|th)\b|\b(?:at|by|from|until|till|after|before) \d{1,2}\b|"
    r"\b\d{1,2} (?:is|works|'s) (?:fine|ok|okay|good|better|best)\b|\b\d{1,2}\s?-\s?\d{1,2}\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Flag:
    kind: str
    excerpt: str
    why: str


@dataclass(frozen=True)
class Boundaries:
    """A minimal-contact plan's agreed limits. None means "not limited"."""

    topics: frozenset[str] | None = None
    own_topics: Mapping[str, Sequence[str]] = field(default_factory=dict)
    channels: frozenset[str] | None = None
    days: frozenset[int] | None = None  # 0 = Monday
    start_hour: int | None = None  # allowed from this hour (local) ...
    end_hour: int | None = None  # ... up to, not including, this hour


@dataclass(frozen=True)
class CheckResult:
    verdict: str  # "ok" or "review"
    flags: tuple[Flag, ...]
    suggestion: str | None  # None when there is nothing to suggest (ok), or nothing is left
    note: str = ""  # said when nothing is left to send

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.kind for f in self.flags))


def _pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    parts = []
    for word in words:
        w = word.strip().lower()
        if not w:
            continue
        if w.endswith("*"):
            parts.append(re.escape(w[:-1]) + r"[\w'’]*")
        elif re.fullmatch(r"[$£€]", w):
            parts.append(re.escape(w) + r"\s?\d")
        else:
            parts.append(re.escape(w) + r"(?:s|es)?")
    if not parts:
        return None
    return re.compile(r"(?<![\w'’])(?:" + "|".join(parts) + r")(?![\w'’])", re.IGNORECASE)


def _compile_topics(own_topics: Mapping[str, Sequence[str]]) -> dict[str, re.Pattern[str]]:
    compiled = {}
    merged = {name: (*words, *OTHER_LANGUAGES.get(name, ())) for name, words in BUILT_IN_TOPICS.items()}
    for name, words in {**merged, **own_topics}.items():
        pattern = _pattern(words)
        if pattern is not None:
            compiled[name] = pattern
    return compiled


_BUILT_IN_MATCHERS = _compile_topics({})


def strip_quoted(text: str) -> str:
    """The draft without earlier messages quoted under it, or a phone's signature."""
    kept = []
    for line in text.splitlines():
        if _QUOTE_START.match(line):
            break
        kept.append(line)
    return "\n".join(kept).strip()


def _topics_in(sentence: str, matchers: Mapping[str, re.Pattern[str]]) -> set[str]:
    found = {name for name, pattern in matchers.items() if pattern.search(sentence)}
    if _TIME.search(sentence):
        found.add("schedule")
    return found


def check_message(
    text: str,
    *,
    topics: Iterable[str] | None = None,
    boundaries: Boundaries | None = None,
    channel: str | None = None,
    when_local: datetime | None = None,
) -> CheckResult:
    """Check a draft. ``topics`` (or the boundaries' topics) are the agreed ones; none named means any
    practical subject is fine."""
    boundaries = boundaries or Boundaries()
    named = set(topics) if topics else (set(boundaries.topics) if boundaries.topics else set())
    matchers = _compile_topics(boundaries.own_topics) if boundaries.own_topics else _BUILT_IN_MATCHERS

    body = strip_quoted(normalise(text or ""))
    sentences = classify_sentences(split(body))
    flags: list[Flag] = []
    seen: set[tuple[str, str]] = set()

    def add(kind: str, excerpt: str) -> None:
        if (kind, excerpt) not in seen:
            seen.add((kind, excerpt))
            flags.append(Flag(kind, excerpt, WHY[kind]))

    for sentence in sentences:
        if sentence.flagged:
            add(sentence.kind, sentence.text)
        elif named and sentence.kind == "practical" and _off_the_agreed_topics(sentence.text, named, matchers):
            add("off_topic", sentence.text)
    if engine() == "rules":
        # Without the model, patterns that span sentences ("Wow. Just wow.") are looked for in the whole draft.
        found = {f.kind for f in flags}
        for kind, patterns in PATTERNS.items():
            match = None if kind in found else next((m for p in patterns if (m := p.search(body))), None)
            if match:
                add(kind, match.group(0).strip())

    words = len(_WORD.findall(body))
    if words > TOO_LONG_WORDS:
        add("too_long", body[:80].rstrip() + ("…" if len(body) > 80 else ""))
    if channel and not allows(boundaries, channel=channel):
        add("wrong_channel", channel)
    if when_local is not None and not allows(boundaries, when_local=when_local):
        add("outside_hours", when_local.strftime("%A %H:%M"))

    flags.sort(key=lambda f: FLAG_ORDER.index(f.kind))
    if not flags:
        return CheckResult("ok", (), None)
    off = {f.excerpt for f in flags if f.kind == "off_topic"}
    suggestion = brief([s for s in sentences if s.text not in off], classify_sentences)
    if suggestion is None:
        return CheckResult("review", tuple(flags), None, NOTHING_LEFT)
    return CheckResult("review", tuple(flags), suggestion)


def _off_the_agreed_topics(sentence: str, named: set[str], matchers: Mapping[str, re.Pattern[str]]) -> bool:
    """A practical sentence about a subject the plan knows and did not agree to ("the rent", when only
    the children were agreed). A subject no list knows is given the benefit of the doubt."""
    present = _topics_in(sentence, matchers)
    return bool(present - {"schedule"}) and not present & named


def allows(boundaries: Boundaries, *, channel: str | None = None, when_local: datetime | None = None) -> bool:
    """Whether contact on this channel, at this local time, is inside the boundaries."""
    if channel and boundaries.channels is not None and channel not in boundaries.channels:
        return False
    return when_local is None or _within_hours(when_local, boundaries)


def _within_hours(when: datetime, b: Boundaries) -> bool:
    if b.days is not None and when.weekday() not in b.days:
        return False
    if b.start_hour is not None and when.hour < b.start_hour:
        return False
    return not (b.end_hour is not None and when.hour >= b.end_hour)
