"""Sample exports for the import tests, written for them: the people (Alex, Sam, Jo, Zoë) are invented."""

from __future__ import annotations

import json

LRM = "\u200e"
NNBSP = "\u202f"

# Alex is the person; Sam is the user. Times are wall-clock times in the plan's zone.
WHATSAPP_ANDROID_DMY = """\
14/01/2026, 09:00 - Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them. Tap to learn more.
14/01/2026, 09:01 - Sam: Morning! Are we still on for Saturday?
14/01/2026, 09:05 - Alex: Yes: 10am at the market.
It's the one near the bridge.
Bring the bags.
14/01/2026, 09:06 - Alex: <Media omitted>
15/01/2026, 21:30 - Sam: This message was deleted
15/01/2026, 21:31 - Alex changed their phone number to a new number. Tap to message or add the new number.
16/01/2026, 23:59 - Alex: Missed voice call
"""

WHATSAPP_ANDROID_MDY_AMPM = """\
1/14/26, 9:00\u202fAM - Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them. Tap to learn more.
1/14/26, 9:01\u202fAM - Sam: Morning!
1/14/26, 12:05\u202fPM - Alex: Noon: lunch?
1/15/26, 12:30\u202fAM - Sam: Late one
"""

WHATSAPP_IOS = f"""\
[14.01.26, 09:00:00] Alex: {LRM}Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.
[14.01.26, 09:01:15] Sam: Hi
[14.01.26, 09:02:40] Alex: {LRM}image omitted
{LRM}[14.01.26, 09:03:05] Alex: Two lines
and the second
[15.01.26, 20:00:00] Sam: {LRM}Voice call, {LRM}12 min
[15.01.26, 20:30:00] Alex: {LRM}Missed video call
"""

WHATSAPP_AMBIGUOUS = """\
03/04/2026, 10:00 - Sam: One
03/04/2026, 10:01 - Alex: Two
05/04/2026, 10:02 - Sam: Three
"""

WHATSAPP_GROUP = """\
02/01/2026, 10:00 - Jo created group "Book club"
02/01/2026, 10:01 - Jo added Alex
02/01/2026, 10:02 - Jo: Welcome all
02/01/2026, 10:03 - Alex: Hello everyone
13/01/2026, 18:00 - Sam: Chapter 3 for next week?
13/01/2026, 18:05 - Alex: Sounds good
"""


def telegram_single() -> bytes:
    return json.dumps(
        {
            "name": "Alex",
            "type": "personal_chat",
            "id": 42,
            "messages": [
                {
                    "id": 1,
                    "type": "message",
                    "date": "2026-01-14T09:01:00",
                    "date_unixtime": "1768381260",
                    "from": "Sam",
                    "from_id": "user1",
                    "text": "Hi",
                },
                {
                    "id": 2,
                    "type": "message",
                    "date": "2026-01-14T09:05:00",
                    "date_unixtime": "1768381500",
                    "from": "Alex",
                    "from_id": "user2",
                    "text": ["Look ", {"type": "link", "text": "here"}],
                },
                {
                    "id": 3,
                    "type": "service",
                    "date": "2026-01-14T10:00:00",
                    "date_unixtime": "1768384800",
                    "actor": "Sam",
                    "actor_id": "user1",
                    "action": "phone_call",
                    "duration_seconds": 300,
                    "discard_reason": "hangup",
                    "text": "",
                },
                {
                    "id": 4,
                    "type": "service",
                    "date": "2026-01-15T10:00:00",
                    "date_unixtime": "1768471200",
                    "actor": "Alex",
                    "actor_id": "user2",
                    "action": "phone_call",
                    "discard_reason": "missed",
                    "text": "",
                },
                {
                    "id": 5,
                    "type": "service",
                    "date": "2026-01-15T11:00:00",
                    "date_unixtime": "1768474800",
                    "actor": "Alex",
                    "action": "pin_message",
                    "text": "",
                },
            ],
        }
    ).encode()


def telegram_full() -> bytes:
    single = json.loads(telegram_single())
    other = {
        "name": "Jo",
        "type": "personal_chat",
        "id": 43,
        "messages": [
            {"id": 9, "type": "message", "date": "2026-01-20T09:00:00", "from": "Jo", "from_id": "user3", "text": "Yo"}
        ],
    }
    return json.dumps(
        {
            "about": "Here is the data you requested.",
            "personal_information": {
                "user_id": 1,
                "first_name": "Sam",
                "last_name": "",
                "phone_number": "+44 7700 900000",
            },
            "chats": {"about": "This page lists all chats from this export.", "list": [other, single]},
        }
    ).encode()


