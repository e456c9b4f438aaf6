"""Check one draft against the boundaries of minimal contact, and suggest a brief, neutral version."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from nocontact.domain.checker.rules import PATTERNS, WHY
from nocontact.domain.checker.topics import ACKNOWLEDGEMENTS, BUILT_IN_TOPICS, OTHER_LANGUAGES, SMALL_TALK

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
_SENTENCE = re.compile(r"[^.!?\n…]+(?:[.!?…]+|$)", re.MULTILINE)
_WORD = re.compile(r"[\w'’]+", re.UNICODE)
_TIME = re.compile(
    r"\b\d{1,2}(?::\d{2})?\s?(?:am|pm|h)\b|\b\d{1,2}:\d{2}\b|\b\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?\b|"
    r"\b\d{1,2}(?:st|nd|rd|th)\b|\b(?:at|by|from|until|till|after|before) \d{1,2}\b|"
    r"\b\d{1,2} (?:is|works|'s) (?:fine|ok|okay|good|better|best)\b|\b\d{1,2}\s?-\s?\d{1,2}\b",
    re.IGNORECASE,
)
_NEUTRAL = re.compile(
    r"^(?:hi|hey|hello|morning|evening|dear \w+|thanks|thank you|cheers|regards|best|kind regards|"
    r"let me know|please let me know|can you (?:confirm|let me know)|please confirm|does that work|"
    r"is that (?:ok|okay|alright|fine)|will that work|see you(?: then| there)?|talk (?:soon|then)|"
    r"no worries|that's fine|thats fine|all good|sorry(?: for the late reply)?|please (?:don'?t|do not|stop)|"
    r"(?:[\w'’]+ )?(?:here|speaking))\b",
    re.IGNORECASE,
)
_GREETING_ONLY = re.compile(r"^\W*(?:hi|hey|hello|dear|morning|evening)\b[\w ,]{0,20}\W*$", re.IGNORECASE)


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
_SMALL_TALK = _pattern(SMALL_TALK)


def strip_quoted(text: str) -> str:
    """The draft without earlier messages quoted under it, or a phone's signature."""
    kept = []
    for line in text.splitlines():
        if _QUOTE_START.match(line):
            break
        kept.append(line)
    return "\n".join(kept).strip()


def _sentences(body: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(body) if s.strip() and not re.fullmatch(r"[\W_]*", s.strip())] or (
        [body.strip()] if body.strip() else []
    )


def _topics_in(sentence: str, matchers: Mapping[str, re.Pattern[str]]) -> set[str]:
    found = {name for name, pattern in matchers.items() if pattern.search(sentence)}
    if _TIME.search(sentence):
        found.add("schedule")
    return found


def _is_neutral(sentence: str) -> bool:
    words = _WORD.findall(sentence.lower())
    if len(words) <= 3:
        return True
    joined = " ".join(words)
    if any(joined == a or (joined.startswith(a + " ") and len(words) <= len(a.split()) + 2) for a in ACKNOWLEDGEMENTS):
        return True
    return bool(_NEUTRAL.match(sentence.strip())) and len(words) <= 10


def check_message(
    text: str,
    *,
    topics: Iterable[str] | None = None,
    boundaries: Boundaries | None = None,
    channel: str | None = None,
    when_local: datetime | None = None,
) -> CheckResult:
    """Check a draft. ``topics`` (or the boundaries' topics) are the allowed ones; all built-in if neither."""
    boundaries = boundaries or Boundaries()
    allowed_names = set(topics) if topics is not None else (set(boundaries.topics) if boundaries.topics else None)
    matchers = _compile_topics(boundaries.own_topics) if boundaries.own_topics else _BUILT_IN_MATCHERS
    allowed = allowed_names if allowed_names is not None else set(matchers)

    body = strip_quoted(text or "")
    flags: list[Flag] = []
    seen: set[tuple[str, str]] = set()
    kept: list[str] = []
    useful = False

    def add(kind: str, excerpt: str) -> None:
        if (kind, excerpt) not in seen:
            seen.add((kind, excerpt))
            flags.append(Flag(kind, excerpt, WHY[kind]))

    loose: list[str] = []  # no topic of any kind: small talk unless the message is otherwise practical
    for sentence in _sentences(body):
        kinds = [kind for kind, patterns in PATTERNS.items() if any(p.search(sentence) for p in patterns)]
        for kind in kinds:
            add(kind, sentence)
        if kinds:
            continue
        present = _topics_in(sentence, matchers)
        own_hit = present & allowed & set(boundaries.own_topics)
        if not own_hit and _SMALL_TALK is not None and _SMALL_TALK.search(sentence):
            add("off_topic", sentence)  # the person's own topics come first: a band's "gig" is their business
        elif present & allowed or present == {"schedule"}:
            kept.append(sentence)
            useful = True
        elif present:
            add("off_topic", sentence)  # about a topic that was not agreed
        elif _is_neutral(sentence):
            kept.append(sentence)
        else:
            loose.append(sentence)
            kept.append(sentence)
    # Patterns that span sentences ("Wow. Just wow."): looked for in the whole draft too.
    found = {f.kind for f in flags}
    for kind, patterns in PATTERNS.items():
        if kind in found:
            continue
        for p in patterns:
            match = p.search(body)
            if match:
                add(kind, match.group(0).strip())
                break
    if loose and not useful and not flags:
        add("off_topic", loose[0])
    kept = [s for s in kept if not any(f.excerpt == s for f in flags)]

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
    substantive = [s for s in kept if not _GREETING_ONLY.match(s)]
    if not useful or not substantive:
        return CheckResult("review", tuple(flags), None, NOTHING_LEFT)
    suggestion = " ".join(substantive)
    if words > TOO_LONG_WORDS:
        suggestion = " ".join(s for s in substantive if _topics_in(s, matchers) & allowed) or suggestion
    return CheckResult("review", tuple(flags), suggestion)


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
