"""Issue 14, items 4 to 6: nothing personal in plain text at rest, nothing deleted left behind on disk, and
no alert address that makes a hosted server call into its own network."""

from __future__ import annotations

import html
import json
import socket
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

from conftest import RunningApp
from nocontact import messages
from nocontact.boundaries.models import PlanBoundaries
from nocontact.boundaries.services import boundaries_set, check_draft
from nocontact.plans.services import plan_create
from nocontact.registry import user_export
from nocontact.urges import alerts, selectors, services
from nocontact.urges.models import Helper, SupportPerson
from nocontact.urges.tasks import AlertNotSent, send_alert

NOW = datetime(2026, 3, 3, 10, 0, tzinfo=UTC)


def raw_rows(table: str) -> str:
    """Every stored value of a table, as the database holds it."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")
        return json.dumps(cursor.fetchall(), default=str)


# --- Item 4: the circle, the things that help, and boundary topics are encrypted -----------------------


def test_the_support_circle_and_what_helps_never_reach_the_database_as_text(alice, alice_client):
    person = services.support_person_save(
        user=alice,
        name="Robin Markerly",
        phone="+44 7700 900461",
        email="robin.markerly@example.org",
        preferred="text",
        message="Markerly message: could you call me?",
        notify_url="mailtos://robin:Sup3rSecretPw@smtp.example.org?to=robin.markerly@example.org",
        alert_on_pause=True,
    )
    services.helper_add(user=alice, text="Markerly walk by the river")

    stored = raw_rows("urges_supportperson") + raw_rows("urges_helper")
    for plain in ("Markerly", "7700 900461", "Sup3rSecretPw", "example.org"):
        assert plain not in stored

    # Everything still reads back where the person uses it: the circle page, the pause's offline data,
    # the export, and the alert queue.
    circle = html.unescape(alice_client.get(reverse("urges:circle")).content.decode())
    assert "Robin Markerly" in circle
    assert "Markerly walk by the river" in circle
    offline = selectors.pause_data(alice, now=NOW)
    assert offline["circle"][0]["phone"] == "+44 7700 900461"
    assert offline["circle"][0]["message"] == "Markerly message: could you call me?"
    assert offline["helpers"] == ["Markerly walk by the river"]
    exported = user_export(alice, now=NOW)
    assert exported["support_circle"][0]["email"] == "robin.markerly@example.org"
    assert exported["things_that_help"] == ["Markerly walk by the river"]
    assert services.alert_circle(user=alice) == 1
    assert SupportPerson.objects.get(pk=person.pk).notify_url.endswith("?to=robin.markerly@example.org")


def test_the_circle_is_listed_by_name_though_names_are_encrypted(alice, bob):
    for name in ("zoe", "Adam", "mia"):
        services.support_person_save(user=alice, name=name, phone="1", preferred="call")
    services.support_person_save(user=bob, name="Bea", phone="2", preferred="call")
    assert [p.name for p in selectors.circle(alice)] == ["Adam", "mia", "zoe"]


def test_a_circle_entry_copied_to_another_row_cannot_be_read(alice):
    from nocontact.crypto import DecryptionError

    robin = services.support_person_save(user=alice, name="Robin", phone="1", preferred="call")
    sam = services.support_person_save(user=alice, name="Sam", phone="2", preferred="call")
    SupportPerson.objects.filter(pk=sam.pk).update(name_encrypted=robin.name_encrypted)
    with pytest.raises(DecryptionError):
        _ = SupportPerson.objects.get(pk=sam.pk).name


def test_boundary_topics_and_own_words_never_reach_the_database_as_text(alice, now):
    plan = plan_create(user=alice, name="Co-parent", started_at=datetime(2026, 1, 1, tzinfo=UTC), tz="UTC",
                       mode="minimal", now=now)  # fmt: skip
    boundaries_set(plan=plan, topics=["children", "legal"], own_topics={"markerball": ["markertraining", "match"]})

    stored = raw_rows(PlanBoundaries._meta.db_table)
    for plain in ("children", "legal", "markerball", "markertraining"):
        assert plain not in stored

    row = PlanBoundaries.objects.select_related("plan__user").get(plan=plan)
    assert row.topics == ["children", "legal"]
    assert row.own_topics == {"markerball": ["markertraining", "match"]}
    # The checker still uses them: the person's own topic is allowed, anything else is off topic.
    assert check_draft(text="Markertraining moved to Thursday", plan=plan, now=NOW).verdict == "ok"
    assert check_draft(text="I've paid the gas bill.", plan=plan, now=NOW).kinds == ("off_topic",)
    exported = user_export(alice, now=NOW)["plans"][0]["boundaries"]
    assert exported["own_topics"] == {"markerball": ["markertraining", "match"]}


@pytest.mark.django_db(transaction=True)
def test_the_migrations_encrypt_what_was_stored_in_plain_text_before():
    from django.db.migrations.executor import MigrationExecutor

    before = [("urges", "0001_initial"), ("plans", "0004_slip_index_covers_channel")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    executor.loader.build_graph()  # what is applied now
    old = executor._create_project_state(with_applied_migrations=True).apps
    user = old.get_model("accounts", "User").objects.create(username="kept-1234", password="!")
    plan = old.get_model("plans", "Plan").objects.create(
        user=user, name="Jo", mode="minimal", started_at=datetime(2026, 1, 1, tzinfo=UTC)
    )
    old.get_model("plans", "PlanBoundaries").objects.create(
        plan=plan, topics=["money"], own_topics={"oldtopic": ["oldword"]}, channels=["text"]
    )
    old.get_model("urges", "SupportPerson").objects.create(
        user=user, name="Old Robin", phone="555 0199", preferred="call", message="old words",
        notify_url="json://user:OldPassw0rd@hooks.example.org/a", alert_on_pause=True,
    )  # fmt: skip
    old.get_model("urges", "Helper").objects.create(user=user, text="an old song")

    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    stored = raw_rows("urges_supportperson") + raw_rows("urges_helper") + raw_rows(PlanBoundaries._meta.db_table)
    for plain in ("Old Robin", "555 0199", "old words", "OldPassw0rd", "an old song", "money", "oldtopic"):
        assert plain not in stored
    person = SupportPerson.objects.select_related("user").get()
    assert (person.name, person.phone, person.message) == ("Old Robin", "555 0199", "old words")
    assert person.notify_url == "json://user:OldPassw0rd@hooks.example.org/a"
    assert Helper.objects.select_related("user").get().text == "an old song"
    row = PlanBoundaries.objects.select_related("plan__user").get()
    assert (row.topics, row.own_topics, row.channels) == (["money"], {"oldtopic": ["oldword"]}, ["text"])

    # Going back (an operator rolling back a release) decrypts them again: nothing is lost either way.
    executor.loader.build_graph()
    executor.migrate(before)
    executor.loader.build_graph()
    old = executor._create_project_state(with_applied_migrations=True).apps
    back = old.get_model("urges", "SupportPerson").objects.get()
    assert (back.name, back.notify_url) == ("Old Robin", "json://user:OldPassw0rd@hooks.example.org/a")
    assert old.get_model("plans", "PlanBoundaries").objects.get().own_topics == {"oldtopic": ["oldword"]}
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


# --- Item 5: deleted text does not linger in SQLite's files; an erased account's key is gone ------------


def _sqlite_files(env: dict[str, str]) -> list[Path]:
    return sorted(Path(env["NOCONTACT_DATA_DIR"]).glob("nocontact.sqlite3*"))


def _stored(env: dict[str, str], sql: str) -> list[str]:
    """Read stored values straight from the file, beside the running server (whose connections stay open,
    so closing this one checkpoints nothing)."""
    conn = sqlite3.connect(Path(env["NOCONTACT_DATA_DIR"]) / "nocontact.sqlite3")
    try:
        return [row[0] for row in conn.execute(sql)]
    finally:
        conn.close()


def _found(needles: list[str], files: list[Path]) -> list[str]:
    return [f"{n[:20]}... in {p.name}" for p in files for n in needles if n.encode() in p.read_bytes()]


def test_deleted_rows_and_an_erased_account_leave_nothing_in_sqlites_files(scratch_env):
    if "DATABASE_URL" in scratch_env or scratch_env.get("NOCONTACT_DATABASE_URL"):
        pytest.skip("SQLite's files only; PostgreSQL's leftovers are documented in docs/privacy-and-security.md")
    from tests.webclient import WebClient, api_call

    app = RunningApp(scratch_env)
    try:
        web = WebClient(app.url)
        password = "a long harbour walk 5"
        status, _, _ = web.post("/signup/", {"username": "gone", "password1": password, "password2": password})
        assert status == 302
        _, body, _ = web.post_form("/account/", "/account/tokens/", {"name": "at rest"})
        import re

        token = re.search(r'id="raw-token">([^<]+)<', body).group(1)
        status, entry = api_call(app.url, token, "POST", "/api/v1/journal", {"text": "the words to forget"})
        assert status == 201
        assert web.post("/circle/", {"person-name": "Robin", "person-phone": "1", "person-preferred": "call"})[0] == 302

        secrets_stored = _stored(scratch_env, "SELECT text_encrypted FROM journal_journalentry")
        secrets_stored += _stored(scratch_env, "SELECT name_encrypted FROM urges_supportperson")
        assert len(secrets_stored) == 2
        assert all(s.startswith("v1:") for s in secrets_stored)
        assert _found(secrets_stored, _sqlite_files(scratch_env))  # the test can see them while they exist

        assert api_call(app.url, token, "DELETE", f"/api/v1/journal/{entry['id']}")[0] == 204
        person = _stored(scratch_env, "SELECT public_id FROM urges_supportperson")[0]
        assert web.post_form("/circle/", f"/circle/{person}/delete/", {})[0] == 302
        assert _found(secrets_stored, _sqlite_files(scratch_env)) == []

        # Erasing the account deletes its wrapped data key, and that leaves the files too.
        wrapped = _stored(scratch_env, "SELECT wrapped_key FROM accounts_user")
        assert len(wrapped) == 1
        assert wrapped[0]
        status, _, _ = web.post("/account/delete/", {"confirmation": "erase everything"})
        assert status == 200
        assert _stored(scratch_env, "SELECT wrapped_key FROM accounts_user") == []
        assert _found(wrapped, _sqlite_files(scratch_env)) == []
    finally:
        app.stop()


def test_every_sqlite_connection_overwrites_what_it_deletes(db):
    if connection.vendor != "sqlite":
        pytest.skip("a SQLite setting")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA secure_delete")
        assert cursor.fetchone()[0] == 1


def test_a_checkpoint_does_not_change_how_long_the_connection_waits(db):
    from nocontact.wipe import checkpoint_now

    checkpoint_now()  # inside the test's transaction SQLite refuses it: the waiting time is restored anyway
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] == 30000


def test_erasing_an_account_deletes_its_wrapped_data_key(alice, alice_plan):
    from nocontact.accounts.services import user_delete

    wrapped = type(alice).objects.get(pk=alice.pk).wrapped_key
    assert wrapped  # the plan's reason made one
    user_delete(user=alice, confirmation="erase everything")
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM accounts_user WHERE wrapped_key = %s", [wrapped])
        assert cursor.fetchone()[0] == 0


# --- Item 6: alert addresses may not point into the server's own network (hosted) ----------------------

PRIVATE_TARGETS = [
    "json://127.0.0.1:8000/x",
    "json://localhost/x",
    "json://[::1]:8000/x",
    "json://10.1.2.3/hook",
    "xml://192.168.1.20/hook",
    "form://172.16.0.9/hook",
    "json://169.254.169.254/latest/meta-data",
    "json://[fe80::1]/x",
    "json://[fd00::5]/x",
    "json://[::ffff:127.0.0.1]/x",
    "json://[64:ff9b::a00:1]/x",  # 10.0.0.1 through NAT64
    "json://[2002:7f00:1::]/x",  # 127.0.0.1 through 6to4
    "json://0.0.0.0/x",
    "json://224.0.0.1/x",
    "json://240.0.0.1/x",
    "json://100.64.0.1/x",
    "json://2130706433/x",  # 127.0.0.1, written as one number
    "mailto://me:pw@example.org?smtp=10.0.0.5&to=friend@example.org",
    "ntfy://127.0.0.1/topic",
]


@pytest.fixture
def hosted(settings):
    settings.HOSTED = True
    settings.ALERTS_ALLOW_PRIVATE = False
    return settings


@pytest.fixture
def resolver(monkeypatch):
    """A fake name service: names in ``answers`` resolve as told (a list, used in turn); others fail.
    No request leaves the machine."""
    answers: dict[str, list[str]] = {}
    real = alerts._real_getaddrinfo

    def fake(host, port, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else str(host)
        if name in answers:
            address = answers[name].pop(0) if len(answers[name]) > 1 else answers[name][0]
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port or 0))]
        try:
            socket.inet_pton(socket.AF_INET6 if ":" in name else socket.AF_INET, name)
        except OSError:
            if name not in {"localhost"} and not name.isdigit():
                raise socket.gaierror(socket.EAI_NONAME, "no such name (test)") from None
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(alerts, "_real_getaddrinfo", fake)
    return answers


def post_person(client, url):
    data = {"person-name": "Robin", "person-phone": "1", "person-preferred": "call", "person-notify_url": url,
            "person-alert_on_pause": "on"}  # fmt: skip
    return client.post(reverse("urges:circle"), data)


@pytest.mark.parametrize("url", PRIVATE_TARGETS)
def test_hosted_refuses_alert_addresses_inside_its_own_network(hosted, resolver, alice_client, url):
    response = post_person(alice_client, url)
    assert response.status_code == 400
    assert messages.SUPPORT_PRIVATE_URL in html.unescape(response.content.decode())
    assert not SupportPerson.objects.exists()


def test_hosted_refuses_a_name_that_resolves_inside_its_network(hosted, resolver, alice_client):
    resolver["hooks.example.org"] = ["10.20.30.40"]
    assert post_person(alice_client, "json://hooks.example.org/alert").status_code == 400
    resolver["hooks.example.org"] = ["93.184.216.34"]
    assert post_person(alice_client, "json://hooks.example.org/alert").status_code == 302
    # Services whose address holds a token, not a server, are not mistaken for one.
    assert post_person(alice_client, "discord://1234/abcd").status_code == 302
    assert post_person(alice_client, "tgram://123456789:AAbbcc/12345").status_code == 302


def test_the_operator_may_allow_private_targets_and_local_use_allows_them(settings, resolver, alice_client):
    settings.HOSTED, settings.ALERTS_ALLOW_PRIVATE = True, True
    assert post_person(alice_client, "json://127.0.0.1:8000/x").status_code == 302
    settings.HOSTED, settings.ALERTS_ALLOW_PRIVATE = False, False
    assert post_person(alice_client, "json://10.1.2.3/x").status_code == 302


def test_at_send_a_name_that_now_resolves_inside_the_network_is_refused(settings, resolver, webhook, alice):
    port, got = webhook
    settings.HOSTED, settings.ALERTS_ALLOW_PRIVATE = True, False
    resolver["friend.example.org"] = ["93.184.216.34"]  # public when saved
    person = services.support_person_save(
        user=alice, name="Robin", phone="1", preferred="call",
        notify_url=f"json://friend.example.org:{port}/a", alert_on_pause=True,
    )  # fmt: skip
    resolver["friend.example.org"] = ["127.0.0.1"]  # and the server's own machine when sent
    with pytest.raises(AlertNotSent):
        send_alert.call(person.pk)
    # Rebinding: public for the check before sending, the server's own machine when connecting.
    resolver["friend.example.org"] = ["93.184.216.34", "127.0.0.1"]
    with pytest.raises(AlertNotSent):
        send_alert.call(person.pk)
    assert got == []

    # The same address, allowed by the operator, does arrive: the refusals above were the guard.
    settings.ALERTS_ALLOW_PRIVATE = True
    resolver["friend.example.org"] = ["127.0.0.1"]
    assert send_alert.call(person.pk)
    assert got
    assert got[-1]["title"] == messages.ALERT_TITLE


def _upload(web, plan_path: str, name: str, content: bytes) -> tuple[int, str, dict[str, str]]:
    """Send an export through the import form, as a browser would (multipart)."""
    import re
    import urllib.request

    page_path = f"{plan_path}import/"
    _, body, _ = web.get(page_path)
    token = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)[0]
    boundary = "----nocontact-at-rest"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in {"csrfmiddlewaretoken": token, "person": "Alex", "format": "auto"}.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        "Content-Type: text/plain\r\n\r\n".encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    request = urllib.request.Request(  # noqa: S310
        web.base + page_path,
        data=b"".join(parts),
        method="POST",
        headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Origin": web.base,
            "Referer": web.base + page_path,
        },
    )
    return web._send(request)


def test_a_cancelled_or_undone_import_leaves_nothing_in_sqlites_files(scratch_env):
    if "DATABASE_URL" in scratch_env or scratch_env.get("NOCONTACT_DATABASE_URL"):
        pytest.skip("SQLite's files only; PostgreSQL's leftovers are documented in docs/privacy-and-security.md")
    from tests.data import exports
    from tests.webclient import WebClient

    app = RunningApp(scratch_env)
    try:
        web = WebClient(app.url)
        password = "a long harbour walk 5"
        assert web.post("/signup/", {"username": "imp", "password1": password, "password2": password})[0] == 302
        plan = {"name": "Alex", "mode": "strict", "started_at": "2025-12-01T09:00", "tz": "UTC", "goal_days": "30"}
        status, _, headers = web.post("/plans/new/", plan)
        assert status == 302
        plan_path = headers["Location"]
        chat = exports.WHATSAPP_ANDROID_DMY.encode()

        # Previewed, then cancelled: the sealed entries and the summary (which names the person) go.
        status, _, headers = _upload(web, plan_path, "WhatsApp Chat with Alex.txt", chat)
        assert status == 302, app.output()
        preview = headers["Location"]
        sealed = _stored(scratch_env, "SELECT pending_encrypted || ' ' || summary_encrypted FROM imports_importbatch")
        sealed = sealed[0].split(" ")
        assert len(sealed) == 2
        assert all(s.startswith("v1:") for s in sealed)
        assert _found(sealed, _sqlite_files(scratch_env))  # the test can see them while they exist
        assert web.post(preview, {"action": "cancel"})[0] == 302
        assert _stored(scratch_env, "SELECT public_id FROM imports_importbatch") == []
        assert _found(sealed, _sqlite_files(scratch_env)) == []

        # Imported, then undone: the imported rows go from the files too, not only from the table.
        status, _, headers = _upload(web, plan_path, "WhatsApp Chat with Alex.txt", chat)
        assert status == 302
        preview = headers["Location"]
        assert web.post(preview, {"action": "import"})[0] == 302
        keys = _stored(scratch_env, "SELECT import_key FROM plans_contact")
        assert len(keys) >= 2
        assert all(keys)
        assert _found(keys, _sqlite_files(scratch_env))
        assert web.post_form(plan_path, f"{preview}undo/", {})[0] == 302
        assert _stored(scratch_env, "SELECT import_key FROM plans_contact") == []
        assert _found(keys, _sqlite_files(scratch_env)) == []
    finally:
        app.stop()
