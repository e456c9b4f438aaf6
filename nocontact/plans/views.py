"""Thin web views: parse the form, call one service, render."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import format_html_join
from django.views.decorators.http import require_POST

from nocontact import messages
from nocontact.accounts.http import AuthenticatedHttpRequest
from nocontact.domain.contacts import Mode, is_slip
from nocontact.domain.feelings import FEELINGS, INTENSITY_MAX, INTENSITY_MIN
from nocontact.domain.figures import Figures, Streak, last_milestone, moment, moments_reached
from nocontact.domain.readiness import screening_suggests_safety
from nocontact.errors import ServiceError
from nocontact.forms import add_service_error
from nocontact.fragments import render_once
from nocontact.plans import selectors, services
from nocontact.plans.clock import clock_notice
from nocontact.plans.forms import (
    QUICK_BOUNDARIES_CHOICES,
    ContactForm,
    NewPlanForm,
    PlanForm,
    QuickLogForm,
    as_now_if_just_ahead,
    boundaries_choice,
    wall_clock,
)
from nocontact.plans.models import CHANNEL_CHOICES, DIRECTION_CHOICES, Contact, Plan
from nocontact.plans.selectors import MinimalCounts, SlipEffect

HISTORY_PAGE = 50
# The quick-log choices never change: render their <option>s once, not once per plan per request.
# The first one chooses nothing: a careless tap must never log a slip (issue 15).
CHANNEL_OPTIONS = format_html_join("", '<option value="{}">{}</option>', [("", "Choose one"), *CHANNEL_CHOICES])
# The quick log's just-written entry, offered back as "Undo" on its card for a short while.
UNDO_KEY = "plans_undo"


@dataclass
class PlanCard:
    """A plan at a glance. The dashboard reads only the streak; the plan page also has every figure."""

    plan: Plan
    streak: Streak
    figures: Figures | None = None
    counts: MinimalCounts | None = None
    undo: Contact | None = None
    channel_options: str = CHANNEL_OPTIONS
    direction_choices: tuple[tuple[str, str], ...] = tuple(DIRECTION_CHOICES)
    boundaries_choices: tuple[tuple[str, str], ...] = tuple(QUICK_BOUNDARIES_CHOICES)

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
    def moment(self) -> int | None:
        """The run's length, on a day it is marked (domain/figures.py: MOMENTS, the goal, a whole year)."""
        return moment(self.streak.current_streak_days, self.streak.goal_days)


def _safety_warning(user: object, plans: list[Plan]) -> bool:
    """The monitoring warning: once, for someone with a safety plan."""
    return getattr(user, "safety_warned_at", None) is None and any(p.mode == Mode.SAFETY.value for p in plans)


def _imports(plan: Plan) -> list[Any]:  # the imports app's batches (that app sits above this one)
    batches = list(plan.imports.all()[:20])
    for batch in batches:
        batch.plan = plan  # the owner is at hand: no query per batch to decrypt its file's name
    return batches


def _cards(plans: list[Plan]) -> list[PlanCard]:
    now = timezone.now()
    # A minimal plan's card counts its slips, which its figures have; the others need only the streak.
    figures = selectors.plans_figures([plan for plan in plans if plan.mode == Mode.MINIMAL.value], as_of=now)
    streaks = selectors.plans_streaks([plan for plan in plans if plan.pk not in figures], as_of=now)
    streaks.update((pk, f.streak) for pk, f in figures.items())
    counts = selectors.plans_minimal_counts(plans, figures=figures)
    return [PlanCard(plan, streaks[plan.pk], counts=counts.get(plan.pk)) for plan in plans]


def _card(plan: Plan, undo: Contact | None = None) -> PlanCard:
    card = _cards([plan])[0]
    card.undo = undo
    return card


def _full_card(plan: Plan) -> PlanCard:
    figures = selectors.plan_figures(plan, as_of=timezone.now())
    counts = selectors.plans_minimal_counts([plan], figures={plan.pk: figures}).get(plan.pk)
    return PlanCard(plan, figures.streak, figures, counts=counts)


