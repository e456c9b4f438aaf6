"""Safety pages: the safety log and its export, help lines, safeguards, the quick exit, the PIN, erasing."""

from __future__ import annotations

import base64

from django.conf import settings
from django.contrib import messages as flash
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_not_required, login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from nocontact import messages
from nocontact.accounts import devices
from nocontact.accounts.backends import BACKEND
from nocontact.accounts.devices import DEVICE_COOKIE, describe
from nocontact.accounts.http import AuthenticatedHttpRequest
from nocontact.config import ConfigError
from nocontact.domain.contacts import Mode
from nocontact.errors import ServiceError
from nocontact.forms import add_service_error
from nocontact.plans import selectors as plan_selectors
from nocontact.plans.forms import wall_clock
from nocontact.plans.models import Plan
from nocontact.safety import export, help, selectors, services, signing
from nocontact.safety.forms import IncidentForm, SafeguardsForm, TrustDeviceForm, UnlockForm
from nocontact.safety.middleware import (
    EXIT_COOKIE,
    EXIT_HOLD_SECONDS,
    EXIT_SALT,
    HELD_COOKIE,
    HELD_NOTICE_SECONDS,
)
from nocontact.safety.models import Incident
from nocontact.safety.signals import SIGN_IN_KIND

DEVICE_DAYS = 180


@login_not_required
def quick_exit(request: HttpRequest) -> HttpResponse:
    """Leave at once: sign out, and for a while send any address of this app to the neutral page too.

    Drafts were sealed on the device by the page before it came here (app.js); "cache" only is cleared here, as
    "storage" would throw those sealed drafts away. A second, longer cookie lets the app say, when the person
    next meets it, why it was away for a while.
    """
    target = services.exit_url_for(request.user)
    logout(request)
    response = HttpResponseRedirect(target)
    response["Cache-Control"] = "no-store"
    response["Clear-Site-Data"] = '"cache"'
    response.set_signed_cookie(
        EXIT_COOKIE,
        target,
        salt=EXIT_SALT,
        max_age=EXIT_HOLD_SECONDS,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    response.set_cookie(
        HELD_COOKIE,
        "1",
        max_age=HELD_NOTICE_SECONDS,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


@login_not_required
def help_page(request: HttpRequest) -> HttpResponse:
    """The lines of the country asked for (?country=), else of the country the person's time zone lies in."""
    countries = help.resources()
    if "country" in request.GET:
        code = request.GET["country"].strip().upper()
    else:
        code = help.country_for_zone(_own_zone(request)) or ""
    chosen = countries.get(code)
    return render(request, "safety/help.html", {"countries": countries, "chosen": chosen})


def _own_zone(request: HttpRequest) -> str:
    """The zone the person chose, else their first plan's; blank for someone not signed in."""
    user = request.user
    if not user.is_authenticated:
        return ""
    if user.tz:
        return str(user.tz)
    first = Plan.objects.filter(user=user).order_by("created_at", "pk").values_list("tz", flat=True).first()
    return first or ""


@login_required
@require_POST
def warning_seen(request: AuthenticatedHttpRequest) -> HttpResponse:
    services.safety_warning_seen(user=request.user, now=timezone.now())
    flash.success(request, messages.WARNING_SEEN)
    back = request.POST.get("back", "")
    safe = url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()})
    return redirect(back if back and safe else "plans:dashboard")


def _log_plan(request: AuthenticatedHttpRequest, public_id: str) -> Plan:
    """The plan, if it has a safety log: a safety plan, or one that kept entries from when it was."""
    plan = plan_selectors.plan_get(request.user, public_id)
    if not selectors.log_open(plan):
        raise Http404
    return plan


@login_required
def safety_log(request: AuthenticatedHttpRequest, public_id: str) -> HttpResponse:
    plan = _log_plan(request, public_id)
    recording = plan.mode == Mode.SAFETY.value
    form = IncidentForm(request.POST or None, initial={"at": wall_clock(timezone.now(), plan.tz)}, tz_name=plan.tz)
    if request.method == "POST" and not recording:
        form.add_error(None, messages.INCIDENT_NOT_SAFETY)
    elif request.method == "POST" and form.is_valid():
        try:
            services.incident_record(plan=plan, now=timezone.now(), **form.cleaned_data)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            flash.success(request, messages.INCIDENT_SAVED)
            return redirect("safety:log", public_id=plan.public_id)
    try:
        public = signing.server_public_key(create=True)  # shown, so the person can note it before any download
    except ConfigError:
        public = None  # a misconfigured key: the page still works; downloads say what is wrong
    return render(
        request,
        "safety/log.html",
        {
            "plan": plan,
            "form": form,
            "recording": recording,
            "threads": selectors.log_threads(plan),
            "key_fingerprint": signing.fingerprint(public) if public else "",
            "public_key": base64.b64encode(public).decode("ascii") if public else "",
        },
        status=400 if form.errors else 200,
    )


def _incident(request: AuthenticatedHttpRequest, public_id: str) -> Incident:
    incident = get_object_or_404(Incident.objects.select_related("plan"), plan__user=request.user, public_id=public_id)
    incident.plan.user = request.user
    return incident


