"""The alert's ways: each builds an address that the real apprise reads back as what the person typed."""

from __future__ import annotations

import apprise
import pytest
from hypothesis import given
from hypothesis import strategies as st

from nocontact.domain.alert_ways import FIELDS, WAYS, WayProblem, build, recognise

SID, SECRET = "AC" + "0123456789abcdef" * 2, "f" * 32
BOT = "123456789:AAHabcdefghijklmnopqrstuvwxyz012345"


def _read(address: str) -> object:
    plugin = apprise.Apprise.instantiate(address)
    assert plugin is not None, address
    return plugin


def test_every_way_has_fields():
    assert set(WAYS) == set(FIELDS)


def test_email_through_a_known_provider_and_through_ones_own_server():
    plain = _read(build("email", {"to": "sam@example.org", "sender": "robin@gmail.com", "password": "app pw/@:1"}))
    assert (plain.user, plain.password, plain.smtp_host) == ("robin@gmail.com", "app pw/@:1", "smtp.gmail.com")
    assert plain.targets == [(False, "sam@example.org")]
    assert plain.from_addr == (False, "robin@gmail.com")  # from them, not from "Apprise"
    own = _read(
        build(
            "email",
            {
                "to": "sam@example.org",
                "sender": "robin@example.org",
                "password": "pw",
                "server": "mail.example.org:465",
            },
        )
    )
    assert (own.smtp_host, own.port, own.secure_mode) == ("mail.example.org", 465, "ssl")


@pytest.mark.parametrize(
    ("server", "host", "port", "secure"),
    [
        ("ntfy.sh", "ntfy.sh", None, True),
        ("https://ntfy.example.org/", "ntfy.example.org", None, True),
        ("http://127.0.0.1:8080", "127.0.0.1", 8080, False),
        ("NTFY.Example.org:8443", "ntfy.example.org", 8443, True),
        ("[::1]:2586", "::1", 2586, True),
    ],
)
def test_ntfy_server_as_people_write_it(server, host, port, secure):
    plugin = _read(build("ntfy", {"server": server, "topic": "robin-alerts"}))
    assert (plugin.host.strip("[]"), plugin.port, plugin.secure, plugin.topics) == (
        host,
        port,
        secure,
        ["robin-alerts"],
    )


def test_signal_telegram_matrix_and_sms():
    signal = _read(
        build("signal", {"server": "http://192.168.1.5:8080", "sender": "+44 7700 900123", "to": "0044 7700 900456"})
    )
    assert (signal.source, signal.targets, signal.secure) == ("+447700900123", ["+447700900456"], False)
    telegram = _read(build("telegram", {"bot": BOT, "chat": "-100987654321"}))
    assert (telegram.bot_token, telegram.targets) == (BOT, [(-100987654321, None)])
    room = _read(
        build(
            "matrix",
            {"to": "#friends:matrix.org", "server": "matrix.org", "sender": "@robin:matrix.org", "password": "p@ss:/"},
        )
    )
    assert (room.user, room.password, room.rooms, room.secure) == ("robin", "p@ss:/", ["#friends:matrix.org"], True)
    person = _read(
        build("matrix", {"to": "@sam:matrix.org", "server": "matrix.org", "sender": "robin", "password": "p"})
    )
    assert person.users == ["@sam:matrix.org"]
    sms = _read(build("sms", {"to": "+1 (555) 765-4321", "sender": "+15551234567", "account": SID, "secret": SECRET}))
    assert (sms.source, sms.targets) == ("+15551234567", [("T", "+15557654321")])


@pytest.mark.parametrize(
    ("way", "fields", "field", "problem"),
    [
        ("ntfy", {"server": "ntfy.sh", "topic": ""}, "topic", "missing"),
        ("ntfy", {"server": "", "topic": "a"}, "server", "missing"),
        ("ntfy", {"server": "ntfy.sh", "topic": "two words"}, "topic", "topic"),
        ("ntfy", {"server": "evil host", "topic": "a"}, "server", "server"),
        ("ntfy", {"server": "ntfy.sh/elsewhere", "topic": "a"}, "server", "server"),
        ("ntfy", {"server": "user@ntfy.sh", "topic": "a"}, "server", "server"),
        ("ntfy", {"server": "ntfy.sh:99999", "topic": "a"}, "server", "server"),
        ("ntfy", {"server": "x" * 5000, "topic": "a"}, "server", "too_long"),
        ("email", {"to": "sam", "sender": "robin@example.org", "password": "p"}, "to", "email"),
        ("email", {"to": "sam@example.org", "sender": "robin@example.org", "password": ""}, "password", "missing"),
        ("signal", {"server": "s.example.org", "sender": "123", "to": "+447700900456"}, "sender", "phone"),
        ("telegram", {"bot": "not a token", "chat": "1"}, "bot", "bot"),
        ("telegram", {"bot": BOT, "chat": "a chat"}, "chat", "chat"),
        ("matrix", {"to": "sam", "server": "matrix.org", "sender": "r", "password": "p"}, "to", "matrix"),
        (
            "sms",
            {"to": "+15557654321", "sender": "+15551234567", "account": "AB1", "secret": SECRET},
            "account",
            "sms_account",
        ),
        ("other", {"address": "not an address"}, "address", "address"),
        ("other", {"address": "json://" + "x" * 600}, "address", "too_long"),
        ("carrier pigeon", {}, "way", "way"),
    ],
)
def test_each_problem_names_its_field(way, fields, field, problem):
    with pytest.raises(WayProblem) as caught:
        build(way, fields)
    assert (caught.value.field, caught.value.problem) == (field, problem)


def test_stored_addresses_are_read_back_only_when_exact():
    made = build("ntfy", {"server": "http://127.0.0.1:8080", "topic": "t"})
    assert recognise(made) == ("ntfy", {"server": "http://127.0.0.1:8080", "topic": "t"})
    email = build(
        "email", {"to": "s@example.org", "sender": "r@example.org", "password": "p", "server": "m.example.org"}
    )
    assert recognise(email)[0] == "email"
    # Typed by hand before there were ways: kept, and shown as "something else".
    for typed in (
        "mailtos://robin:pw@smtp.example.org?to=robin@example.org",
        "ntfys://robin-alerts",
        "ntfy://127.0.0.1:8080/t?priority=high",
        "json://127.0.0.1:9/x",
        "",
    ):
        assert recognise(typed) == ("other", {"address": typed})


@given(
    st.sampled_from(["ntfy.sh", "http://10.0.0.2:8080", "https://push.example.org"]),
    st.from_regex(r"[a-zA-Z0-9_-]{1,64}", fullmatch=True),
)
def test_ntfy_round_trips(server, topic):
    address = build("ntfy", {"server": server, "topic": topic})
    assert build(*recognise(address)) == address


@given(st.text(max_size=300))
def test_reading_any_text_never_fails(text):
    way, fields = recognise(text)
    assert way in WAYS
    assert set(fields) <= set(FIELDS[way])
