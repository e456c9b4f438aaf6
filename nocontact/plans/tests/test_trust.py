"""Issue 15 in the Django client: nothing logs, resets or shows by accident on the plan pages."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser

import pytest
import time_machine
from django.urls import reverse

from conftest import page
from nocontact.accounts.models import User
from nocontact.plans import services
from nocontact.plans.models import Contact, Plan

NOW = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)
SIXTY_TWO_DAYS_AGO = NOW - timedelta(days=62, hours=1)
FORBIDDEN = re.compile(r"\b(contact|ex|urge|safety)\b", re.IGNORECASE)


class _Choices(HTMLParser):
    """Every radio button and every <select> of a page: which are chosen before anyone touches them."""

    def __init__(self) -> None:
        super().__init__()
        self.checked_radios: list[str] = []
        self.selects: dict[str, list[tuple[str, bool]]] = {}
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "input" and a.get("type") == "radio" and "checked" in a:
            self.checked_radios.append(f"{a.get('name')}={a.get('value')}")
        elif tag == "select":
            self._select = a.get("id") or a.get("name") or "?"
            self.selects[self._select] = []
        elif tag == "option" and self._select is not None:
            self.selects[self._select].append((a.get("value") or "", "selected" in a))

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None

    def preselected(self) -> list[str]:
        chosen = list(self.checked_radios)
        for name, options in self.selects.items():
            picked = [value for value, selected in options if selected] or [options[0][0] if options else ""]
            if picked[-1]:
                chosen.append(f"{name}={picked[-1]}")
        return chosen


def preselected(html: str) -> list[str]:
    parser = _Choices()
    parser.feed(html)
    return parser.preselected()


def seen_at_a_glance(html: str) -> str:
    """What a glance at the page shows: the title and the text, without what stays folded until tapped."""
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    body = html.split("<body", 1)[1]
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    while True:  # folded <details>: only the <summary> shows (innermost first)
        folded = re.sub(
            r"<details\b(?![^>]*\bopen\b)[^>]*>\s*(<summary\b.*?</summary>)(?:(?!<details\b).)*?</details>",
            r"\1",
            body,
            flags=re.S,
        )
        if folded == body:
            break
        body = folded
    text = re.sub(r"<[^>]+>", " ", body)
    return " ".join(((title.group(1) if title else "") + " " + text).split())


@pytest.fixture
def long_run(alice):
    return services.plan_create(
        user=alice, name="Kit", started_at=SIXTY_TWO_DAYS_AGO, tz="America/Los_Angeles", now=NOW, reason="Quiet nights."
    )


@pytest.fixture
def minimal_plan(alice):
    return services.plan_create(
        user=alice, name="Robin", started_at=NOW - timedelta(days=12, hours=1), tz="UTC", mode="minimal", now=NOW
    )


# --- Item 4: one tap can wipe a long run ---------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_no_choice_is_preselected_in_any_logging_form(alice_client, long_run, minimal_plan):
    dashboard = page(alice_client.get(reverse("plans:dashboard")))
    assert dashboard.count('name="direction"') >= 6  # both cards offer the choice, as radios
    assert preselected(dashboard) == []
    for plan in (long_run, minimal_plan):
        form = page(alice_client.get(reverse("plans:contact_create", args=[plan.public_id])))
        assert 'name="direction"' in form
        assert preselected(form) == [], plan.mode


@time_machine.travel(NOW, tick=False)
def test_the_quick_log_asks_for_each_choice_and_logs_nothing_without_them(alice_client, long_run):
    url = reverse("plans:contact_quick_log_hx", args=[long_run.public_id])
    response = alice_client.post(url, {"confirm": "on"}, HTTP_HX_REQUEST="true")
    assert "Please choose how, and who reached out." in page(response)
    assert not Contact.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_a_slip_from_the_quick_log_says_what_it_does_first_and_can_be_undone(alice_client, long_run):
    url = reverse("plans:contact_quick_log_hx", args=[long_run.public_id])
    asked = page(alice_client.post(url, {"channel": "call", "direction": "outgoing"}, HTTP_HX_REQUEST="true"))
    assert "This ends your 62-day run; the days you kept stay counted." in asked
    assert 'data-testid="current-streak">62<' in asked  # nothing has changed yet
    assert not Contact.objects.exists()

    done = page(
        alice_client.post(url, {"channel": "call", "direction": "outgoing", "confirm": "on"}, HTTP_HX_REQUEST="true")
    )
    contact = Contact.objects.get()
    assert 'data-testid="current-streak">0<' in done
    undo_url = reverse("plans:contact_undo_hx", args=[contact.public_id])
    assert f'action="{undo_url}"' in done  # offered right there, on the card

    undone = page(alice_client.post(undo_url, HTTP_HX_REQUEST="true"))
    assert "Taken back out of your log" in undone
    assert 'data-testid="current-streak">62<' in undone
    assert not Contact.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_without_javascript_the_slip_is_confirmed_on_a_page_and_undo_waits_on_the_card(alice_client, long_run):
    url = reverse("plans:contact_quick_log_hx", args=[long_run.public_id])
    confirm = alice_client.post(url, {"channel": "text", "direction": "both"})
    assert confirm.status_code == 200
    body = page(confirm)
    assert "This ends your 62-day run; the days you kept stay counted." in body
    assert 'name="confirm"' in body
    assert 'value="both"' in body
    assert not Contact.objects.exists()

    done = alice_client.post(url, {"channel": "text", "direction": "both", "confirm": "on"}, follow=True)
    contact = Contact.objects.get()
    undo_url = reverse("plans:contact_undo_hx", args=[contact.public_id])
    assert f'action="{undo_url}"' in page(done)
    back = alice_client.post(undo_url, follow=True)
    assert "Taken back out of your log" in page(back)
    assert f'action="{undo_url}"' not in page(back)
    assert not Contact.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_an_unanswered_message_is_logged_at_once_it_changes_no_run(alice_client, long_run):
    url = reverse("plans:contact_quick_log_hx", args=[long_run.public_id])
    body = page(alice_client.post(url, {"channel": "text", "direction": "incoming"}, HTTP_HX_REQUEST="true"))
    assert "Not answering is not a slip" in body
    assert 'data-testid="current-streak">62<' in body
    assert Contact.objects.count() == 1


def test_undo_is_only_for_a_short_while_and_only_for_the_owner(alice_client, bob_client, long_run):
    with time_machine.travel(NOW, tick=False):
        contact = services.contact_log(plan=long_run, at=NOW, channel="call", direction="outgoing", now=NOW)
        undo_url = reverse("plans:contact_undo_hx", args=[contact.public_id])
        assert bob_client.post(undo_url).status_code == 404
        assert Contact.objects.filter(pk=contact.pk).exists()
    with time_machine.travel(NOW + timedelta(minutes=11), tick=False):
        late = page(alice_client.post(undo_url, follow=True))
        assert "can no longer be undone here" in late
        assert Contact.objects.filter(pk=contact.pk).exists()
        assert f'action="{undo_url}"' not in page(alice_client.get(reverse("plans:dashboard")))


@time_machine.travel(NOW, tick=False)
def test_the_full_form_also_says_what_a_slip_does_before_saving(alice_client, long_run):
    url = reverse("plans:contact_create", args=[long_run.public_id])
    entry = {"at": "2026-03-04T03:00", "channel": "message", "direction": "outgoing"}
    asked = page(alice_client.post(url, entry))
    assert "This ends your 62-day run; the days you kept stay counted." in asked
    assert not Contact.objects.exists()
    alice_client.post(url, {**entry, "confirm": "on"})
    assert Contact.objects.count() == 1
    # Already at 0 today: say so, rather than that a run ends.
    again = page(alice_client.post(url, {**entry, "at": "2026-03-04T03:30"}))
    assert "Your run counts from today either way, so it stays at 0" in again


# --- Item 5: discreet mode changes every screen a glance could see -----------------------------------


@time_machine.travel(NOW, tick=False)
def test_discreet_mode_dashboard_and_plan_page_show_no_names_and_no_giveaway_words(alice_client, alice, long_run):
    services.plan_create(user=alice, name="Alex", started_at=NOW - timedelta(days=3), tz="UTC", mode="safety", now=NOW)
    User.objects.filter(pk=alice.pk).update(discreet=True, safety_warned_at=NOW)
    for url in (reverse("plans:dashboard"), reverse("plans:plan_detail", args=[long_run.public_id])):
        html = page(alice_client.get(url))
        glance = seen_at_a_glance(html)
        assert not FORBIDDEN.findall(glance), (url, FORBIDDEN.findall(glance), glance)
        assert "Kit" not in glance
        assert "Alex" not in glance
        assert "Quiet nights" not in glance
        assert "Kit" in html  # still there, one tap away


@time_machine.travel(NOW, tick=False)
def test_without_discreet_mode_the_words_and_names_stay(alice_client, long_run):
    glance = seen_at_a_glance(page(alice_client.get(reverse("plans:dashboard"))))
    assert "Kit" in glance
    assert "62 days of no contact" in glance


@time_machine.travel(NOW, tick=False)
def test_discreet_alerts_keep_to_neutral_words(alice, webhook):
    from nocontact import messages
    from nocontact.urges.services import support_person_save
    from nocontact.urges.tasks import send_alert

    port, got = webhook
    person = support_person_save(
        user=alice,
        name="Robin",
        phone="1",
        preferred="call",
        message=messages.SUPPORT_DEFAULT_MESSAGE,  # the ordinary default, typed in as it is shown
        notify_url=f"json://127.0.0.1:{port}/a",
        alert_on_pause=True,
    )
    User.objects.filter(pk=alice.pk).update(discreet=True)
    assert send_alert.call(person.pk)
    sent = got[-1]["title"] + " " + got[-1]["message"]
    assert not FORBIDDEN.findall(sent)
    assert got[-1]["message"] == messages.SUPPORT_DEFAULT_MESSAGE_DISCREET


# --- Item 6: the plan form's defaults agree in every zone ---------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_a_start_a_moment_ahead_counts_as_now_but_later_is_still_refused(alice_client, alice):
    url = reverse("plans:plan_create")
    data = {"name": "Sam", "mode": "strict", "tz": "Europe/London", "goal_days": "30"}
    ahead = alice_client.post(url, {**data, "started_at": "2026-03-04T12:03"})
    assert ahead.status_code == 302
    assert Plan.objects.get(user=alice).started_at == NOW
    later = alice_client.post(url, {**data, "name": "Lee", "started_at": "2026-03-04T12:30"})
    assert later.status_code == 400
    assert "can't be in the future" in page(later)


@time_machine.travel(NOW, tick=False)
def test_the_default_start_is_now_in_the_zone_offered(alice_client, long_run):
    form = alice_client.get(reverse("plans:plan_create")).context["form"]
    # The newest plan's zone is offered, and "now" is on its clock (04:00 in Los Angeles at 12:00 UTC).
    assert (form.initial["started_at"], form.initial["tz"]) == ("2026-03-04T04:00", "America/Los_Angeles")
    data = {"name": "Sam", "mode": "strict", "goal_days": "30", **form.initial}
    assert alice_client.post(reverse("plans:plan_create"), data).status_code == 302


@time_machine.travel(NOW, tick=False)
def test_without_a_script_the_shown_now_means_now_in_whatever_zone_is_typed(alice_client, alice):
    form = alice_client.get(reverse("plans:plan_create")).context["form"]
    assert form.initial["started_at"] == "2026-03-04T12:00"  # no plan yet: now in UTC, and no zone
    data = {"name": "Sam", "mode": "strict", "goal_days": "30", **form.initial, "tz": "America/Los_Angeles"}
    assert alice_client.post(reverse("plans:plan_create"), data).status_code == 302
    plan = Plan.objects.get(user=alice)
    assert (plan.started_at, plan.tz) == (NOW, "America/Los_Angeles")
    # A time typed in is read in the chosen zone, as always.
    typed = {**data, "name": "Lee", "started_at": "2026-03-04T03:00"}
    assert alice_client.post(reverse("plans:plan_create"), typed).status_code == 302
    assert Plan.objects.get(name="Lee").started_at == datetime(2026, 3, 4, 11, 0, tzinfo=UTC)


# --- Item 8: minimal contact is not framed as no contact ----------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_creating_a_minimal_plan_leads_to_its_boundaries_with_a_kind_line(alice_client, alice):
    data = {"name": "Co-parent", "mode": "minimal", "started_at": "2026-03-01T10:00", "tz": "UTC", "goal_days": "30"}
    response = alice_client.post(reverse("plans:plan_create"), data, follow=True)
    plan = Plan.objects.get(user=alice)
    assert response.redirect_chain[-1][0] == reverse("plans:boundaries", args=[plan.public_id])
    assert "Next, set the boundaries that suit you" in page(response)


@time_machine.travel(NOW, tick=False)
def test_minimal_plans_show_days_within_the_boundaries_and_what_was_logged(alice_client, minimal_plan):
    at = NOW - timedelta(days=2)
    services.contact_log(plan=minimal_plan, at=at, channel="message", direction="both", permitted=True, now=NOW)
    services.contact_log(plan=minimal_plan, at=at, channel="message", direction="incoming", permitted=True, now=NOW)
    services.contact_log(
        plan=minimal_plan, at=NOW - timedelta(days=5), channel="call", direction="outgoing", strayed=True, now=NOW
    )
    for url in (reverse("plans:dashboard"), reverse("plans:plan_detail", args=[minimal_plan.public_id])):
        glance = seen_at_a_glance(page(alice_client.get(url)))
        assert "5 days within the boundaries" in glance, glance
        assert "no contact" not in glance.lower()
        assert "to your goal" not in glance
    dash = seen_at_a_glance(page(alice_client.get(reverse("plans:dashboard"))))
    assert "2 permitted contacts logged · 1 outside the boundaries" in dash
    detail = page(alice_client.get(reverse("plans:plan_detail", args=[minimal_plan.public_id])))
    assert 'data-testid="permitted">2<' in detail
    assert 'data-testid="slips">1<' in detail
    assert "Times outside the boundaries" in detail


@time_machine.travel(NOW, tick=False)
def test_discreet_mode_folds_the_name_away_on_every_plan_page(alice_client, alice, minimal_plan):
    User.objects.filter(pk=alice.pk).update(discreet=True)
    pid = minimal_plan.public_id
    for name in ("plan_edit", "plan_delete", "contact_create", "boundaries", "permitted"):
        html = page(alice_client.get(reverse(f"plans:{name}", args=[pid])))
        assert "Robin" not in seen_at_a_glance(html), name
    assert "<title>Over time · Notes</title>" in page(alice_client.get(reverse("plans:permitted", args=[pid])))


@time_machine.travel(NOW, tick=False)
def test_discreet_mode_keeps_to_plain_words_on_what_a_tap_leads_to(alice_client, alice, long_run):
    """Refusals, notices and the pages behind a choice: the browser walk sees the pages; these are the states."""
    from nocontact import messages
    from nocontact.readiness.models import ReadinessCheck
    from nocontact.safety.services import incident_record
    from nocontact.urges.tests.test_pause_form import _pause_fields

    User.objects.filter(pk=alice.pk).update(discreet=True)
    said: dict[str, str] = {}  # what each state shows at a glance
    create = reverse("plans:plan_create")
    base = {"mode": "strict", "tz": "UTC", "goal_days": "30", "started_at": "2026-03-04T11:00"}
    future = page(alice_client.post(create, {**base, "name": "Lee", "started_at": "2026-03-05T11:00"}))
    assert messages.PLAN_START_IN_FUTURE_DISCREET in future
    said["a start in the future"] = seen_at_a_glance(future)
    # The optional questions about them stay folded; answered, the suggestion uses the form's own words.
    empty = page(alice_client.get(create))
    assert "afraid of them" in empty
    assert "afraid of them" not in seen_at_a_glance(empty)
    suggested = seen_at_a_glance(page(alice_client.post(create, {**base, "name": "Lee", "screen_afraid": "on"})))
    assert "You can choose “Strict, with dated records” below" in suggested
    said["a kind of plan suggested"] = suggested
    made = page(alice_client.post(create, {**base, "name": "Jo", "mode": "minimal"}, follow=True))
    assert messages.MINIMAL_NEXT_BOUNDARIES_DISCREET in made
    said["a plan with limits, made"] = seen_at_a_glance(made)

    # The reflection: its questions, its suggestion over two takes, and the notice of a choice.
    take = reverse("readiness:take", args=[long_run.public_id])
    said["the reflection's questions"] = seen_at_a_glance(page(alice_client.get(take)))
    answers = {"feelings": "no", "need": "", "practical": "work", "motive": "practical", "silence": "yes"}
    for _ in range(2):
        assert alice_client.post(take, {**answers, "days": "calm"}).status_code == 302
    check = ReadinessCheck.objects.filter(plan=long_run).order_by("-created_at", "-pk").first()
    assert check
    result = page(alice_client.get(reverse("readiness:result", args=[check.public_id])))
    assert "Is there a practical reason to be in touch?" in result  # in the comparison table
    said["the reflection's suggestion"] = seen_at_a_glance(result)
    chosen = page(
        alice_client.post(reverse("readiness:result", args=[check.public_id]), {"outcome": "go_slowly"}, follow=True)
    )
    assert messages.READINESS_MINIMAL_DISCREET in chosen
    said["limits chosen"] = seen_at_a_glance(chosen)

    # A plan that left safety mode keeps its records, and says so in plain words.
    kept = services.plan_create(
        user=alice, name="Lee", started_at=NOW - timedelta(days=3), tz="UTC", mode="safety", now=NOW
    )
    incident_record(plan=kept, at=NOW - timedelta(days=1), kind="message", channel="text", now=NOW)
    services.plan_update(plan=kept, now=NOW, mode="strict")
    log = reverse("safety:log", args=[kept.public_id])
    said["records of a plan that left safety mode"] = seen_at_a_glance(page(alice_client.get(log)))
    refused = page(alice_client.post(log, {"at": "2026-03-04T10:00", "kind": "message", "channel": "text"}))
    said["a record refused"] = seen_at_a_glance(refused)  # the page says why, in place of the form

    # The pause without JavaScript: its notice once saved.
    fields = _pause_fields(page(alice_client.get(reverse("urges:pause"))))
    saved = alice_client.post(reverse("urges:pause"), fields | {"outcome": "passed"}, follow=True)
    assert messages.URGE_SAVED_DISCREET in page(saved)
    said["a pause saved"] = seen_at_a_glance(page(saved))

    for state, text in said.items():
        assert not FORBIDDEN.findall(text), (state, FORBIDDEN.findall(text), text)
        for private in ("Kit", "Lee", "Jo ", "Quiet nights"):
            assert private not in text, (state, private, text)


@time_machine.travel(NOW, tick=False)
def test_a_slip_from_before_the_current_run_says_the_run_carries_on(alice_client, long_run):
    services.contact_log(plan=long_run, at=NOW - timedelta(days=2), channel="call", direction="outgoing", now=NOW)
    url = reverse("plans:contact_create", args=[long_run.public_id])
    entry = {"at": "2026-02-20T10:00", "channel": "call", "direction": "outgoing"}
    asked = page(alice_client.post(url, entry))
    assert "This is from before your current run began, so your 2-day run carries on" in asked
    assert Contact.objects.count() == 1
