"""The pause ("I want to reach out"), its offline sync, the support circle and insight."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

from django import forms
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from nocontact import messages
from nocontact.domain.urges import PAUSE_DEFAULT_MINUTES, PAUSE_MAX_MINUTES, PAUSE_MIN_MINUTES
from nocontact.errors import ServiceError
from nocontact.forms import CalmLabels, add_service_error
from nocontact.plans.models import Plan
from nocontact.textguard import nul_at
from nocontact.urges import selectors, services
from nocontact.urges.forms import PauseForm
from nocontact.urges.models import PREFERRED_CHOICES

SYNC_MAX_ITEMS = 200
SYNC_MAX_BYTES = 2_000_000


def _pause_form(request: HttpRequest, known: dict[str, Any], **kwargs: Any) -> PauseForm:
    return PauseForm(plans=known["plans"], discreet=request.user.discreet, **kwargs)  # type: ignore[union-attr]


@login_required
@sensitive_post_parameters("unsent", "feeling_words")
def pause(request: HttpRequest) -> HttpResponse:
    """The pause. With JavaScript it runs step by step, offline too; without, it is one plain POSTed form."""
    now = timezone.now()
    discreet = bool(request.user.discreet)  # type: ignore[union-attr]
    data = selectors.pause_data(request.user, now=now)  # type: ignore[arg-type]
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
            "saved": messages.URGE_SAVED,
            "contacted": messages.URGE_CONTACTED,
            "needs_outcome": messages.URGE_NEEDS_OUTCOME_DISCREET if discreet else messages.URGE_NEEDS_OUTCOME,
            "needs_plan": messages.URGE_CONTACTED_NEEDS_PLAN,
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


def _pause_save(request: HttpRequest, form: PauseForm, *, now: datetime) -> bool:
    """Store a pause sent by the plain form; a refusal is shown on its field and nothing typed is lost."""
    answers = form.cleaned_data
    started = answers["started_at"]
    started = started if started is not None and started <= now else now
    owner = request.user
    plan = Plan.objects.filter(user=owner, public_id=answers["plan"]).first() if answers["plan"] else None  # type: ignore[misc]
    if plan is not None:
        plan.user = request.user  # type: ignore[assignment]
    try:
        services.urge_record(
            user=request.user,  # type: ignore[arg-type]
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
    flash.success(request, messages.URGE_CONTACTED if answers["outcome"] == "contacted" else messages.URGE_SAVED)
    return True


@login_required
def pause_key(request: HttpRequest) -> JsonResponse:
    """This person's key for what the pause keeps on the device. Only to a signed-in session; never cached."""
    key, tag = services.offline_key(user=request.user)  # type: ignore[arg-type]
    response = JsonResponse({"key": key, "tag": tag})
    response["Cache-Control"] = "no-store"
    return response


@login_required
def pause_data(request: HttpRequest) -> JsonResponse:
    """The pause page's data, fresh: the cached page opens at once, then brings itself up to date."""
    return JsonResponse(selectors.pause_data(request.user, now=timezone.now()))  # type: ignore[arg-type]


def _when(value: Any) -> datetime:
    if not isinstance(value, str):
        raise ValueError("a time is missing")
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError("times need an offset")
    return moment


@login_required
@require_POST
def pause_sync(request: HttpRequest) -> JsonResponse:
    """Pauses recorded on the device, in order. Each is stored once, however often it arrives."""
    if len(request.body) > SYNC_MAX_BYTES:
        return JsonResponse({"error": messages.API_TOO_BIG}, status=413)
    try:
        items = json.loads(request.body).get("urges", [])
        if not isinstance(items, list) or len(items) > SYNC_MAX_ITEMS:
            raise ValueError
    except (ValueError, AttributeError):
        return JsonResponse({"error": messages.API_INVALID}, status=400)
    plans = {p.public_id: p for p in Plan.objects.filter(user=request.user)}  # type: ignore[misc]
    results = []
    now = timezone.now()
    for item in items:
        key = item.get("key") if isinstance(item, dict) else None
        try:
            if not isinstance(item, dict):
                raise ValueError("not an object")
            if nul_at(item) is not None:  # PostgreSQL can't even look such a key up
                raise ServiceError(messages.TEXT_HAS_NUL)
            plan = plans.get(item.get("plan") or "")
            if plan is not None:
                plan.user = request.user  # type: ignore[assignment]
            _, created = services.urge_record(
                user=request.user,  # type: ignore[arg-type]
                key=str(key or ""),
                plan=plan,
                started_at=_when(item.get("started_at")),
                ended_at=_when(item["ended_at"]) if item.get("ended_at") else None,
                outcome=str(item.get("outcome") or ""),
                strength_before=item.get("strength_before"),
                strength_after=item.get("strength_after"),
                feeling=str(item.get("feeling") or ""),
                feeling_words=str(item.get("feeling_words") or ""),
                trigger=str(item.get("trigger") or ""),
                unsent=str(item.get("unsent") or ""),
                helped=item.get("helped") or [],
                channel=str(item.get("channel") or "message"),
                now=now,
            )
            results.append({"key": key, "status": "saved" if created else "already"})
        except ServiceError as exc:
            results.append({"key": key, "status": "error", "message": exc.message})
        except (ValueError, TypeError, KeyError) as exc:
            results.append({"key": key, "status": "error", "message": messages.URGE_BAD.format(what=str(exc))})
    return JsonResponse({"results": results})