SMS_XML = """<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
<smses count="5">
  <sms protocol="0" address="+44 7700 900123" date="1768381260000" type="2" body="Hi" read="1" status="-1" contact_name="Alex" />
  <sms protocol="0" address="07700900123" date="1768381500000" type="1" body="Hello" read="1" status="-1" contact_name="(Unknown)" />
  <sms protocol="0" address="+1 555 0100" date="1768381600000" type="1" body="Other" contact_name="Jo" />
  <sms protocol="0" address="+447700900123" date="1768381700000" type="3" body="draft" contact_name="Alex" />
  <mms date="1768390000000" msg_box="1" address="+447700900123" contact_name="Alex">
    <parts><part seq="0" ct="text/plain" text="pic" /></parts>
    <addrs><addr address="+447700900123" type="137" charset="106" /><addr address="+447700900000" type="151" charset="106" /></addrs>
  </mms>
</smses>
"""

CALLS_XML = """<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
<calls count="6">
  <call number="+447700900123" duration="62" date="1768381260000" type="2" contact_name="Alex" />
  <call number="07700 900123" duration="0" date="1768381300000" type="2" contact_name="Alex" />
  <call number="+447700900123" duration="120" date="1768381400000" type="1" contact_name="Alex" />
  <call number="+447700900123" duration="0" date="1768381500000" type="3" contact_name="Alex" />
  <call number="+447700900123" duration="0" date="1768381600000" type="5" contact_name="Alex" />
  <call number="+15550100" duration="30" date="1768381700000" type="1" contact_name="Jo" />
</calls>
"""


def _latin1_escaped(text: str) -> str:
    return text.encode("utf-8").decode("latin-1")


def meta_thread(*, instagram: bool = False) -> bytes:
    zoe, sam = _latin1_escaped("Zoë"), "Sam"
    data = {
        "participants": [{"name": zoe}, {"name": sam}],
        "messages": [
            {"sender_name": zoe, "timestamp_ms": 1768471200000, "call_duration": 0, "content": "Missed call"},
            {"sender_name": sam, "timestamp_ms": 1768384800000, "call_duration": 300, "content": "Call"},
            {"sender_name": zoe, "timestamp_ms": 1768381500000, "content": _latin1_escaped("Ça va? 😊")},
            {"sender_name": sam, "timestamp_ms": 1768381260000, "content": "Hi"},
        ],
        "title": zoe,
        "is_still_participant": True,
        "thread_path": "inbox/zoe_123",
    }
    if instagram:
        data["messages"][2]["is_geoblocked_for_viewer"] = False  # type: ignore[index]
    return json.dumps(data).encode()


# --- Files made to hurt (issue 14): each must end in a clear error or a counted skip, never a crash. ----


def nested(kind: str, levels: int = 30_000) -> tuple[str, bytes]:
    """A file name and a document whose messages nest ``levels`` arrays deep: `{"messages": [[[[...]]]]}`."""
    deep = b"[" * levels + b"]" * levels
    if kind == "telegram":
        return "result.json", b'{"name": "Alex", "type": "personal_chat", "messages": ' + deep + b"}"
    if kind == "telegram-full":
        return (
            "result.json",
            b'{"personal_information": {"first_name": "Sam"}, "chats": {"list": [{"name": "Alex", "messages": '
            + deep
            + b"}]}}",
        )
    participants = b'{"participants": [{"name": "Alex"}, {"name": "Sam"}], "messages": '
    if kind == "messenger":
        return "message_1.json", participants + deep + b"}"
    if kind == "instagram":
        return "your_instagram_activity/messages/inbox/alex_1/message_1.json", participants + deep + b"}"
    raise ValueError(kind)


def write_long_line(path, megabytes: int = 300) -> None:
    """A WhatsApp chat whose second line is ``megabytes`` long, written without holding it in memory."""
    block = b"x" * (1024 * 1024)
    with open(path, "wb") as f:
        f.write(b"13/01/2026, 08:00 - Alex: hello\n13/01/2026, 08:01 - Sam: ")
        for _ in range(megabytes):
            f.write(block)
        f.write(b"\n")


def zip_declaring_less(name: str, content: bytes, declared: int) -> bytes:
    """A zip whose directory says its member is ``declared`` bytes, fewer than it really holds."""
    import io
    import struct
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, content)
    data = bytearray(buffer.getvalue())
    real, fake = struct.pack("<I", len(content)), struct.pack("<I", declared)
    assert data[22:26] == real  # the local header's uncompressed size
    data[22:26] = fake
    directory = data.find(b"PK\x01\x02")
    assert data[directory + 24 : directory + 28] == real  # the central directory's
    data[directory + 24 : directory + 28] = fake
    return bytes(data)


SMS_IMPOSSIBLE_DATES = """<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
<smses count="4">
  <sms protocol="0" address="+44 7700 900123" date="1768381260000" type="2" body="Hi" contact_name="Alex" />
  <sms protocol="0" address="+44 7700 900123" date="99999999999999999999" type="1" body="?" contact_name="Alex" />
  <sms protocol="0" address="+44 7700 900123" date="-1768381500000" type="1" body="?" contact_name="Alex" />
  <sms protocol="0" address="+44 7700 900123" date="1768381700000" type="1" body="Bye" contact_name="Alex" />
</smses>
"""