def _undo_offered(request: AuthenticatedHttpRequest) -> Contact | None:
    """The entry the quick log just wrote, while it can still be taken back."""
    public_id = request.session.get(UNDO_KEY)
    if not public_id:
        return None
    since = timezone.now() - services.UNDO_WINDOW
    return selectors.contact_undoable(request.user, public_id, since=since)


def _discreet(request: AuthenticatedHttpRequest) -> bool:
    return bool(getattr(request.user, "discreet", False))


@login_required
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    plans = selectors.plan_list(request.user)
    cards = _cards(plans)
    undo = _undo_offered(request)
    for card in cards:
        if undo is not None and undo.plan_id == card.plan.pk:
            card.undo = undo
    context = {
        "cards": cards,
        "mood_choices": render_once(
            "journal/_mood_choices.html",
            feelings=FEELINGS,
            intensities=tuple(range(INTENSITY_MIN, INTENSITY_MAX + 1)),
            default=None,  # optional, and nothing chosen in advance (without one, the default is kept)
        ),
        "safety_warning": _safety_warning(request.user, plans),
    }
    return render(request, "plans/dashboard.html", context)


@login_required
def kept(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A quiet page of what the person has kept: each plan's days, its longest run and the moments reached."""
    plans = selectors.plan_list(request.user)
    figures = selectors.plans_figures(plans, as_of=timezone.now())
    rows = [
        {
            "plan": plan,
            "figures": figures[plan.pk],
            "moments": moments_reached(figures[plan.pk].longest_streak_days, plan.goal_days),
            "minimal": plan.mode == Mode.MINIMAL.value,
        }
        for plan in plans
    ]
    return render(request, "plans/kept.html", {"rows": rows})


def _new_plan_initial(request: AuthenticatedHttpRequest) -> dict[str, str]:
    """Defaults that agree with each other in every zone: "now", on the clock of the zone offered.

    The zone is that of the newest plan, if any; else it is left to the browser, whose script fills in
    the zone and sets "now" to its clock (plans/static/plans/plan_form.js). Without a script, the form
    sends back the "now" it showed and its zone: unchanged, it is read as shown (NewPlanForm.clean)."""
    plans = selectors.plan_list(request.user)
    tz = plans[-1].tz if plans else ""
    shown = wall_clock(timezone.now(), tz or "UTC")
    return {"started_at": shown, "tz": tz, "shown_now": shown, "shown_tz": tz or "UTC"}


@login_required
def plan_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    discreet = _discreet(request)
    if request.method == "POST":
        form = NewPlanForm(request.POST, discreet=discreet)
    else:
        form = NewPlanForm(initial=_new_plan_initial(request), discreet=discreet)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        now = timezone.now()
        data["started_at"] = as_now_if_just_ahead(data["started_at"], now)
        screening = form.screening()
        screened = data.pop("screened", False)
        if not screened and data["mode"] != Mode.SAFETY.value and screening_suggests_safety(screening):
            # Suggest, never decide: the same form comes back once, with safety mode explained.
            form = NewPlanForm({**request.POST.dict(), "screened": "on"}, discreet=discreet)
            form.is_valid()
            return render(request, "plans/plan_form.html", {"form": form, "creating": True, "suggest_safety": True})
        try:
            plan = services.plan_create(user=request.user, now=now, **data)
        except ServiceError as exc:
            add_service_error(form, exc, discreet=discreet)
        else:
            _say_clock_change(request, "started_at", plan.tz)
            if plan.mode == Mode.MINIMAL.value:
                # Minimal contact is defined by its boundaries: setting them is the next step.
                flash.success(
                    request, messages.MINIMAL_NEXT_BOUNDARIES_DISCREET if discreet else messages.MINIMAL_NEXT_BOUNDARIES
                )
                return redirect("plans:boundaries", public_id=plan.public_id)
            return redirect("plans:plan_detail", public_id=plan.public_id)
    return render(request, "plans/plan_form.html", {"form": form, "creating": True}, status=400 if form.errors else 200)


@login_required
def plan_detail(request: AuthenticatedHttpRequest, public_id: str) -> HttpResponse:
    plan = selectors.plan_get(request.user, public_id)
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
    }
    return render(request, "plans/plan_detail.html", context)


