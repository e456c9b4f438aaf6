"""What counts as contact, and when contact is a slip."""

from __future__ import annotations

from dataclasses import dataclass
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


@dataclass(frozen=True)
class SlipRule:
    """What a slip is, as data: the one definition.

    The pure rule below (``is_slip``, ``is_own_indirect``) reads it, and so do the database's forms of the
    same rule (nocontact/plans/slips.py): the figures query's conditions and the partial indexes'. A slip is
    contact after the plan's start that
    - the user made (``own_directions``: reaching out, or answering, logged as ``both``); an incoming
      message left unanswered is never one;
    - was not ``permitted`` (inside minimal-contact boundaries);
    - if it was indirect (``indirect_channels``), only when the plan counts indirect contact.
    The values keep the order of their enums, so the conditions written from them never change by accident.
    """

    own_directions: tuple[str, ...]
    indirect_channels: tuple[str, ...]


SLIP_RULE = SlipRule(
    own_directions=(Direction.OUTGOING.value, Direction.BOTH.value),
    indirect_channels=(Channel.VIA_FRIEND.value, Channel.CHECKED_PROFILE.value),
)

INDIRECT_CHANNELS = frozenset(Channel(c) for c in SLIP_RULE.indirect_channels)
DIRECT_CHANNELS = frozenset(Channel) - INDIRECT_CHANNELS
USER_DIRECTIONS = frozenset(Direction(d) for d in SLIP_RULE.own_directions)


def is_indirect(channel: str) -> bool:
    return Channel(channel) in INDIRECT_CHANNELS


def is_slip(*, channel: str, direction: str, permitted: bool, count_indirect: bool) -> bool:
    """Whether contact the user logged is a slip (``SLIP_RULE``), leaving aside when it was."""
    if Direction(direction) not in USER_DIRECTIONS or permitted:
        return False
    if is_indirect(channel):
        return count_indirect
    return True


def is_own_indirect(*, channel: str, direction: str) -> bool:
    """Indirect contact the user sought out (the indirect streak restarts on it)."""
    return is_indirect(channel) and Direction(direction) in USER_DIRECTIONS
