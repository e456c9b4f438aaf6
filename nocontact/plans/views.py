"""Thin web views: parse the form, call one service, render."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import format_html_join
from django.views.decorators.http import require_POST

from nocontact import messages
from nocontact.domain.contacts import Mode
from nocontact.domain.feelings import FEELINGS, INTENSITY_DEFAULT, INTENSITY_MAX, INTENSITY_MIN
from nocontact.domain.figures import Figures, Streak, last_milestone
from nocontact.domain.readiness import screening_suggests_safety
from nocontact.errors import ServiceError
from nocontact.forms import add_service_error
from nocontact.plans import selectors, services
from nocontact.plans.clock import clock_notice
from nocontact.plans.forms import ContactForm, NewPlanForm, PlanForm, QuickLogForm, boundaries_choice, wall_clock
from nocontact.plans.models import CHANNEL_CHOICES, DIRECTION_CHOICES, Contact, ImportBatch, Plan
from nocontact.readiness.services import Availability, availability
from nocontact.safety import selectors as safety_selectors
from nocontact.web.fragments import render_once

HISTORY_PAGE = 50
# The quick-log choices never change: render their <option>s once, not once per plan per request.
CHANNEL_OPTIONS = format_html_join("", '<option value="{}">{}</option>', CHANNEL_CHOICES)
DIRECTION_OPTIONS = format_html_join("", '<option value="{}">{}</option>', DIRECTION_CHOICES)


@dataclass
class PlanCard:
    """A plan at a glance. The dashboard reads only the streak; the plan page also has every figure."""

    plan: Plan
    streak: Streak
    figures: Figures | None = None
    channel_options: str = CHANNEL_OPTIONS
    direction_options: str = DIRECTION_OPTIONS

    @property
    def minimal(self) -> bool:
        return self.plan.mode == Mode.MINIMAL.value

    @property
    def safety(self) -> bool:
        return self.plan.mode == Mode.SAFETY.value

    @property
    def last_milestone(self) -> int | None:
        return last_milestone(self.streak.current_streak_days)

    @property
    def readiness(self) -> Availability:
        return availability(self.plan, self.streak)


def _safety_warning(user: object, plans: list[Plan]) -> bool:
    """The monitoring warning: once, for someone with a safety plan."""
    return getattr(user, "safety_warned_at", None) is None and any(p.mode == Mode.SAFETY.value for p in plans)


def _imports(plan: Plan) -> list[ImportBatch]:
    batches = list(plan.imports.all()[:20])
    for batch in batches:
        batch.plan = plan  # the owner is at hand: no query per batch to decrypt its file's name
    return batches


def _cards(plans: list[Plan]) -> list[PlanCard]:
    streaks = selectors.plans_streaks(plans, as_of=timezone.now())
    return [PlanCard(plan, streaks[plan.pk]) for plan in plans]


def _card(plan: Plan) -> PlanCard:
    return _cards([plan])[0]


def _full_card(plan: Plan) -> PlanCard:
    figures = selectors.plan_figures(plan, as_of=timezone.now())
    return PlanCard(plan, figures.streak, figures)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    plans = selectors.plan_list(request.user)  # type: ignore[arg-type]
    context = {
        "cards": _cards(plans),
        "mood_choices": render_once(
            "journal/_mood_choices.html",
            feelings=FEELINGS,
            intensities=tuple(range(INTENSITY_MIN, INTENSITY_MAX + 1)),
            default=INTENSITY_DEFAULT,
        ),
        "safety_warning": _safety_warning(request.user, plans),
    }
    return render(request, "plans/dashboard.html", context)


@login_required
def plan_create(request: HttpRequest) -> HttpResponse:
    form = NewPlanForm(request.POST or None, initial={"started_at": wall_clock(timezone.now(), "UTC")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        screening = form.screening()
        screened = data.pop("screened", False)
        if not screened and data["mode"] != Mode.SAFETY.value and screening_suggests_safety(screening):
            # Suggest, never decide: the same form comes back once, with safety mode explained.
            form = NewPlanForm({**request.POST.dict(), "screened": "on"})
            form.is_valid()
            return render(request, "plans/plan_form.html", {"form": form, "creating": True, "suggest_safety": True})
        try:
            plan = services.plan_create(user=request.user, now=timezone.now(), **data)  # type: ignore[arg-type]
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            _say_clock_change(request, "started_at", plan.tz)
            return redirect("plans:plan_detail", public_id=plan.public_id)
    return render(request, "plans/plan_form.html", {"form": form, "creating": True}, status=400 if form.errors else 200)


@login_required
def plan_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    plan = selectors.plan_get(request.user, public_id)  # type: ignore[arg-type]
    card = _full_card(plan)
    page = Paginator(selectors.contact_list(plan), HISTORY_PAGE).get_page(request.GET.get("page"))
    rows = [(contact, services.contact_is_slip(contact)) for contact in page.object_list]
    context = {
        "card": card,
        "plan": plan,
        "page": page,
        "rows": rows,
        "safety_warning": _safety_warning(request.user, [plan]),
        "imports": _imports(plan),
        # A plan that left safety mode keeps its safety log: say where it is.
        "kept_safety_log": not card.safety and safety_selectors.log_open(plan),
    }
    return render(request, "plans/plan_detail.html", context)


@login_required
def plan_edit(request: HttpRequest, public_id: str) -> HttpResponse:
    plan = selectors.plan_get(request.user, public_id)  # type: ignore[arg-type]
    initial = {
        "name": plan.name,
        "mode": plan.mode,
        "started_at": wall_clock(plan.started_at, plan.tz),
        "tz": plan.tz,
        "goal_days": plan.goal_days,
        "reason": plan.reason,
        "count_indirect": plan.count_indirect,
    }
    form = PlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(plan=plan, now=timezone.now(), **form.cleaned_data)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            flash.success(request, messages.SAVED_RECOUNTED)
            _say_clock_change(request, "started_at", plan.tz)
            return redirect("plans:plan_detail", public_id=plan.public_id)
    return render(
        request,
        "plans/plan_form.html",
        {"form": form, "plan": plan, "creating": False},
        status=400 if form.errors else 200,
    )


@login_required
def plan_delete(request: HttpRequest, public_id: str) -> HttpResponse:
    plan = selectors.plan_get(request.user, public_id)  # type: ignore[arg-type]
    if request.method == "POST":
        services.plan_delete(plan=plan)
        flash.success(request, messages.PLAN_DELETED.format(name=plan.name))
        return redirect("plans:dashboard")
    return render(request, "plans/plan_delete.html", {"plan": plan})


def _say_clock_change(request: HttpRequest, field: str, tz_name: str) -> None:
    """After saving: a time the clocks skipped or showed twice says which instant it became."""
    notice = clock_notice(request.POST.get(field, ""), tz_name)
    if notice:
        flash.info(request, notice)


def _contact_form(request: HttpRequest, plan: Plan, initial: Mapping[str, object]) -> ContactForm:
    return ContactForm(request.POST or None, initial=initial, tz_name=plan.tz, minimal=plan.mode == Mode.MINIMAL.value)


@login_required
def contact_create(request: HttpRequest, public_id: str) -> HttpResponse:
    plan = selectors.plan_get(request.user, public_id)  # type: ignore[arg-type]
    form = _contact_form(request, plan, {"at": wall_clock(timezone.now(), plan.tz), "direction": "outgoing"})
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.contact_log(plan=plan, now=timezone.now(), **form.cleaned_data)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            flash.success(request, services.contact_logged_message(contact))
            _say_clock_change(request, "at", plan.tz)
            return redirect("plans:plan_detail", public_id=plan.public_id)
    return render(request, "plans/contact_form.html", {"form": form, "plan": plan}, status=400 if form.errors else 200)


@login_required
def contact_edit(request: HttpRequest, public_id: str) -> HttpResponse:
    contact: Contact = selectors.contact_get(request.user, public_id)  # type: ignore[arg-type]
    plan = contact.plan
    initial = {
        "at": wall_clock(contact.at, plan.tz),
        "channel": contact.channel,
        "direction": contact.direction,
        "boundaries": boundaries_choice(contact.permitted, contact.strayed),
        "note": contact.note,
    }
    form = _contact_form(request, plan, initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_update(contact=contact, now=timezone.now(), **form.cleaned_data)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            flash.success(request, messages.SAVED_RECOUNTED)
            _say_clock_change(request, "at", plan.tz)
            return redirect("plans:plan_detail", public_id=plan.public_id)
    return render(
        request,
        "plans/contact_form.html",
        {"form": form, "plan": plan, "contact": contact},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def contact_delete(request: HttpRequest, public_id: str) -> HttpResponse:
    contact = selectors.contact_get(request.user, public_id)  # type: ignore[arg-type]
    plan = contact.plan
    services.contact_delete(contact=contact)
    flash.success(request, messages.CONTACT_DELETED)
    return redirect("plans:plan_detail", public_id=plan.public_id)


@login_required
@require_POST
def contact_quick_log_hx(request: HttpRequest, public_id: str) -> HttpResponse:
    """One-tap logging from the dashboard: returns the refreshed card to htmx, or redirects."""
    plan = selectors.plan_get(request.user, public_id)  # type: ignore[arg-type]
    form = QuickLogForm(request.POST)
    notice = ""
    status = 200
    if form.is_valid():
        data = dict(form.cleaned_data)
        if plan.mode == Mode.MINIMAL.value:
            data["strayed"] = not data["permitted"]  # the quick form asks one thing: within, or not
        try:
            contact = services.contact_log(plan=plan, at=timezone.now(), now=timezone.now(), **data)
        except ServiceError as exc:
            notice, status = exc.message, 400
        else:
            notice = services.contact_logged_message(contact)
    else:
        notice, status = messages.QUICK_LOG_INCOMPLETE, 400
    if not request.htmx:  # type: ignore[attr-defined]
        (flash.success if status == 200 else flash.error)(request, notice)
        return redirect("plans:dashboard")
    # htmx swaps only 2xx answers, so a refused entry comes back as 200 with its reason shown.
    card = _card(plan)
    return render(request, "plans/dashboard.html#plan_card", {"card": card, "notice": notice, "refused": status != 200})
