"""The circle's alert set up by choosing a way and filling in plain fields, and "Send a test" sent for real.

Every alert here goes to a real HTTP server on this machine (json:// and ntfy:// over http); nothing leaves it.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.db import connection
from django.urls import reverse

from conftest import free_port, page
from nocontact import messages
from nocontact.urges import services
from nocontact.urges.models import SupportPerson

CIRCLE = reverse("urges:circle")


@pytest.fixture
def receiver():
    """A local HTTP server that keeps every JSON body posted to it, with the path it was posted to."""
    got: list[tuple[str, dict]] = []

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self):
            got.append((self.path, json.loads(self.rfile.read(int(self.headers["Content-Length"])))))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    port = free_port()
    server = HTTPServer(("127.0.0.1", port), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield port, got
    server.shutdown()
    server.server_close()


def person(**fields):
    return {"person-name": "Robin", "person-phone": "+44 7700 900123", "person-preferred": "text"} | {
        f"person-{k}": v for k, v in fields.items()
    }


def test_ntfy_by_its_plain_fields_is_stored_encrypted_and_named(alice_client, alice):
    response = alice_client.post(
        CIRCLE, person(way="ntfy", ntfy_server="https://push.example.org", ntfy_topic="robin-7fq2", alert_on_pause="on")
    )
    assert response.status_code == 302
    robin = SupportPerson.objects.get()
    robin.user = alice
    assert robin.notify_url == "ntfys://push.example.org/robin-7fq2"
    assert robin.alert_on_pause
    with connection.cursor() as cursor:
        cursor.execute("SELECT notify_url_encrypted FROM urges_supportperson")
        assert "robin-7fq2" not in cursor.fetchone()[0]
    body = page(alice_client.get(CIRCLE))
    assert "alert by ntfy" in body
    assert "Send a test" in body


def test_their_address_defaults_to_the_one_above(alice_client, alice):
    data = person(way="email", email_sender="me@gmail.com", email_password="app pw") | {"person-email": "r@example.org"}
    assert alice_client.post(CIRCLE, data).status_code == 302
    robin = SupportPerson.objects.get()
    robin.user = alice
    assert "to=r%40example.org" in robin.notify_url


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"way": "ntfy", "ntfy_server": "ntfy.sh", "ntfy_topic": ""}, messages.ALERT_WAY_PROBLEMS["missing"]),
        ({"way": "ntfy", "ntfy_server": "not a host", "ntfy_topic": "t"}, messages.ALERT_WAY_PROBLEMS["server"]),
        ({"way": "ntfy", "ntfy_server": "ntfy.sh", "ntfy_topic": "x" * 100_000}, "at most 200 characters"),
        ({"way": "telegram", "telegram_bot": "123", "telegram_chat": "1"}, messages.ALERT_WAY_PROBLEMS["bot"]),
        (
            {"way": "sms", "sms_to": "12", "sms_sender": "1", "sms_account": "AC1", "sms_secret": "s"},
            messages.ALERT_WAY_PROBLEMS["phone"],
        ),
        ({"ntfy_topic": "robin-7fq2"}, messages.ALERT_WAY_UNCHOSEN),
        ({"way": "carrier-pigeon"}, "Select a valid choice"),
    ],
)
def test_bad_details_are_said_plainly_and_nothing_typed_is_lost(alice_client, fields, words):
    response = alice_client.post(CIRCLE, person(**fields) | {"person-message": "Call me, please"})
    assert response.status_code == 400
    body = page(response)
    assert words in body
    assert "Call me, please" in body
    if fields.get("ntfy_topic") == "robin-7fq2":
        assert 'value="robin-7fq2"' in response.content.decode()
    assert "Traceback" not in body
    assert not SupportPerson.objects.exists()


def test_an_address_typed_before_the_ways_keeps_working_and_is_recognised_when_it_can_be(alice, alice_client):
    services.support_person_save(
        user=alice, name="Old", phone="1", preferred="call", notify_url="json://127.0.0.1:9/x", alert_on_pause=True
    )
    services.support_person_save(
        user=alice, name="Clean", phone="2", preferred="call", notify_url="ntfys://ntfy.sh/robin-7fq2"
    )
    body = page(alice_client.get(CIRCLE))
    assert "alert by something else" in body
    assert "alert by ntfy" in body


def test_send_a_test_over_json_and_ntfy_to_a_real_local_server(alice, alice_client, receiver):
    port, got = receiver
    alice_client.post(CIRCLE, person(way="other", notify_url=f"json://127.0.0.1:{port}/hook"))
    alice_client.post(
        CIRCLE, person(name="Sam", way="ntfy", ntfy_server=f"http://127.0.0.1:{port}", ntfy_topic="sam-alerts")
    )
    robin, sam = SupportPerson.objects.order_by("created_at")
    response = alice_client.post(reverse("urges:person_test", args=[robin.public_id]), follow=True)
    assert messages.ALERT_TEST_SENT.format(name="Robin") in page(response)
    assert got[-1][0] == "/hook"
    assert got[-1][1]["title"] == messages.ALERT_TEST_TITLE
    assert got[-1][1]["message"] == messages.ALERT_TEST_BODY
    response = alice_client.post(reverse("urges:person_test", args=[sam.public_id]), follow=True)
    assert messages.ALERT_TEST_SENT.format(name="Sam") in page(response)
    assert got[-1][1]["topic"] == "sam-alerts"
    assert got[-1][1]["title"] == messages.ALERT_TEST_TITLE


def test_a_test_that_does_not_arrive_says_so_without_the_error(alice, alice_client):
    closed = free_port()  # nothing listens there
    alice_client.post(CIRCLE, person(way="ntfy", ntfy_server=f"http://127.0.0.1:{closed}", ntfy_topic="t"))
    robin = SupportPerson.objects.get()
    body = page(alice_client.post(reverse("urges:person_test", args=[robin.public_id]), follow=True))
    assert messages.ALERT_TEST_NOT_SENT.format(name="Robin") in body
    for raw in ("Connection", "refused", "Errno", "127.0.0.1"):
        assert raw not in body


def test_a_hosted_server_does_not_test_into_its_own_network(settings, alice, alice_client, receiver):
    port, got = receiver
    robin = services.support_person_save(
        user=alice, name="Robin", phone="1", preferred="call", notify_url=f"json://127.0.0.1:{port}/a"
    )
    settings.HOSTED, settings.ALERTS_ALLOW_PRIVATE = True, False
    body = page(alice_client.post(reverse("urges:person_test", args=[robin.public_id]), follow=True))
    assert messages.ALERT_TEST_PRIVATE.format(name="Robin") in body
    assert got == []


def test_only_the_owner_can_test_and_only_by_post(alice, alice_client, bob_client, receiver):
    port, got = receiver
    robin = services.support_person_save(
        user=alice, name="Robin", phone="1", preferred="call", notify_url=f"json://127.0.0.1:{port}/a"
    )
    url = reverse("urges:person_test", args=[robin.public_id])
    assert bob_client.post(url).status_code == 404
    assert alice_client.get(url).status_code == 405
    assert got == []
