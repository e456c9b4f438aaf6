"""Which journal prompt suits the moment. The prompts' words live in nocontact/journal/prompts.py."""

from __future__ import annotations

from datetime import datetime

UNSENT_MESSAGE = "unsent_message"
FEELING_NOW = "feeling_now"
URGE_SOURCE = "urge_source"
DID_FOR_MYSELF = "did_for_myself"
FRIEND_TO_CALL = "friend_to_call"
HOBBY = "hobby"
THREE_MONTHS = "three_months"

PROMPT_KEYS: tuple[str, ...] = (
    UNSENT_MESSAGE,
    FEELING_NOW,
    URGE_SOURCE,
    DID_FOR_MYSELF,
    FRIEND_TO_CALL,
    HOBBY,
    THREE_MONTHS,
)
EVERYDAY: tuple[str, ...] = (DID_FOR_MYSELF, FEELING_NOW, FRIEND_TO_CALL, HOBBY, THREE_MONTHS)


def is_late_night(local_now: datetime) -> bool:
    """Between 22:00 and 05:00 on the person's own clock."""
    return local_now.hour >= 22 or local_now.hour < 5


def suggest_prompt(*, local_now: datetime, after_urge: bool = False, milestone_today: bool = False) -> str:
    """One prompt for this moment.

    Right after an urge: write the message instead of sending it. Late at night: name what is
    felt. On a milestone day: look ahead. Otherwise a gentle everyday prompt, changing daily.
    """
    if after_urge:
        return UNSENT_MESSAGE
    if is_late_night(local_now):
        return FEELING_NOW
    if milestone_today:
        return THREE_MONTHS
    return EVERYDAY[local_now.date().toordinal() % len(EVERYDAY)]
