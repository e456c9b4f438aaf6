"""`nocontact read-message`: a message *from* them on standard input. Only its practical part and what needs an
answer are printed, with how many sentences were folded away (never the sentences) and a brief reply."""

from __future__ import annotations

import argparse
import json

from nocontact import messages
from nocontact.cli import textin
from nocontact.cli.check import MAX_LINE, say_if_rules_only
from nocontact.cli.errors import CliError
from nocontact.domain.checker.read import NOTHING_ASKED, Reading, read_message


def _print_human(reading: Reading) -> None:
    if reading.practical:
        for line in reading.practical:
            print(line)
    else:
        print(messages.READ_NOTHING_PRACTICAL)
    print()
    if reading.needs_answer:
        print("Needs an answer:")
        for line in reading.needs_answer:
            print(f"  - {line}")
    else:
        print(NOTHING_ASKED)
    if reading.folded:
        print()
        print(messages.READ_FOLDED_CLI.format(count=reading.folded, s="" if reading.folded == 1 else "s"))
    print()
    print("A brief reply you could send:")
    for line in reading.suggested_reply.splitlines():
        print(f"  {line}")


def run(args: argparse.Namespace) -> int:
    """Read standard input; a plan, if one was named, has been found already (commands.py)."""
    text = textin.read_text(MAX_LINE)
    if not text.strip():
        raise CliError(messages.CHECK_EMPTY)
    if len(text) > MAX_LINE:  # refused, never cut
        raise CliError(messages.READ_TOO_LONG.format(max=MAX_LINE))
    reading = read_message(text)
    say_if_rules_only()
    if args.json:
        print(json.dumps(reading.as_dict(), ensure_ascii=False))
    else:
        _print_human(reading)
    return 0
