"""The database's forms of what a slip is, all written from the one definition, ``SLIP_RULE``.

- ``CAN_BE_SLIP``, ``OWN_INDIRECT`` and ``PERMITTED``: the partial indexes' conditions (``Contact.Meta.indexes``).
- ``slip_q``: the ORM filter for slips, given whether the plan counts indirect contact.
- ``CAN_BE_SLIP_SQL``, ``OWN_INDIRECT_SQL`` and ``COUNTED_SQL``: the same conditions as SQL text, for the
  hand-written figures query (plans/selectors.py). SQLite uses a partial index only when the query's
  WHERE repeats the index's condition term for term, so these are written as Django writes the index's
  (``"direction" IN ('outgoing', 'both') AND NOT "permitted"``); the figures query names its index
  (INDEXED BY), so a condition that drifted apart would fail loudly rather than slow down.

When an entry was (after the plan's start, up to the moment asked about) is part of each query, not of
the rule. plans/tests/test_slips.py checks every form against the pure rule on random entries.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Q

from nocontact.domain.contacts import SLIP_RULE

_OWN = list(SLIP_RULE.own_directions)
_INDIRECT = list(SLIP_RULE.indirect_channels)

# Contact the user made that was not permitted: a slip, unless it was indirect and the plan does not count that.
CAN_BE_SLIP = Q(permitted=False, direction__in=_OWN)
# Indirect contact the user sought out: the indirect streak restarts on it.
OWN_INDIRECT = Q(channel__in=_INDIRECT, direction__in=_OWN)
# Contact inside a minimal plan's boundaries: never a slip (the minimal-contact counts show how much).
PERMITTED = Q(permitted=True)


def slip_q(*, count_indirect: bool) -> Q:
    """Slips, in a plan that counts indirect contact or not."""
    return CAN_BE_SLIP if count_indirect else CAN_BE_SLIP & ~Q(channel__in=_INDIRECT)


def _in(column: str, values: Sequence[str]) -> str:
    if not all(value.replace("_", "").isalpha() for value in values):
        raise ValueError(values)  # the enums' own values, never anyone's input: nothing to escape
    quoted = ", ".join("'" + value + "'" for value in values)
    return f'"{column}" IN ({quoted})'


CAN_BE_SLIP_SQL = f'({_in("direction", _OWN)} AND NOT "permitted")'
OWN_INDIRECT_SQL = f"({_in('channel', _INDIRECT)} AND {_in('direction', _OWN)})"
# With CAN_BE_SLIP_SQL: its one placeholder is whether the plan counts indirect contact.
COUNTED_SQL = f"(%s OR NOT {_in('channel', _INDIRECT)})"
