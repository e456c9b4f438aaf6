from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from conftest import page
from nocontact.plans.models import Contact, Plan


@time_machine.travel(datetime(2026, 1, 11, 7, 0, tzinfo=UTC), tick=False)
def test_create_a_plan_then_see_its_figures(alice_client, alice):
    response = alice_client.post(
        reverse("plans:plan_create"),
        {
            "name": "Sam",
            "mode": "strict",
            "started_at": "2026-01-01T10:00",
            "tz": "Europe/Berlin",
            "goal_days": "30",
            "reason": "I want my evenings back.",
        },
    )
    plan = Plan.objects.get(user=alice)
    assert response["Location"] == reverse("plans:plan_detail", args=[plan.public_id])
    assert plan.started_at == datetime(2026, 1, 1, 9, 0, tzinfo=UTC)  # read in Berlin time
    body = page(alice_client.get(response["Location"]))
    assert 'data-testid="current-streak">10<' in body
    assert "I want my evenings back." in body
    dash = page(alice_client.get(reverse("plans:dashboard")))
    assert "Sam" in dash
    assert "20 days to your goal of 30" in dash


@time_machine.travel(datetime(2026, 1, 11, 7, 0, tzinfo=UTC), tick=False)
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "This field is required"),
        ("tz", "Moon/Base", "isn't a time zone we know"),
        ("started_at", "last week", "isn't a date we can read"),
        ("started_at", "2026-02-01T10:00", "can't be in the future"),
        ("goal_days", "0", "greater than or equal to 1"),
        ("goal_days", "many", "Enter a whole number"),
        ("mode", "sneaky", "Select a valid choice"),
    ],
)
def test_plan_form_explains_what_is_wrong(alice_client, alice, field, value, message):
    data = {"name": "Sam", "mode": "strict", "started_at": "2026-01-01T10:00", "tz": "UTC", "goal_days": "30"}
    data[field] = value
    response = alice_client.post(reverse("plans:plan_create"), data)
    assert response.status_code == 400
    assert message in page(response)
    assert not Plan.objects.filter(user=alice).exists()


def test_plan_names_are_unique_per_person_but_not_across_people(alice_client, alice_plan, bob, now):
    data = {"name": "sam", "mode": "strict", "started_at": "2026-01-01T10:00", "tz": "UTC", "goal_days": "30"}
    response = alice_client.post(reverse("plans:plan_create"), data)
    assert response.status_code == 400
    assert "already have a plan" in page(response)
    from nocontact.plans.services import plan_create

    plan_create(user=bob, name="Sam", started_at=alice_plan.started_at, tz="UTC", now=now)


@time_machine.travel(datetime(2026, 1, 11, 7, 0, tzinfo=UTC), tick=False)
def test_logging_a_slip_changes_the_figures_and_says_so_kindly(alice_client, alice_plan):
    url = reverse("plans:contact_create", args=[alice_plan.public_id])
    form = alice_client.get(url)
    assert "boundaries" not in form.context["form"].fields  # strict plans have no boundaries
    entry = {"at": "2026-01-05T13:00", "channel": "text", "direction": "outgoing", "note": "3am text"}
    asked = page(alice_client.post(url, entry))
    assert "This ends your 10-day run; the days you kept stay counted." in asked  # said before it is done
    assert not Contact.objects.exists()
    response = alice_client.post(url, {**entry, "confirm": "on"}, follow=True)
    body = page(response)
    assert "come back to no contact" in body
    assert 'data-testid="current-streak">6<' in body
    assert 'data-testid="slips">1<' in body
    assert "you came back to no contact after this" in body
    assert "3am text" in body


@time_machine.travel(datetime(2026, 1, 11, 7, 0, tzinfo=UTC), tick=False)
def test_contact_in_the_future_is_refused(alice_client, alice_plan):
    url = reverse("plans:contact_create", args=[alice_plan.public_id])
    response = alice_client.post(url, {"at": "2026-01-12T10:00", "channel": "call", "direction": "outgoing"})
    assert response.status_code == 400
    assert "still in the future" in page(response)
    assert not Contact.objects.exists()


@time_machine.travel(datetime(2026, 1, 11, 7, 0, tzinfo=UTC), tick=False)
def test_quick_log_with_htmx_returns_the_refreshed_card(alice_client, alice_plan):
    url = reverse("plans:contact_quick_log_hx", args=[alice_plan.public_id])
    response = alice_client.post(url, {"channel": "text", "direction": "incoming"}, HTTP_HX_REQUEST="true")
    body = page(response)
    assert response.status_code == 200
    assert body.lstrip().startswith("<section")
    assert "Not answering is not a slip" in body
    assert 'data-testid="current-streak">10<' in body
    response = alice_client.post(url, {"channel": "call", "direction": "both", "confirm": "on"}, HTTP_HX_REQUEST="true")
    assert 'data-testid="current-streak">0<' in page(response)
    assert Contact.objects.filter(plan=alice_plan).count() == 2


def test_quick_log_without_javascript_redirects_back(alice_client, alice_plan):
    url = reverse("plans:contact_quick_log_hx", args=[alice_plan.public_id])
    response = alice_client.post(url, {"channel": "text", "direction": "outgoing", "confirm": "on"})
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:dashboard")
    bad = alice_client.post(url, {"channel": "pigeon", "direction": "outgoing"}, follow=True)
    assert "Please choose how" in page(bad)
    assert Contact.objects.filter(plan=alice_plan).count() == 1


