"""Minimal contact on the web: a plan's boundaries, its permitted contact over time, the message checker, and
reading a message of theirs for its practical part."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.debug import sensitive_post_parameters

from nocontact import messages
from nocontact.accounts.http import AuthenticatedHttpRequest
from nocontact.boundaries.forms import BoundariesForm, CheckForm, ReadForm
from nocontact.boundaries.selectors import boundaries_of
from nocontact.boundaries.services import boundaries_set, check_draft, message_read
from nocontact.domain.checker.check import NOTHING_LEFT
from nocontact.domain.checker.classify import engine
from nocontact.domain.checker.read import NOTHING_ASKED
from nocontact.domain.contacts import Mode
from nocontact.domain.days import zone
from nocontact.errors import ServiceError
from nocontact.forms import add_service_error
from nocontact.plans import selectors
from nocontact.plans.models import CHANNEL_CHOICES, Plan


def _own_topics_text(own: dict[str, list[str]]) -> str:
    return "\n".join(f"{name}: {', '.join(words)}" for name, words in own.items())


def _minimal_plan(request: AuthenticatedHttpRequest, public_id: str) -> Plan:
    return selectors.plan_get(request.user, public_id)


@login_required
def boundaries_edit(request: AuthenticatedHttpRequest, public_id: str) -> HttpResponse:
    plan = _minimal_plan(request, public_id)
    row = boundaries_of(plan)
    initial: dict[str, Any] = {}
    if row is not None:
        initial = {
            "topics": row.topics,
            "own_topics": _own_topics_text(row.own_topics),
            "channels": row.channels,
            "days": row.days,
            "start_hour": row.start_hour,
            "end_hour": row.end_hour,
        }
    form = BoundariesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            boundaries_set(plan=plan, **form.cleaned_data)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            flash.success(request, messages.BOUNDARIES_SAVED)
            return redirect("plans:plan_detail", public_id=plan.public_id)
    return render(
        request,
        "boundaries/boundaries.html",
        {"form": form, "plan": plan, "minimal": plan.mode == Mode.MINIMAL.value},
        status=400 if form.errors else 200,
    )


@login_required
def permitted_contact(request: AuthenticatedHttpRequest, public_id: str) -> HttpResponse:
    """How often there was contact, on which channels, and how often it strayed, month by month."""
    plan = _minimal_plan(request, public_id)
    tz = zone(plan.tz)
    months: dict[str, Counter[str]] = {}
    channels: Counter[str] = Counter()
    labels = dict(CHANNEL_CHOICES)
    rows = (
        selectors.contact_list(plan)
        .filter(at__gt=plan.started_at)
        .values_list("at", "channel", "direction", "permitted", "strayed")
    )
    for at, channel, direction, permitted, strayed in rows:
        month = at.astimezone(tz).strftime("%Y-%m")
        counts = months.setdefault(month, Counter())
        counts["all"] += 1
        if direction == "incoming" and not permitted and not strayed:
            counts["incoming"] += 1
        elif permitted and not strayed:
            counts["within"] += 1
        elif permitted:
            counts["necessary"] += 1
        else:
            counts["strayed"] += 1
        channels[labels.get(channel, channel)] += 1
    table = [(month, months[month]) for month in sorted(months, reverse=True)]
    return render(
        request,
        "boundaries/permitted.html",
        {"plan": plan, "table": table, "channels": channels.most_common(), "total": sum(channels.values())},
    )


def _rules_only() -> str:
    """The one calm sentence the checker's pages show when it runs on its rules alone, else nothing."""
    return messages.CHECKER_RULES_ONLY if engine() == "rules" else ""


def _minimal_plans(request: AuthenticatedHttpRequest) -> list[Plan]:
    return [p for p in selectors.plan_list(request.user) if p.mode == Mode.MINIMAL.value]


@login_required
@sensitive_post_parameters("text")
def message_check(request: AuthenticatedHttpRequest) -> HttpResponse:
    plans = _minimal_plans(request)
    initial = {"plan": request.GET.get("plan", "")}
    form = CheckForm(request.POST or None, plans=plans, initial=initial, discreet=bool(request.user.discreet))
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = check_draft(
                text=form.cleaned_data["text"],
                plan=form.plans.get(form.cleaned_data["plan"]),
                channel=form.cleaned_data["channel"] or None,
                now=timezone.now(),
            )
        except ServiceError as exc:
            form.add_error("text", exc.message)
    return render(
        request,
        "boundaries/check.html",
        {
            "form": form,
            "result": result,
            "nothing_left": NOTHING_LEFT,
            "ok_text": messages.CHECK_OK,
            "review_text": messages.CHECK_REVIEW,
            "rules_only": _rules_only(),
        },
        status=400 if form.errors else 200,
    )


@login_required
@sensitive_post_parameters("text")
def message_read_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A message *from* them: only its practical part and what needs an answer; the rest folded away unread.

    POST only, so the message never reaches an address or a log; nothing of it is stored. After reading, the box
    is empty again: the whole message is not shown back.
    """
    chosen = request.GET.get("plan", "")
    plan = chosen if chosen in {p.public_id for p in _minimal_plans(request)} else ""  # for the link back
    form = ReadForm(request.POST or None)
    reading = None
    if request.method == "POST" and form.is_valid():
        try:
            reading = message_read(text=form.cleaned_data["text"])
        except ServiceError as exc:
            form.add_error("text", exc.message)
        else:
            form = ReadForm()
    folded = reading.folded if reading else 0
    return render(
        request,
        "boundaries/read.html",
        {
            "form": form,
            "reading": reading,
            "plan": plan,
            "nothing_practical": messages.READ_NOTHING_PRACTICAL,
            "nothing_asked": NOTHING_ASKED,
            "folded_summary": messages.READ_FOLDED.format(count=folded, s="" if folded == 1 else "s"),
            "rules_only": _rules_only(),
        },
        status=400 if form.errors else 200,
    )
