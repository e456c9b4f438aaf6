"""The `nocontact` command. Parses arguments, sets Django up, and hands over to commands.py."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from nocontact.domain.contacts import Channel, Direction, IncidentKind, Mode

EXIT_USAGE = 2


class Parser(argparse.ArgumentParser):
    """argparse, but a mistake is one clear line on stderr and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message}\n")


def build_parser() -> Parser:
    user_opt = Parser(add_help=False)
    user_opt.add_argument(
        "--user", default=argparse.SUPPRESS, help="act for this account (default: $NOCONTACT_USER, or the only one)"
    )
    parser = Parser(prog="nocontact", description="A private companion for keeping no contact.", parents=[user_opt])
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser, metavar="COMMAND")

    serve = sub.add_parser("serve", help="run the web app (migrates the database first)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--threads", type=int, default=int(os.environ.get("NOCONTACT_THREADS", "8")))
    serve.add_argument(
        "--no-worker", action="store_true", help="don't start a background worker beside the server (hosted: never)"
    )

    worker = sub.add_parser("worker", help="run background work (alerts): for hosted deployments")
    worker.add_argument("--batch", action="store_true", help="do what is queued, then exit")

    sub.add_parser("migrate", help="bring the database up to date and exit")

    rotate = sub.add_parser("rotate-key", help="replace the master key that protects encrypted text")
    rotate.add_argument("--generate", action="store_true", help="only print a new random key, change nothing")

    plan = sub.add_parser("plan", help="add or list plans")
    plan_sub = plan.add_subparsers(dest="plan_command", required=True, parser_class=Parser, metavar="ACTION")
    add = plan_sub.add_parser("add", help="start a plan", parents=[user_opt])
    add.add_argument("name")
    add.add_argument("--since", required=True, metavar="DATETIME", help="the last contact (ISO 8601)")
    add.add_argument("--goal-days", type=int, default=30)
    add.add_argument("--mode", choices=[m.value for m in Mode], default=Mode.STRICT.value)
    add.add_argument("--tz", metavar="ZONE", help="IANA time zone (default: this machine's)")
    add.add_argument("--count-indirect", action="store_true")
    add.add_argument("--reason", default="", metavar="TEXT")
    lst = plan_sub.add_parser("list", help="list plans", parents=[user_opt])
    lst.add_argument("--json", action="store_true")

    log = sub.add_parser("log", help="log contact on a plan", parents=[user_opt])
    log.add_argument("name")
    log.add_argument("--channel", required=True, choices=[c.value for c in Channel])
    log.add_argument("--direction", required=True, choices=[d.value for d in Direction])
    log.add_argument("--at", metavar="DATETIME", help="when (ISO 8601; default: now)")
    log.add_argument("--permitted", action="store_true", help="within a minimal-contact plan's boundaries")
    log.add_argument(
        "--strayed", action="store_true", help="outside the boundaries (with --permitted: necessary; say why in --note)"
    )
    log.add_argument("--note", default="", metavar="TEXT")

    status = sub.add_parser("status", help="show the figures", parents=[user_opt])
    status.add_argument("name", nargs="?")
    status.add_argument("--as-of", metavar="DATETIME")
    status.add_argument("--json", action="store_true")

    journal = sub.add_parser("journal", help="write in, list or search your journal")
    journal_sub = journal.add_subparsers(dest="journal_command", required=True, parser_class=Parser, metavar="ACTION")
    jadd = journal_sub.add_parser(
        "add", help="write an entry (text from standard input, or $EDITOR)", parents=[user_opt]
    )
    jadd.add_argument("--prompt", action="store_true", help="start from a prompt suited to the moment")
    jadd.add_argument("--tag", action="append", metavar="TAG", help="a tag (repeat for more)")
    jlist = journal_sub.add_parser("list", help="list entries, newest first", parents=[user_opt])
    jlist.add_argument("--json", action="store_true")
    jsearch = journal_sub.add_parser("search", help="entries holding every word", parents=[user_opt])
    jsearch.add_argument("words", nargs="+")
    jsearch.add_argument("--json", action="store_true")

    mood = sub.add_parser("mood", help="check in with how you feel", parents=[user_opt])
    mood.add_argument("feelings", nargs="+", metavar="FEELING[:INTENSITY]", help="e.g. anxiety:4 calm 'my own words:2'")
    mood.add_argument("--note", default="", metavar="TEXT")

    check = sub.add_parser("check-message", help="check a draft against minimal-contact boundaries", parents=[user_opt])
    scope = check.add_mutually_exclusive_group()
    scope.add_argument("--plan", metavar="NAME", help="use this minimal-contact plan's boundaries")
    scope.add_argument("--topics", metavar="TOPIC,TOPIC", help="the allowed topics (default: all built-in ones)")
    fmt = check.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print the result as JSON")
    fmt.add_argument("--jsonl", action="store_true", help="read and write one JSON object per line")

    read = sub.add_parser(
        "read-message",
        help="read a message they sent for its practical part only; the rest is folded away",
        parents=[user_opt],
    )
    read.add_argument("--plan", metavar="NAME", help="the plan it is about (it must exist)")
    read.add_argument("--json", action="store_true", help="print the result as JSON")

    urge = sub.add_parser("urge", help="I want to reach out: a guided pause in the terminal", parents=[user_opt])
    urge.add_argument("name", nargs="?", help="the plan it is about (default: your first)")
    urge.add_argument(
        "--wait", type=int, default=0, choices=range(0, 31), metavar="MINUTES", help="a pause timer, 1-30"
    )
    urges = sub.add_parser("urges", help="your pauses over time", parents=[user_opt])
    urges.add_argument("--json", action="store_true")

    ready = sub.add_parser(
        "ready",
        help="a reflection on whether contact should ever happen again (not in safety plans)",
        parents=[user_opt],
    )
    ready.add_argument("name")

    imp = sub.add_parser(
        "import", help="read a chat or call export and fill a plan's log (no message text is kept)", parents=[user_opt]
    )
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--person", required=True, metavar="NAME", help="their name as the export shows it, or number")
    imp.add_argument(
        "--format",
        default="auto",
        choices=["auto", "whatsapp", "telegram", "sms-xml", "calls-xml", "instagram", "messenger"],
    )
    imp.add_argument("--me", metavar="NAME", help="your own name in the export (needed in group chats)")
    imp.add_argument("--tz", metavar="ZONE", help="the zone of times written without one (default: the plan's)")
    imp.add_argument("--date-order", choices=["dmy", "mdy"], help="when the dates could be read either way")
    imp.add_argument("--group-counts", action="store_true", help="count your messages in a group as to them")
    imp.add_argument(
        "--answered-within",
        type=int,
        default=6,
        metavar="HOURS",
        help="a message of theirs you answered within this many hours is a conversation, logged as both (0: never)",
    )
    imp.add_argument("--dry-run", action="store_true", help="report only; write nothing")
    imp.add_argument("--json", action="store_true")

    slog = sub.add_parser(
        "safety-log",
        help="a safety plan's dated log: list it, --add, --correct or --withdraw an entry, or --export it",
        parents=[user_opt],
    )
    slog.add_argument("name")
    slog.add_argument("--add", action="store_true", help="record an entry (details from --details or stdin)")
    slog.add_argument("--correct", metavar="ID", help="correct an entry: a new entry; the original is kept")
    slog.add_argument("--withdraw", metavar="ID", help="withdraw an entry: it stays in the log, marked withdrawn")
    slog.add_argument("--export", metavar="FILE", help="write the log, signed, to FILE (.csv or .pdf)")
    slog.add_argument("--at", metavar="DATETIME", help="when it happened (default: now)")
    slog.add_argument("--kind", choices=[k.value for k in IncidentKind])
    slog.add_argument("--channel", metavar="CHANNEL", help="call, text, message, social, in_person, … or other")
    slog.add_argument("--details", metavar="TEXT")
    slog.add_argument("--json", action="store_true")

    verify = sub.add_parser("verify-export", help="check a safety-log export (CSV or PDF) is intact and signed")
    verify.add_argument("file", metavar="FILE")
    verify.add_argument("--public-key", metavar="KEY", help="the key to trust (base64, a file, or its fingerprint)")

    export = sub.add_parser("export", help="print all of your data", parents=[user_opt])
    export.add_argument("--json", action="store_true", help="as JSON (the only format so far)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from nocontact.cli import commands
    from nocontact.cli.errors import CliError

    try:
        return commands.run(args)
    except CliError as exc:
        print(f"nocontact: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except UnicodeDecodeError:
        # Standard input read line by line (the guided pause, the readiness questions) that isn't UTF-8.
        from nocontact import messages

        print(f"nocontact: {messages.STDIN_NOT_UTF8}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
