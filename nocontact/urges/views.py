"""The pause ("I want to reach out"), its offline sync, the support circle and insight."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_not_required, login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from nocontact import messages
from nocontact.accounts.http import AuthenticatedHttpRequest
from nocontact.domain.alert_ways import recognise
from nocontact.domain.days import local_date, zone
from nocontact.domain.spans import span_label
from nocontact.domain.urges import PAUSE_DEFAULT_MINUTES, PAUSE_MAX_MINUTES, PAUSE_MIN_MINUTES
from nocontact.errors import ServiceError
from nocontact.forms import add_service_error
from nocontact.plans.models import Plan
from nocontact.urges import selectors, services
from nocontact.urges.forms import WAY_SHORT, HelperForm, PauseForm, PersonForm


def _pause_form(request: AuthenticatedHttpRequest, known: dict[str, Any], **kwargs: Any) -> PauseForm:
    return PauseForm(plans=known["plans"], discreet=request.user.discreet, **kwargs)


@login_required
@sensitive_post_parameters("unsent", "feeling_words")
def pause(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The pause. With JavaScript it runs step by step, offline too; without, it is one plain POSTed form."""
    now = timezone.now()
    discreet = bool(request.user.discreet)
    data = selectors.pause_data(request.user, now=now)
    if request.method == "POST":
        form = _pause_form(request, data, data=request.POST)
        if form.is_valid():
            saved = _pause_save(request, form, now=now)
            if saved:
                return redirect("plans:dashboard")
    else:
        form = _pause_form(request, data, initial={"key": uuid.uuid4().hex, "started_at": now.isoformat()})
    data |= {
        "minutes": PAUSE_DEFAULT_MINUTES,
        "texts": {
            "saved": messages.URGE_SAVED_DISCREET if discreet else messages.URGE_SAVED,
            "contacted": messages.URGE_CONTACTED,
            "needs_outcome": messages.URGE_NEEDS_OUTCOME_DISCREET if discreet else messages.URGE_NEEDS_OUTCOME,
            "needs_plan": messages.URGE_CONTACTED_NEEDS_PLAN,
            "default_message": messages.SUPPORT_DEFAULT_MESSAGE,
        },
        "check_url": "/check/",
        "discreet": discreet,
    }
    plans = data["plans"]
    context = {
        "data": data,
        "form": form,
        "only_plan": plans[0] if len(plans) == 1 else None,
        "minute_choices": range(PAUSE_MIN_MINUTES, PAUSE_MAX_MINUTES + 1),
        "default_message": messages.SUPPORT_DEFAULT_MESSAGE,
    }
    return render(request, "urges/pause.html", context, status=400 if form.errors else 200)


def _pause_save(request: AuthenticatedHttpRequest, form: PauseForm, *, now: datetime) -> bool:
    """Store a pause sent by the plain form; a refusal is shown on its field and nothing typed is lost."""
    answers = form.cleaned_data
    started = answers["started_at"]
    started = started if started is not None and started <= now else now
    owner = request.user
    plan = Plan.objects.filter(user=owner, public_id=answers["plan"]).first() if answers["plan"] else None
    if plan is not None:
        plan.user = request.user
    try:
        services.urge_record(
            user=request.user,
            key=answers["key"],
            plan=plan,
            started_at=started,
            ended_at=now,
            outcome=answers["outcome"],
            strength_before=answers["strength_before"],
            strength_after=answers["strength_after"],
            feeling=answers["feeling"],
            feeling_words=answers["feeling_words"],
            trigger=answers["trigger"],
            unsent=answers["unsent"],
            helped=answers["helped"],
            channel=answers["channel"] or "message",
            now=now,
        )
    except ServiceError as exc:
        add_service_error(form, exc)
        return False
    saved = messages.URGE_SAVED_DISCREET if request.user.discreet else messages.URGE_SAVED
    flash.success(request, messages.URGE_CONTACTED if answers["outcome"] == "contacted" else saved)
    return True