@login_required
def plan_edit(request: AuthenticatedHttpRequest, public_id: str) -> HttpResponse:
    plan = selectors.plan_get(request.user, public_id)
    initial = {
        "name": plan.name,
        "mode": plan.mode,
        "started_at": wall_clock(plan.started_at, plan.tz),
        "tz": plan.tz,
        "goal_days": plan.goal_days,
        "reason": plan.reason,
        "count_indirect": plan.count_indirect,
    }
    form = PlanForm(request.POST or None, initial=initial, discreet=_discreet(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(plan=plan, now=timezone.now(), **form.cleaned_data)
        except ServiceError as exc:
            add_service_error(form, exc, discreet=_discreet(request))
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
def plan_delete(request: AuthenticatedHttpRequest, public_id: str) -> HttpResponse:
    plan = selectors.plan_get(request.user, public_id)
    if request.method == "POST":
        services.plan_delete(plan=plan)
        deleted = messages.PLAN_DELETED_DISCREET if _discreet(request) else messages.PLAN_DELETED.format(name=plan.name)
        flash.success(request, deleted)
        return redirect("plans:dashboard")
    return render(request, "plans/plan_delete.html", {"plan": plan})


def _say_clock_change(request: AuthenticatedHttpRequest, field: str, tz_name: str) -> None:
    """After saving: a time the clocks skipped or showed twice says which instant it became."""
    notice = clock_notice(request.POST.get(field, ""), tz_name)
    if notice:
        flash.info(request, notice)


def _contact_form(request: AuthenticatedHttpRequest, plan: Plan, initial: Mapping[str, object]) -> ContactForm:
    return ContactForm(request.POST or None, initial=initial, tz_name=plan.tz, minimal=plan.mode == Mode.MINIMAL.value)


def _would_be_slip(plan: Plan, entry: Mapping[str, object]) -> bool:
    return is_slip(
        channel=str(entry["channel"]),
        direction=str(entry["direction"]),
        permitted=bool(entry.get("permitted")),
        count_indirect=plan.count_indirect,
    )


def _slip_sentence(plan: Plan, effect: SlipEffect) -> str:
    """What a slip will do to the run, said before it is written."""
    if effect.kind == "today":
        return messages.SLIP_CONFIRM_TODAY
    if effect.kind == "earlier":
        return messages.SLIP_CONFIRM_EARLIER.format(days=effect.days)
    if plan.mode == Mode.MINIMAL.value:
        return messages.SLIP_CONFIRM_MINIMAL.format(days=effect.days)
    return messages.SLIP_CONFIRM.format(days=effect.days)


def _logged_message(request: AuthenticatedHttpRequest, contact: Contact) -> str:
    if services.contact_is_slip(contact):
        if contact.plan.mode == Mode.MINIMAL.value:
            return messages.SLIP_LOGGED_MINIMAL
        if _discreet(request):
            return messages.SLIP_LOGGED_DISCREET
    return services.contact_logged_message(contact)


@login_required
def contact_create(request: AuthenticatedHttpRequest, public_id: str) -> HttpResponse:
    plan = selectors.plan_get(request.user, public_id)
    form = _contact_form(request, plan, {"at": wall_clock(timezone.now(), plan.tz)})
    confirm = ""
    if request.method == "POST" and form.is_valid():
        now = timezone.now()
        data = form.cleaned_data
        data["at"] = as_now_if_just_ahead(data["at"], now)
        if (
            not request.POST.get("confirm")
            and data["at"] is not None
            and plan.started_at < data["at"] <= now
            and _would_be_slip(plan, data)
        ):
            confirm = _slip_sentence(plan, selectors.slip_effect(plan, at=data["at"], as_of=now))
        else:
            try:
                contact = services.contact_log(plan=plan, now=now, **data)
            except ServiceError as exc:
                add_service_error(form, exc)
            else:
                flash.success(request, _logged_message(request, contact))
                _say_clock_change(request, "at", plan.tz)
                return redirect("plans:plan_detail", public_id=plan.public_id)
    return render(
        request,
        "plans/contact_form.html",
        {"form": form, "plan": plan, "confirm": confirm},
        status=400 if form.errors else 200,
    )


@login_required
def contact_edit(request: AuthenticatedHttpRequest, public_id: str) -> HttpResponse:
    contact: Contact = selectors.contact_get(request.user, public_id)
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
def contact_delete(request: AuthenticatedHttpRequest, public_id: str) -> HttpResponse:
    contact = selectors.contact_get(request.user, public_id)
    plan = contact.plan
    services.contact_delete(contact=contact)
    flash.success(request, messages.CONTACT_DELETED)
    return redirect("plans:plan_detail", public_id=plan.public_id)


def _quick_log_refusal(form: QuickLogForm) -> str:
    return messages.QUICK_LOG_NEEDS_BOUNDARIES if set(form.errors) == {"boundaries"} else messages.QUICK_LOG_INCOMPLETE


@login_required
@require_POST
def contact_quick_log_hx(request: AuthenticatedHttpRequest, public_id: str) -> HttpResponse:
    """Logging from the dashboard: a slip is confirmed first, then "Undo" is offered on the card.

    Returns the refreshed card to htmx; without JavaScript, a confirmation page or a redirect."""
    plan = selectors.plan_get(request.user, public_id)
    form = QuickLogForm(request.POST, minimal=plan.mode == Mode.MINIMAL.value)
    notice, status, undo = "", 200, None
    now = timezone.now()
    if not form.is_valid():
        notice, status = _quick_log_refusal(form), 400
    elif not form.cleaned_data["confirm"] and _would_be_slip(plan, form.cleaned_data):
        confirm = {
            "sentence": _slip_sentence(plan, selectors.slip_effect(plan, at=now, as_of=now)),
            "fields": {k: form.cleaned_data[k] for k in ("channel", "direction", "boundaries") if form.cleaned_data[k]},
        }
        if not request.htmx:
            return render(request, "plans/quick_log_confirm.html", {"plan": plan, "confirm": confirm})
        return render(request, "plans/dashboard.html#plan_card", {"card": _card(plan), "confirm": confirm})
    else:
        try:
            contact = services.contact_log(plan=plan, at=now, now=now, **form.entry())
        except ServiceError as exc:
            notice, status = exc.message, 400
        else:
            notice, undo = _logged_message(request, contact), contact
            request.session[UNDO_KEY] = contact.public_id
    if not request.htmx:
        (flash.success if status == 200 else flash.error)(request, notice)
        return redirect("plans:dashboard")
    # htmx swaps only 2xx answers, so a refused entry comes back as 200 with its reason shown.
    card = _card(plan, undo)
    return render(request, "plans/dashboard.html#plan_card", {"card": card, "notice": notice, "refused": status != 200})


@login_required
@require_POST
def contact_undo_hx(request: AuthenticatedHttpRequest, public_id: str) -> HttpResponse:
    """Take back an entry the quick log just wrote. Only the owner's, and only for a short while."""
    contact = selectors.contact_get(request.user, public_id)
    plan = contact.plan
    try:
        services.contact_undo(contact=contact, now=timezone.now())
    except ServiceError as exc:
        notice, refused = exc.message, True
    else:
        notice, refused = messages.CONTACT_UNDONE, False
    if request.session.get(UNDO_KEY) == public_id:
        del request.session[UNDO_KEY]
    if not request.htmx:
        (flash.error if refused else flash.success)(request, notice)
        return redirect("plans:dashboard")
    context = {"card": _card(plan), "notice": notice, "refused": refused}
    return render(request, "plans/dashboard.html#plan_card", context)