@login_required
def incident_correct(request: AuthenticatedHttpRequest, public_id: str) -> HttpResponse:
    """Correct an entry: the correction is a new entry, and the original stays in the log, marked corrected."""
    incident = _incident(request, public_id)
    plan = incident.plan
    initial = {
        "at": wall_clock(incident.at, plan.tz),
        "kind": incident.kind,
        "channel": incident.channel,
        "details": incident.details,
    }
    form = IncidentForm(request.POST or None, initial=initial, tz_name=plan.tz)
    if request.method == "POST" and form.is_valid():
        try:
            services.incident_correct(incident=incident, now=timezone.now(), **form.cleaned_data)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            flash.success(request, messages.INCIDENT_CORRECTED)
            return redirect("safety:log", public_id=plan.public_id)
    return render(
        request,
        "safety/incident_form.html",
        {"plan": plan, "form": form, "incident": incident},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def incident_withdraw(request: AuthenticatedHttpRequest, public_id: str) -> HttpResponse:
    """Withdraw an entry: it stays in the log and in exports, marked withdrawn."""
    incident = _incident(request, public_id)
    services.incident_withdraw(incident=incident, now=timezone.now())
    flash.success(request, messages.INCIDENT_WITHDRAWN_DONE)
    return redirect("safety:log", public_id=incident.plan.public_id)


def _download(body: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def log_csv(request: AuthenticatedHttpRequest, public_id: str) -> HttpResponse:
    plan = _log_plan(request, public_id)
    return _download(export.log_csv(plan), "text/csv; charset=utf-8", f"record-{timezone.now():%Y-%m-%d}.csv")


@login_required
def log_pdf(request: AuthenticatedHttpRequest, public_id: str) -> HttpResponse:
    plan = _log_plan(request, public_id)
    now = timezone.now()
    return _download(export.log_pdf(plan, now=now), "application/pdf", f"record-{now:%Y-%m-%d}.pdf")


def _safeguards_page(
    request: HttpRequest, *, form: SafeguardsForm | None = None, trust_form: TrustDeviceForm | None = None
) -> HttpResponse:
    """The safeguards page, with either form as submitted and the other showing what is saved."""
    user = request.user
    if form is None:
        form = SafeguardsForm(
            initial={
                "quick_exit": user.quick_exit,  # type: ignore[union-attr]
                "exit_url": user.exit_url,  # type: ignore[union-attr]
                "discreet": user.discreet,  # type: ignore[union-attr]
                "idle_lock_minutes": user.idle_lock_minutes,  # type: ignore[union-attr]
            }
        )
    device = devices.device_get(request.COOKIES.get(DEVICE_COOKIE, ""))
    context = {
        "form": form,
        "trust_form": trust_form or TrustDeviceForm(user=user),
        "trusted": device is not None and device.user_id == user.pk,
        "refresh_cache": request.session.pop("refresh_cache", False),
    }
    failed = form.errors or (trust_form is not None and trust_form.errors)
    return render(request, "safety/safeguards.html", context, status=400 if failed else 200)


@login_required
def safeguards(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _safeguards_page(request)
    form = SafeguardsForm(request.POST)
    if form.is_valid():
        try:
            services.safeguards_update(user=request.user, **form.cleaned_data)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            flash.success(request, messages.SAFEGUARDS_SAVED)
            request.session["refresh_cache"] = True  # the page kept offline shows the old name otherwise
            return redirect("safety:safeguards")
    return _safeguards_page(request, form=form)


@login_required
@require_POST
def device_trust(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = TrustDeviceForm(request.POST, user=request.user)
    if not form.is_valid():
        return _safeguards_page(request, trust_form=form)
    try:
        raw = services.device_trust(
            user=request.user,
            pin=form.cleaned_data["pin"],
            replacing=request.COOKIES.get(DEVICE_COOKIE, ""),
            device=describe(request.headers.get("User-Agent")),
            now=timezone.now(),
        )
    except ServiceError as exc:
        flash.error(request, exc.message)
        return redirect("safety:safeguards")
    flash.success(request, messages.PIN_SET)
    response = redirect("safety:safeguards")
    response.set_cookie(
        DEVICE_COOKIE,
        raw,
        max_age=DEVICE_DAYS * 24 * 3600,
        httponly=True,
        samesite="Strict",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


@login_required
@require_POST
def device_forget(request: AuthenticatedHttpRequest) -> HttpResponse:
    devices.device_forget(user=request.user, raw=request.COOKIES.get(DEVICE_COOKIE, ""))
    flash.success(request, messages.PIN_FORGOTTEN)
    response = redirect("safety:safeguards")
    response.delete_cookie(DEVICE_COOKIE, samesite="Strict")
    return response


@login_not_required
@require_POST
def unlock(request: HttpRequest) -> HttpResponse:
    form = UnlockForm(request.POST)
    raw = request.COOKIES.get(DEVICE_COOKIE, "")
    if form.is_valid():
        try:
            user = services.pin_unlock(
                raw=raw,
                pin=form.cleaned_data["pin"],
                now=timezone.now(),
                device=describe(request.headers.get("User-Agent")),
            )
        except ServiceError as exc:
            flash.error(request, exc.message)
        else:
            setattr(request, SIGN_IN_KIND, "pin_unlock")
            login(request, user, backend=BACKEND)
            return redirect("plans:dashboard")
    return redirect("accounts:login")
