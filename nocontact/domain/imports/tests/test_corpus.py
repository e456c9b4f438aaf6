"""Issue 19: every file in tests/data/exports gives what a person reading it finds there (expected.json), and
the language table stays well formed. The files reproduce, with invented names and words, the facts other
parsers' real exports show (tests/data/exports/SOURCES.md)."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from nocontact.domain.imports import phrases
from nocontact.domain.imports.records import ImportFailed
from nocontact.domain.imports.sources import Blob, read
from nocontact.domain.imports.summary import match

CORPUS = Path(__file__).resolve().parents[4] / "tests" / "data" / "exports"
CASES = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))["files"]
FIELDS = (
    "format",
    "messages_total",
    "sent",
    "received",
    "calls_outgoing",
    "calls_incoming",
    "calls_missed",
    "group",
    "conversations",
)


def _utc(at: int | None) -> str | None:
    return None if at is None else datetime.fromtimestamp(at, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def read_case(case: dict) -> dict:
    path = CORPUS / case["file"]
    order = case.get("date_order")  # the person's answer, for a file whose dates read both ways
    collected = read(Blob(case["file"], lambda: path.open("rb")), tz=ZoneInfo(case["tz"]), date_order=order)
    channel = "text" if collected.format == "sms-xml" else "message"
    summary = match(collected, person=case["person"], message_channel=channel).summary
    found = {name: getattr(summary, name) for name in FIELDS}
    found["first_contact"] = _utc(summary.first_contact)
    found["last_contact"] = _utc(summary.last_contact)
    return found


@pytest.mark.parametrize("case", CASES, ids=[c["file"].rsplit("/", 1)[-1] for c in CASES])
def test_every_file_gives_what_it_holds(case):
    assert read_case(case) == case["expect"]


def test_the_corpus_covers_what_issue_19_asks_for():
    files = [c["file"] for c in CASES]
    languages = {f.rsplit("(", 1)[-1].split(",")[0].rstrip(")") for f in files if f.startswith("whatsapp/")}
    assert len(languages) >= 12
    assert any("Android" in f for f in files)
    assert any("iOS" in f for f in files)
    assert {c["expect"]["format"] for c in CASES} == {
        "whatsapp",
        "telegram",
        "sms-xml",
        "calls-xml",
        "instagram",
        "messenger",
    }
    assert all((CORPUS / f).is_file() for f in files)
    on_disk = {str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*") if p.is_file()}
    assert on_disk - set(files) == {"expected.json", "SOURCES.md"}  # no file without its expected values


def test_every_language_row_has_its_phrases_and_where_they_were_seen():
    table = phrases.languages()
    assert len(table) >= 12
    for code, row in table.items():
        assert row["seen_in"], code
        for key in ("e2e", "missed_call", "group_created"):
            assert row[key], (code, key)


def test_a_missed_call_in_each_language_is_a_call_and_an_ordinary_message_is_not():
    local = phrases.phrases()
    for row in phrases.languages().values():
        for phrase in row["missed_call"]:
            assert local.missed.match(phrase), phrase
            assert not local.missed.match(phrase + " tomorrow?"), phrase
    assert not local.missed.match("missed you")


@pytest.mark.parametrize(
    ("name", "data", "code", "field"),
    [
        ("notes.txt", b"shopping list\nmilk\n", "format", "format"),
        (
            "chat.txt",
            b"03/04/2026, 10:00 - Alex: hi\n04/03/2026, 11:00 - Sam: yo\n",
            "date_order_ambiguous",
            "date_order",
        ),
        ("result.json", b'{"name": "x", "list": []}', "format", "format"),
        ("backup.xml", b"<contacts><c/></contacts>", "format", "format"),
    ],
)
def test_a_refusal_names_what_was_expected_and_found_and_which_choice_answers_it(name, data, code, field):
    # The words for the choice (a --flag on the command line, a field on the web) are each edge's own.
    with pytest.raises(ImportFailed) as caught:
        read(Blob(name, lambda: io.BytesIO(data)), tz=ZoneInfo("UTC"))
    assert (caught.value.code, caught.value.field) == (code, field)
    assert "expected" in caught.value.message
    assert "found" in caught.value.message


def _entries(name: str, **options):
    path = CORPUS / name
    collected = read(Blob(name, lambda: path.open("rb")), tz=ZoneInfo("UTC"))
    matched = match(collected, person="Rowan Pike", message_channel="message", **options)
    return matched.summary, sorted(matched.entries())


def test_a_message_of_theirs_answered_within_the_hours_is_a_conversation_logged_both_ways():
    name = "whatsapp/WhatsApp Chat with Rowan Pike (en, Android).txt"
    summary, entries = _entries(name)
    assert (summary.conversations, summary.answered_within_hours) == (1, 6)
    ways = [(_utc(at), channel, direction) for at, channel, direction, *_rest in entries]
    assert ways == [
        ("2024-02-14T09:12:00Z", "message", "both"),  # answered at 09:30
        ("2024-02-14T09:30:00Z", "message", "outgoing"),
        ("2024-02-14T21:05:00Z", "call", "incoming"),  # a missed call stays theirs alone
        ("2024-02-15T08:00:00Z", "message", "outgoing"),
    ]
    assert (summary.sent, summary.received) == (2, 1)  # the counts stay as they are


def test_the_hours_are_settable_and_zero_turns_conversations_off():
    name = "whatsapp/WhatsApp Chat with Rowan Pike (en, Android).txt"
    none, entries = _entries(name, answered_within_hours=0)
    assert none.conversations == 0
    assert all(e[2] != "both" for e in entries if e[1] == "message")
    assert _entries(name, answered_within_hours=1)[0].conversations == 1  # 18 minutes later
    with pytest.raises(ImportFailed, match="from 0 to 168"):
        _entries(name, answered_within_hours=1000)