@login_required
@sensitive_post_parameters()  # every field here is someone's name, number or a password
def circle(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = PersonForm(request.POST or None, prefix="person")
    helper_form = HelperForm(request.POST or None, prefix="helper")
    if request.method == "POST" and "person-name" in request.POST and form.is_valid():
        try:
            services.support_person_save(user=request.user, **form.person_data())
        except ServiceError as exc:
            _refused_address(form, exc)
        else:
            return redirect("urges:circle")
    if request.method == "POST" and "helper-text" in request.POST and helper_form.is_valid():
        try:
            services.helper_add(user=request.user, text=helper_form.cleaned_data["text"])
        except ServiceError as exc:
            helper_form.add_error("text", exc.message)
        else:
            return redirect("urges:circle")
    people = selectors.circle(request.user)
    context = {
        "people": [(p, WAY_SHORT[recognise(p.notify_url)[0]] if p.notify_url else "") for p in people],
        "helpers": selectors.helpers(request.user),
        "form": form,
        "helper_form": helper_form,
    }
    return render(request, "urges/circle.html", context, status=400 if form.errors or helper_form.errors else 200)


def _refused_address(form: PersonForm, exc: ServiceError) -> None:
    """A refused alert address is shown on the field that names its server, in the words of its way."""
    if exc.field != "notify_url":
        add_service_error(form, exc)
        return
    built = form.cleaned_data.get("way") != "other"
    form.add_error(
        form.address_field(),
        messages.ALERT_WAY_UNREADABLE if built and exc.message == messages.SUPPORT_BAD_URL else exc.message,
    )


@login_required
@require_POST
def person_delete(request: AuthenticatedHttpRequest, public_id: str) -> HttpResponse:
    services.support_person_delete(person=selectors.person_get(request.user, public_id))
    return redirect("urges:circle")


@login_required
@require_POST
def person_test(request: AuthenticatedHttpRequest, public_id: str) -> HttpResponse:
    """Send a test alert to one person now, and say plainly whether it went."""
    person = selectors.person_get(request.user, public_id)
    person.user = request.user
    outcome = services.alert_test(person=person)
    words = {
        "sent": messages.ALERT_TEST_SENT,
        "private": messages.ALERT_TEST_PRIVATE,
        "not_sent": messages.ALERT_TEST_NOT_SENT,
    }[outcome].format(name=person.name)
    (flash.success if outcome == "sent" else flash.warning)(request, words)
    return redirect("urges:circle")


@login_required
@require_POST
def helper_delete(request: AuthenticatedHttpRequest, public_id: str) -> HttpResponse:
    services.helper_delete(helper=selectors.helper_get(request.user, public_id))
    return redirect("urges:circle")


WEEK_LABEL, WEEK_BAR = 104, 260  # the week-by-week chart: room for "30 Nov – 6 Dec", then the bars


@login_required
def urge_insights(request: AuthenticatedHttpRequest) -> HttpResponse:
    now = timezone.now()
    report = selectors.urge_insights(request.user, now=now)
    today = local_date(now, zone(request.user.time_zone))
    peak = max((w.count for w in report.weeks), default=0) or 1
    weeks = [
        {
            "row": w,
            "label": span_label(w.week_start, w.week_start + timedelta(days=6), today=today),
            "top": 20 * i,
            "bar": round(WEEK_BAR * w.count / peak),
        }
        for i, w in enumerate(report.weeks)
    ]
    context = {"report": report, "weeks": weeks, "height": 20 * len(weeks) + 4, "bar_x": WEEK_LABEL}
    return render(request, "urges/insights.html", context)


@login_not_required
def service_worker(request: HttpRequest) -> HttpResponse:
    """Served from the site's root so that it may look after every page."""
    response = render(request, "urges/sw.js", content_type="application/javascript")
    response["Cache-Control"] = "no-cache"
    return response


@login_not_required
def manifest(request: HttpRequest) -> HttpResponse:
    return render(request, "urges/manifest.webmanifest", content_type="application/manifest+json")
