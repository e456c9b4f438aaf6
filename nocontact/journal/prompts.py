"""The journal's prompts, in one catalogue. Written for this app; calm, and never about winning anyone back."""

from __future__ import annotations

from nocontact.domain import prompts as keys

PROMPTS: dict[str, tuple[str, str]] = {
    keys.UNSENT_MESSAGE: (
        "The message you won't send",
        "Write everything you wanted to send them, exactly as you would have. It stays here. Nobody reads it but you.",
    ),
    keys.FEELING_NOW: (
        "What you feel right now",
        "Name what is here tonight, even if it is many things at once, or nothing clear. "
        "Where do you feel it in your body?",
    ),
    keys.URGE_SOURCE: (
        "Where the urge comes from",
        "What happened just before you wanted to reach out? What would contact give you right now, "
        "and is there another way to get some of that?",
    ),
    keys.DID_FOR_MYSELF: (
        "Something you did for yourself",
        "What did you do today that was for you, however small? A meal, a walk, an early night all count.",
    ),
    keys.FRIEND_TO_CALL: (
        "A friend you could call",
        "Who could you talk to this week, someone who listens without taking sides? What would you like to tell them?",
    ),
    keys.HOBBY: (
        "Something you used to enjoy",
        "Is there a hobby, a place or a kind of music you have drifted away from? What would it take to go back to it?",
    ),
    keys.THREE_MONTHS: (
        "Three months from now",
        "Picture an ordinary day three months from now, going well. Where are you, who is around, "
        "what are you looking forward to?",
    ),
}
