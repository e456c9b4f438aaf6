"""Thin web views for the journal and mood."""

from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from nocontact import messages, registry
from nocontact.accounts.http import AuthenticatedHttpRequest
from nocontact.domain.days import zone
from nocontact.domain.feelings import FEELINGS, BadFeeling, Feeling, make_feeling
from nocontact.domain.prompts import PROMPT_KEYS, suggest_prompt
from nocontact.errors import ServiceError
from nocontact.forms import add_service_error
from nocontact.journal import selectors, services
from nocontact.journal.forms import FEELING_PREFIX, CheckInForm, EntryForm, SearchForm
from nocontact.journal.prompts import PROMPTS
from nocontact.journal.render import render_markdown

PAGE = 30
# Every form here carries words that are encrypted at rest: keep them out of error reports too.
SENSITIVE = ("text", "tags", "note", "own")


def _today(request: AuthenticatedHttpRequest):  # type: ignore[no-untyped-def]
    return selectors.user_today(request.user, now=timezone.now())


@login_required
@sensitive_post_parameters("q")
def journal_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The journal, newest first. A search is POSTed: what someone looks for in their own journal is as private
    as the journal, so it never goes into an address, the browser's history or a server log."""
    today = _today(request)
    form = SearchForm(request.POST if request.method == "POST" else None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    if query:
        entries = selectors.entry_search(request.user, query, today=today)
    else:
        entries = selectors.entry_list(request.user)
    params = request.POST if request.method == "POST" else request.GET
    page = Paginator(entries, PAGE).get_page(params.get("page"))
    rows = [(e, selectors.is_sealed(e, today=today)) for e in page.object_list]
    now = timezone.now()
    local_now = now.astimezone(zone(request.user.time_zone))
    suggestion = suggest_prompt(
        local_now=local_now,
        after_urge=registry.fact("paused_within_the_hour", request.user, now=now, default=False),
        milestone_today=selectors.milestone_today(request.user, now=now),
    )
    return render(
        request,
        "journal/list.html",
        {
            "rows": rows,
            "page": page,
            "form": form,
            "query": query,
            "suggestion": suggestion,
            "suggestion_title": PROMPTS[suggestion][0],
        },
    )


@login_required
@sensitive_post_parameters(*SENSITIVE)
def entry_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    today = _today(request)
    prompt = request.GET.get("prompt", "")
    prompt = prompt if prompt in PROMPT_KEYS else ""
    form = EntryForm(request.POST or None, initial={"entry_date": today, "prompt": prompt})
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.entry_create(user=request.user, today=today, **form.cleaned_data)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            flash.success(request, messages.JOURNAL_SAVED)
            return redirect("journal:entry_detail", public_id=entry.public_id)
    chosen = form.data.get("prompt") if form.is_bound else prompt
    return render(
        request,
        "journal/entry_form.html",
        {"form": form, "prompt": PROMPTS.get(chosen or ""), "prompts": PROMPTS},
        status=400 if form.errors else 200,
    )


@login_required
def entry_detail(request: AuthenticatedHttpRequest, public_id: str) -> HttpResponse:
    entry = selectors.entry_get(request.user, public_id)
    sealed = selectors.is_sealed(entry, today=_today(request))
    context = {"entry": entry, "sealed": sealed, "prompt": PROMPTS.get(entry.prompt)}
    if not sealed:
        context |= {"html": render_markdown(entry.text), "tags": entry.tags}
    return render(request, "journal/entry_detail.html", context)


@login_required
@sensitive_post_parameters(*SENSITIVE)
def entry_edit(request: AuthenticatedHttpRequest, public_id: str) -> HttpResponse:
    entry = selectors.entry_get(request.user, public_id)
    today = _today(request)
    if selectors.is_sealed(entry, today=today):
        return redirect("journal:entry_detail", public_id=entry.public_id)
    initial = {
        "text": entry.text,
        "entry_date": entry.entry_date,
        "mood": entry.mood,
        "tags": " ".join(entry.tags),
        "sealed_until": entry.sealed_until,
        "prompt": entry.prompt,
    }
    form = EntryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.entry_update(entry=entry, today=today, **form.cleaned_data)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            flash.success(request, messages.JOURNAL_SAVED)
            return redirect("journal:entry_detail", public_id=entry.public_id)
    return render(
        request,
        "journal/entry_form.html",
        {"form": form, "entry": entry, "prompt": PROMPTS.get(entry.prompt), "prompts": PROMPTS},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def entry_delete(request: AuthenticatedHttpRequest, public_id: str) -> HttpResponse:
    services.entry_delete(entry=selectors.entry_get(request.user, public_id))
    flash.success(request, messages.JOURNAL_DELETED)
    return redirect("journal:list")


def _feelings_from(form: CheckInForm) -> list[Feeling]:
    feelings = [
        make_feeling(name, form.cleaned_data[f"{FEELING_PREFIX}{name}"])
        for name in FEELINGS
        if form.cleaned_data.get(f"{FEELING_PREFIX}{name}") is not None
    ]
    own = (form.cleaned_data.get("own") or "").strip()
    if own:
        feelings.append(make_feeling(own, form.cleaned_data.get("own_intensity") or 3))
    return feelings


@login_required
@sensitive_post_parameters(*SENSITIVE)
def mood_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = CheckInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.checkin_create(
                user=request.user,
                feelings=_feelings_from(form),
                note=form.cleaned_data["note"],
                at=timezone.now(),
            )
        except BadFeeling:
            form.add_error("own", messages.MOOD_OWN_WORDS_BAD)
        except ServiceError as exc:
            form.add_error(None, exc.message)
        else:
            flash.success(request, messages.MOOD_SAVED)
            return redirect("journal:mood")
    weeks = 26 if request.GET.get("range") == "months" else 4
    chart = selectors.mood_chart(request.user, now=timezone.now(), weeks=weeks)
    recent = selectors.checkin_list(request.user)[:10]
    return render(
        request,
        "journal/mood.html",
        {"form": form, "chart": chart, "weeks": weeks, "recent": recent},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def mood_quick_checkin(request: AuthenticatedHttpRequest) -> HttpResponse:
    """One or two taps from the dashboard: an intensity (optional), then a feeling."""
    try:
        intensity = int(request.POST.get("intensity") or 3)
        feeling = make_feeling(request.POST.get("feeling", ""), intensity)
        if feeling.name not in FEELINGS:
            raise BadFeeling("not offered here")
        services.checkin_create(user=request.user, feelings=[feeling], at=timezone.now())
    except (BadFeeling, ValueError):
        flash.error(request, messages.MOOD_NEEDS_A_FEELING)
    else:
        flash.success(request, messages.MOOD_SAVED)
    return redirect("plans:dashboard")