@login_required
@require_POST
def pause_alert(request: HttpRequest) -> JsonResponse:
    """A pause has started: queue alerts to the people who asked for them. Never waits on the network."""
    return JsonResponse({"queued": services.alert_circle(user=request.user)})  # type: ignore[arg-type]


class PersonForm(CalmLabels, forms.Form):
    name = forms.CharField(max_length=80)
    phone = forms.CharField(max_length=40, required=False)
    email = forms.EmailField(required=False, label="E-mail")
    preferred = forms.ChoiceField(choices=PREFERRED_CHOICES, label="Best way")
    message = forms.CharField(
        max_length=300,
        required=False,
        label="Your message to them",
        help_text=f"Left empty: “{messages.SUPPORT_DEFAULT_MESSAGE}”",
    )
    alert_on_pause = forms.BooleanField(required=False, label="Alert them when I start a pause")
    notify_url = forms.CharField(
        max_length=500,
        required=False,
        label="Alert address",
        help_text="Where the alert goes, e.g. mailto://user:password@example.org?to=friend@example.org. "
        "Any address apprise understands; see docs/notifications.md.",
    )


class HelperForm(CalmLabels, forms.Form):
    text = forms.CharField(
        max_length=120, label="Something that helps you", help_text="A walk, a song, a call, a hobby."
    )


@login_required
@sensitive_post_parameters("message", "notify_url")
def circle(request: HttpRequest) -> HttpResponse:
    form = PersonForm(request.POST or None, prefix="person")
    helper_form = HelperForm(request.POST or None, prefix="helper")
    if request.method == "POST" and "person-name" in request.POST and form.is_valid():
        try:
            services.support_person_save(user=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            return redirect("urges:circle")
    if request.method == "POST" and "helper-text" in request.POST and helper_form.is_valid():
        try:
            services.helper_add(user=request.user, text=helper_form.cleaned_data["text"])  # type: ignore[arg-type]
        except ServiceError as exc:
            helper_form.add_error("text", exc.message)
        else:
            return redirect("urges:circle")
    context = {
        "people": selectors.circle(request.user),  # type: ignore[arg-type]
        "helpers": selectors.helpers(request.user),  # type: ignore[arg-type]
        "form": form,
        "helper_form": helper_form,
    }
    return render(request, "urges/circle.html", context, status=400 if form.errors or helper_form.errors else 200)


@login_required
@require_POST
def person_delete(request: HttpRequest, public_id: str) -> HttpResponse:
    services.support_person_delete(person=selectors.person_get(request.user, public_id))  # type: ignore[arg-type]
    return redirect("urges:circle")


@login_required
@require_POST
def helper_delete(request: HttpRequest, public_id: str) -> HttpResponse:
    services.helper_delete(helper=selectors.helper_get(request.user, public_id))  # type: ignore[arg-type]
    return redirect("urges:circle")


@login_required
def urge_insights(request: HttpRequest) -> HttpResponse:
    report = selectors.urge_insights(request.user, now=timezone.now())  # type: ignore[arg-type]
    peak = max((w.count for w in report.weeks), default=0) or 1
    return render(request, "urges/insights.html", {"report": report, "peak": peak})


def service_worker(request: HttpRequest) -> HttpResponse:
    """Served from the site's root so that it may look after every page."""
    response = render(request, "urges/sw.js", content_type="application/javascript")
    response["Cache-Control"] = "no-cache"
    return response


def manifest(request: HttpRequest) -> HttpResponse:
    return render(request, "urges/manifest.webmanifest", content_type="application/manifest+json")
