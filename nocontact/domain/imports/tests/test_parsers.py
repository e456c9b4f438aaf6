"""Every format and variant, broken files, zip bombs, and arbitrary bytes: without a database."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nocontact.domain.imports import collect as collect_mod
from nocontact.domain.imports.records import ImportFailed
from nocontact.domain.imports.sources import Blob, read
from nocontact.domain.imports.summary import match
from tests.data import exports

LONDON = ZoneInfo("Europe/London")
BERLIN = ZoneInfo("Europe/Berlin")


def blob(name: str, data: str | bytes) -> Blob:
    raw = data.encode() if isinstance(data, str) else data
    return Blob(name, lambda: io.BytesIO(raw))


def summary(name, data, person="Alex", tz=LONDON, **options):
    fmt = options.pop("fmt", "auto")
    order = options.pop("date_order", None)
    collected = read(blob(name, data), fmt=fmt, tz=tz, date_order=order)
    channel = "text" if collected.format == "sms-xml" else "message"
    matched = match(collected, person=person, message_channel=channel, **options)
    return matched.summary, list(matched.entries())


def utc(*parts):
    return int(datetime(*parts, tzinfo=UTC).timestamp())


# --- WhatsApp -------------------------------------------------------------------------------------------


def test_whatsapp_android_day_first_24_hour():
    s, entries = summary("WhatsApp Chat with Alex.txt", exports.WHATSAPP_ANDROID_DMY)
    assert s.format == "whatsapp"
    assert s.messages_total == 4  # two of Sam's, two of Alex's (media and the deleted one included)
    assert (s.sent, s.received, s.calls_missed) == (2, 2, 1)
    assert s.first_contact == utc(2026, 1, 14, 9, 1)
    assert s.last_sent == utc(2026, 1, 15, 21, 30)
    assert s.last_received == s.last_contact == utc(2026, 1, 16, 23, 59)
    assert "call" in {e[1] for e in entries}
    assert all(e[1] in ("message", "call") for e in entries)


def test_whatsapp_month_first_two_digit_year_and_narrow_space_before_pm():
    s, _ = summary("chat.txt", exports.WHATSAPP_ANDROID_MDY_AMPM)
    assert (s.sent, s.received) == (2, 1)
    assert s.last_received == utc(2026, 1, 14, 12, 5)
    assert s.last_sent == utc(2026, 1, 15, 0, 30)  # 12:30 AM is just after midnight


def test_whatsapp_ios_brackets_seconds_marks_and_calls():
    s, entries = summary("_chat.txt", exports.WHATSAPP_IOS, person="alex")
    assert s.messages_total == 3  # the encryption notice is not a message
    assert (s.sent, s.received, s.calls_outgoing, s.calls_missed) == (1, 2, 1, 1)
    assert s.first_contact == utc(2026, 1, 14, 9, 1, 15)
    call = next(e for e in entries if e[1] == "call" and e[2] == "outgoing")
    assert call[3] == 12 * 60
    assert call[4] is True


def test_whatsapp_times_are_read_in_the_zone_given():
    s, _ = summary("chat.txt", exports.WHATSAPP_ANDROID_DMY, tz=BERLIN)
    assert s.first_contact == utc(2026, 1, 14, 8, 1)


def test_whatsapp_ambiguous_dates_ask_for_the_order():
    with pytest.raises(ImportFailed, match="day-first or month-first") as refused:
        summary("chat.txt", exports.WHATSAPP_AMBIGUOUS)
    assert (refused.value.code, refused.value.field) == ("date_order_ambiguous", "date_order")
    dmy, _ = summary("chat.txt", exports.WHATSAPP_AMBIGUOUS, date_order="dmy")
    mdy, _ = summary("chat.txt", exports.WHATSAPP_AMBIGUOUS, date_order="mdy")
    assert dmy.first_contact == utc(2026, 4, 3, 9, 0)  # 3 April, British summer time
    assert mdy.first_contact == utc(2026, 3, 4, 10, 0)  # 4 March, GMT


def test_whatsapp_group_counts_only_their_messages_unless_asked():
    s, entries = summary("WhatsApp Chat with Book club.txt", exports.WHATSAPP_GROUP)
    assert s.group
    assert (s.sent, s.received) == (0, 2)
    assert {e[2] for e in entries} == {"incoming"}
    with pytest.raises(ImportFailed, match="which name is yours") as refused:
        summary("g.txt", exports.WHATSAPP_GROUP, group_counts=True)
    assert (refused.value.code, refused.value.field) == ("me_needed", "me")
    counted, _ = summary("g.txt", exports.WHATSAPP_GROUP, group_counts=True, me="Sam")
    assert (counted.sent, counted.received) == (1, 2)
    assert counted.messages_total == 4


def test_whatsapp_year_first_dates():
    text = "2026-01-14, 09:01 - Sam: Hi\n2026-01-14, 09:02 - Alex: Hello\n"
    s, _ = summary("chat.txt", text)
    assert s.first_contact == utc(2026, 1, 14, 9, 1)


def test_whatsapp_a_name_nobody_has_is_a_clear_error():
    with pytest.raises(ImportFailed, match="“Robin” isn't in this file"):
        summary("chat.txt", exports.WHATSAPP_ANDROID_DMY, person="Robin")


def test_whatsapp_an_impossible_date_names_the_line():
    broken = exports.WHATSAPP_ANDROID_DMY + "31/02/2026, 10:00 - Alex: February the 31st?\n"
    with pytest.raises(ImportFailed, match="line 10"):
        summary("chat.txt", broken)


# --- Telegram -------------------------------------------------------------------------------------------


def test_telegram_single_chat_with_calls_and_pieces_of_text():
    s, entries = summary("result.json", exports.telegram_single())
    assert s.format == "telegram"
    assert (s.messages_total, s.sent, s.received) == (2, 1, 1)
    assert (s.calls_outgoing, s.calls_incoming, s.calls_missed) == (1, 0, 1)
    assert s.last_received == 1768471200  # the missed call
    assert next(e for e in entries if e[1] == "call" and e[2] == "outgoing")[3] == 300


def test_telegram_full_export_finds_the_chat_and_the_owner():
    s, _ = summary("result.json", exports.telegram_full())
    assert (s.messages_total, s.sent, s.received) == (3, 1, 1)


def test_telegram_broken_json_is_refused():
    with pytest.raises(ImportFailed, match=r"breaks off|isn't"):
        summary("result.json", exports.telegram_single()[:150])


# --- SMS Backup & Restore ---------------------------------------------------------------------------------


def test_sms_matches_numbers_whatever_their_formatting():
    s, entries = summary("sms-20260120.xml", exports.SMS_XML)
    assert s.format == "sms-xml"
    assert s.messages_total == 5  # every sms and mms, drafts and other people included
    assert (s.sent, s.received) == (1, 2)  # the unnamed 07700… text is Alex's, as is the MMS
    assert {e[1] for e in entries} == {"text"}


def test_calls_types_and_durations():
    s, entries = summary("calls-20260120.xml", exports.CALLS_XML, person="+44 7700 900123")
    assert s.format == "calls-xml"
    assert (s.calls_outgoing, s.calls_incoming, s.calls_missed) == (2, 1, 2)
    assert s.messages_total == 0
    assert sorted(e[2] for e in entries) == ["both", "incoming", "incoming", "outgoing", "outgoing"]
    by_name, _ = summary("calls.xml", exports.CALLS_XML, person="Alex")
    assert by_name.calls_outgoing == 2


def test_broken_xml_names_what_is_wrong():
    with pytest.raises(ImportFailed, match="XML"):
        summary("sms.xml", exports.SMS_XML[:300])
    bad_type = exports.CALLS_XML.replace('type="5"', 'type="banana"')
    with pytest.raises(ImportFailed, match="<call> number 5"):
        summary("calls.xml", bad_type, person="Alex")


def test_xml_with_entities_is_refused():
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><smses><sms date="1" type="1" address="1"/></smses>'
    )
    with pytest.raises(ImportFailed):
        summary("sms.xml", bomb)


# --- Instagram and Messenger ------------------------------------------------------------------------------


def test_messenger_names_come_out_right():
    s, _ = summary("message_1.json", exports.meta_thread(), person="Zoë")
    assert s.format == "messenger"
    assert (s.sent, s.received, s.calls_outgoing, s.calls_missed) == (1, 1, 1, 1)


def test_instagram_download_zip_with_threads():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "your_instagram_activity/messages/inbox/zoe_123/message_1.json", exports.meta_thread(instagram=True)
        )
        archive.writestr(
            "your_instagram_activity/messages/inbox/zoe_123/message_2.json", exports.meta_thread(instagram=True)
        )
    s, _ = summary("instagram-sam.zip", buffer.getvalue(), person="zoë")
    assert s.format == "instagram"
    assert (s.sent, s.received) == (2, 2)  # two files of one thread


def test_fixing_the_latin1_quirk_leaves_real_text_alone():
    from nocontact.domain.imports.meta import fix_text

    assert fix_text("Zo\u00c3\u00ab") == "Zoë"
    assert fix_text("Zoë") == "Zoë"
    assert fix_text("日本") == "日本"


# --- Archives and arbitrary bytes -------------------------------------------------------------------------


def test_a_zip_bomb_is_refused_without_expanding_it():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("_chat.txt", b"\n" * (60 * 1024 * 1024))
    with pytest.raises(ImportFailed, match="expands far beyond"):
        summary("bomb.zip", buffer.getvalue())


def test_an_empty_or_unknown_file_is_one_clear_error():
    with pytest.raises(ImportFailed, match="empty"):
        summary("x.txt", b"")
    with pytest.raises(ImportFailed, match="WhatsApp"):
        summary("notes.txt", "Dear diary,\n" * 60)
    with pytest.raises(ImportFailed, match="archive"):
        summary("x.zip", b"PK\x03\x04 this is not really a zip")
    with pytest.raises(ImportFailed, match=r"Telegram|messages"):
        summary("data.json", json.dumps({"hello": "world"}))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000), st.sampled_from(["x.txt", "result.json", "sms.xml", "message_1.json", "a.zip"]))
def test_arbitrary_bytes_never_crash_a_parser(data, name):
    for fmt in ("auto", "whatsapp", "telegram", "sms-xml", "calls-xml", "messenger"):
        try:
            summary(name, data, fmt=fmt, date_order="dmy")
        except ImportFailed:
            pass


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_after_a_valid_start_never_crashes(tail):
    try:
        summary("chat.txt", exports.WHATSAPP_ANDROID_DMY + tail)
    except ImportFailed:
        pass


def test_phone_numbers_match_across_prefixes():
    assert collect_mod.same_number("+44 7700 900123", "07700900123")
    assert collect_mod.same_number("0044 (7700) 900-123", "+447700900123")
    assert not collect_mod.same_number("+44 7700 900123", "+44 7700 900124")
    assert not collect_mod.same_number("123", "123")
