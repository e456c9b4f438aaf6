"""Read a message *from* the other person: only its practical content, what needs an answer, the rest folded.

The same sentence reader as the checker. Nothing here keeps the message: the caller shows the result and
forgets it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from nocontact.domain.checker.brief import soften
from nocontact.domain.checker.check import strip_quoted
from nocontact.domain.checker.classify import classify_sentences
from nocontact.domain.checker.sentences import normalise, split

SHORT = 60
NOTHING_ASKED = "Nothing in it asks you for anything. It may not need a reply at all; that is a complete answer too."


@dataclass(frozen=True)
class Reading:
    practical: tuple[str, ...]  # the practical sentences, in order, in calmer words
    needs_answer: tuple[str, ...]  # those of them that ask for an answer or an action
    folded_text: tuple[str, ...]  # the sentences folded away unread, shown only if the person opens them
    suggested_reply: str  # empty when nothing in it is practical: no reply is needed

    @property
    def folded(self) -> int:
        """How many sentences were folded away."""
        return len(self.folded_text)

    def as_dict(self) -> dict[str, Any]:
        """What the API and the command line answer: the folded sentences themselves are left out."""
        return {
            "practical": list(self.practical),
            "needs_answer": list(self.needs_answer),
            "folded": self.folded,
            "suggested_reply": self.suggested_reply,
        }

    @property
    def note(self) -> str:
        """Said when nothing asks for an answer: not replying is an answer too."""
        return "" if self.needs_answer else NOTHING_ASKED


def _short(sentence: str) -> str:
    sentence = sentence.rstrip(" ?.!")
    return sentence if len(sentence) <= SHORT else sentence[: SHORT - 1].rsplit(" ", 1)[0] + "…"


def suggest_reply(practical: tuple[str, ...], needs_answer: tuple[str, ...]) -> str:
    """A brief, neutral reply: thanks, then a line to fill in for each thing asked; nothing when nothing
    practical was said."""
    if not practical:
        return ""
    if not needs_answer:
        return "Thanks, noted."
    lines = ["Thanks for letting me know."]
    lines += [f"About “{_short(q)}”: …" for q in needs_answer]
    return "\n".join(lines)


def read_message(text: str) -> Reading:
    sentences = classify_sentences(split(strip_quoted(normalise(text or ""))))
    practical = [s for s in sentences if s.kind == "practical"]
    folded = [s.text for s in sentences if s.kind != "practical"]  # their "thanks" too: nothing unread is lost
    needs = tuple(soften(s.text) for s in practical if s.asks)
    shown = tuple(soften(s.text) for s in practical)
    return Reading(
        practical=shown,
        needs_answer=needs,
        folded_text=tuple(folded),
        suggested_reply=suggest_reply(shown, needs),
    )
