"""The readiness check on the web: the questions, then what they suggest and the person's choice."""

from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from nocontact import messages
from nocontact.accounts.http import AuthenticatedHttpRequest
from nocontact.domain import readiness
from nocontact.domain.contacts import Mode
from nocontact.errors import ServiceError
from nocontact.forms import add_service_error
from nocontact.plans import selectors as plan_selectors
from nocontact.plans.models import Plan
from nocontact.readiness import services
from nocontact.readiness.forms import ChoiceForm, ReadinessForm


def _discreet(request: AuthenticatedHttpRequest) -> bool:
    return bool(getattr(request.user, "discreet", False))


def _not_offered(request: AuthenticatedHttpRequest, exc: ServiceError, plan: Plan) -> HttpResponse:
    message = exc.message
    if _discreet(request):  # the same two reasons, in plain words
        if plan.mode == Mode.SAFETY.value:
            message = messages.READINESS_NOT_OFFERED_SAFETY_DISCREET
        else:
            message = messages.READINESS_NOT_YET_OFFERED_DISCREET.format(days=readiness.ON_REQUEST_AFTER_DAYS)
    return render(request, "readiness/not_offered.html", {"message": message, "plan": plan}, status=403)


@login_required
def take(request: AuthenticatedHttpRequest, public_id: str) -> HttpResponse:
    plan = plan_selectors.plan_get(request.user, public_id)
    now = timezone.now()
    try:
        services.require_available(plan, now)
    except ServiceError as exc:
        return _not_offered(request, exc, plan)
    form = ReadinessForm(request.POST or None, discreet=_discreet(request))
    if request.method == "POST" and form.is_valid():
        try:
            check = services.check_take(plan=plan, answers=form.cleaned_data, now=now)
        except ServiceError as exc:
            if exc.code == "not_offered":
                return _not_offered(request, exc, plan)
            add_service_error(form, exc)
        else:
            return redirect("readiness:result", public_id=check.public_id)
    return render(request, "readiness/take.html", {"plan": plan, "form": form}, status=400 if form.errors else 200)


@login_required
def result(request: AuthenticatedHttpRequest, public_id: str) -> HttpResponse:
    check = services.check_get(request.user, public_id)
    plan = check.plan
    now = timezone.now()
    form = ChoiceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome = form.cleaned_data["outcome"]
        try:
            services.check_choose(check=check, outcome=outcome, now=now, extend_days=form.cleaned_data["extend_days"])
        except ServiceError as exc:
            if exc.code == "not_offered":
                return _not_offered(request, exc, plan)
            add_service_error(form, exc)
        else:
            discreet = _discreet(request)
            if outcome == readiness.Outcome.GO_SLOWLY:
                flash.success(request, messages.READINESS_MINIMAL_DISCREET if discreet else messages.READINESS_MINIMAL)
                return redirect("plans:boundaries", public_id=plan.public_id)
            if outcome == readiness.Outcome.NOT_YET:
                plan.refresh_from_db(fields=["goal_days"])
                flash.success(request, messages.READINESS_EXTENDED.format(goal=plan.goal_days))
            else:
                flash.success(request, messages.READINESS_STAY_DISCREET if discreet else messages.READINESS_STAY)
            return redirect("plans:plan_detail", public_id=plan.public_id)
    try:
        services.require_not_safety(plan)  # a plan that became a safety plan since the check was taken
    except ServiceError as exc:
        return _not_offered(request, exc, plan)
    checks = services.check_list(plan)
    suggestion = readiness.suggest(check.answers)
    discreet = _discreet(request)
    tender = [q.shown(discreet) for q in readiness.QUESTIONS if q.key in suggestion.tender]
    return render(
        request,
        "readiness/result.html",
        {
            "plan": plan,
            "check": check,
            "suggested": suggestion.outcome.value,
            "tender": tender,
            "form": form,
            "earlier": len(checks) > 1,
            "comparison": services.comparison(checks[:4], discreet=discreet) if len(checks) > 1 else [],
            "dates": [c.created_at for c in checks[:4]],
        },
        status=400 if form.errors else 200,
    )