@time_machine.travel(datetime(2026, 1, 11, 7, 0, tzinfo=UTC), tick=False)
def test_correcting_and_deleting_an_entry_recounts(alice_client, alice_contact):
    plan = alice_contact.plan
    edit = reverse("plans:contact_edit", args=[alice_contact.public_id])
    assert page(alice_client.get(edit)).count("I said I missed the dog.") == 1
    alice_client.post(edit, {"at": "2026-01-08T13:00", "channel": "text", "direction": "outgoing", "note": ""})
    detail = page(alice_client.get(reverse("plans:plan_detail", args=[plan.public_id])))
    assert 'data-testid="current-streak">3<' in detail
    alice_client.post(reverse("plans:contact_delete", args=[alice_contact.public_id]))
    detail = page(alice_client.get(reverse("plans:plan_detail", args=[plan.public_id])))
    assert 'data-testid="current-streak">10<' in detail
    assert not Contact.objects.exists()


def test_edit_and_delete_a_plan(alice_client, alice_plan):
    edit = reverse("plans:plan_edit", args=[alice_plan.public_id])
    form = alice_client.get(edit).context["form"]
    assert form.initial["started_at"] == "2026-01-01T10:00"  # shown in the plan's own zone
    data = dict(form.initial, name="S.", goal_days="60", reason="Still true.")
    data.pop("count_indirect")
    assert alice_client.post(edit, data).status_code == 302
    alice_plan.refresh_from_db()
    assert (alice_plan.name, alice_plan.goal_days, alice_plan.reason) == ("S.", 60, "Still true.")
    alice_client.post(reverse("plans:plan_delete", args=[alice_plan.public_id]))
    assert not Plan.objects.exists()


def test_boundaries_are_asked_only_on_minimal_plans(alice_client, alice, now):
    from nocontact.plans.services import plan_create

    plan = plan_create(
        user=alice, name="Co-parent", started_at=now - timedelta(days=3), tz="UTC", mode="minimal", now=now
    )
    url = reverse("plans:contact_create", args=[plan.public_id])
    assert "boundaries" in alice_client.get(url).context["form"].fields
    dash = page(alice_client.get(reverse("plans:dashboard")))
    assert "Within our agreed boundaries" in dash
    at = (now - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    base = {"at": at, "channel": "text", "direction": "outgoing"}
    alice_client.post(url, {**base, "boundaries": "within"})
    needs_why = alice_client.post(url, {**base, "boundaries": "necessary"})
    assert needs_why.status_code == 400
    assert "why it was necessary" in page(needs_why)
    alice_client.post(url, {**base, "boundaries": "necessary", "note": "school called, Mia was ill"})
    asked = page(alice_client.post(url, {**base, "boundaries": "outside"}))
    assert "This ends your 3-day run within the boundaries" in asked
    alice_client.post(url, {**base, "boundaries": "outside", "confirm": "on"})
    rows = sorted((c.permitted, c.strayed) for c in Contact.objects.filter(plan=plan))
    assert rows == [(False, True), (True, False), (True, True)]
    from nocontact.plans.selectors import plan_figures

    assert plan_figures(plan, as_of=now).slips == 1  # only the one outside, without a reason


# --- Bob cannot see or change Alice's things --------------------------------

OBJECT_ROUTES = [
    ("get", "plans:plan_detail", "plan"),
    ("get", "plans:plan_edit", "plan"),
    ("post", "plans:plan_edit", "plan"),
    ("get", "plans:plan_delete", "plan"),
    ("post", "plans:plan_delete", "plan"),
    ("get", "plans:contact_create", "plan"),
    ("post", "plans:contact_create", "plan"),
    ("post", "plans:contact_quick_log_hx", "plan"),
    ("get", "plans:contact_edit", "contact"),
    ("post", "plans:contact_edit", "contact"),
    ("post", "plans:contact_delete", "contact"),
]


@pytest.mark.parametrize(("method", "name", "kind"), OBJECT_ROUTES)
def test_bob_gets_404_on_alices_things(bob_client, alice_contact, method, name, kind):
    target = alice_contact.plan if kind == "plan" else alice_contact
    url = reverse(name, args=[target.public_id])
    data = {"name": "mine", "channel": "text", "direction": "outgoing", "at": "2026-01-02T10:00"}
    response = getattr(bob_client, method)(url, data) if method == "post" else bob_client.get(url)
    assert response.status_code == 404
    assert "Sam" not in page(response)
    assert Plan.objects.filter(pk=alice_contact.plan.pk, name="Sam").exists()
    assert Contact.objects.filter(pk=alice_contact.pk).count() == 1


@pytest.mark.parametrize(("method", "name", "kind"), OBJECT_ROUTES)
def test_anonymous_gets_nothing(client, alice_contact, method, name, kind):
    target = alice_contact.plan if kind == "plan" else alice_contact
    url = reverse(name, args=[target.public_id])
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_bobs_dashboard_does_not_show_alices_plans(bob_client, alice_plan):
    assert "Sam" not in page(bob_client.get(reverse("plans:dashboard")))
