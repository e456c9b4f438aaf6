"""What counts as contact, and when contact is a slip."""

from __future__ import annotations

from enum import StrEnum


class Channel(StrEnum):
    CALL = "call"
    TEXT = "text"
    MESSAGE = "message"  # direct messages and chat apps
    SOCIAL = "social"  # likes, reactions, comments
    IN_PERSON = "in_person"
    VIA_FRIEND = "via_friend"  # asking mutual friends about them
    CHECKED_PROFILE = "checked_profile"  # looking at their profiles or stories


class Direction(StrEnum):
    OUTGOING = "outgoing"
    INCOMING = "incoming"
    BOTH = "both"  # a conversation


class Mode(StrEnum):
    STRICT = "strict"
    MINIMAL = "minimal"
    SAFETY = "safety"


class IncidentKind(StrEnum):
    """What they did, in a safety plan's log (kept apart from the contact log)."""

    MESSAGE = "message"
    TURNED_UP = "turned_up"
    THREAT = "threat"
    THROUGH_OTHERS = "through_others"
    ONLINE = "online"
    HARM = "harm"
    OTHER = "other"


INDIRECT_CHANNELS = frozenset({Channel.VIA_FRIEND, Channel.CHECKED_PROFILE})
DIRECT_CHANNELS = frozenset(Channel) - INDIRECT_CHANNELS
USER_DIRECTIONS = frozenset({Direction.OUTGOING, Direction.BOTH})


def is_indirect(channel: str) -> bool:
    return Channel(channel) in INDIRECT_CHANNELS


def is_slip(*, channel: str, direction: str, permitted: bool, count_indirect: bool) -> bool:
    """A slip is contact the user made that the plan does not allow.

    Incoming contact left unanswered is never a slip; answering it is logged as
    ``both`` or ``outgoing``. Contact within minimal-contact boundaries is
    ``permitted``. Indirect contact is a slip only if the plan counts it.
    """
    if Direction(direction) not in USER_DIRECTIONS or permitted:
        return False
    if is_indirect(channel):
        return count_indirect
    return True


def is_own_indirect(*, channel: str, direction: str) -> bool:
    """Indirect contact the user sought out (the indirect streak restarts on it)."""
    return is_indirect(channel) and Direction(direction) in USER_DIRECTIONS
