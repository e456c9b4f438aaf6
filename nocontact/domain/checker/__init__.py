"""The message checker: is a draft brief, on an agreed topic and free of what reopens the wound?

Plain rules and word lists, no model: every flag names the words that raised it and says why.
"""

from nocontact.domain.checker.check import Boundaries, CheckResult, Flag, check_message

__all__ = ["Boundaries", "CheckResult", "Flag", "check_message"]
