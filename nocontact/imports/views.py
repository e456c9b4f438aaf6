"""Import on the web: upload (kept encrypted while read), preview, import, undo."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from nocontact import messages
from nocontact.accounts.http import AuthenticatedHttpRequest
from nocontact.domain.days import zone
from nocontact.domain.imports.summary import ANSWERED_WITHIN_HOURS
from nocontact.errors import ServiceError
from nocontact.imports import services
from nocontact.imports.forms import ImportForm
from nocontact.imports.models import ImportBatch
from nocontact.imports.upload import SealedUpload, SealedUploadHandler
from nocontact.plans import selectors


@csrf_exempt
def upload(request: AuthenticatedHttpRequest, public_id: str) -> HttpResponse:
    # The upload streams into an encrypted spool; the handler must be set before the body is read,
    # which the CSRF check would do first. The check runs just after, below.
    limit = settings.IMPORT_MAX_MB * 1024 * 1024
    handler = SealedUploadHandler(request, limit=limit)
    request.upload_handlers = [handler]
    return _upload(request, public_id, handler)


@login_required
@csrf_protect
def _upload(request: AuthenticatedHttpRequest, public_id: str, handler: SealedUploadHandler) -> HttpResponse:
    plan = selectors.plan_get(request.user, public_id)
    # In discreet mode the name is not filled in for them: it would be on screen, unasked.
    discreet = bool(request.user.discreet)
    initial = {} if discreet else {"person": plan.name}
    form = ImportForm(request.POST or None, request.FILES or None, initial=initial, discreet=discreet)
    refused = ""
    if request.method == "POST":
        if handler.too_big:  # the upload stopped, so the form arrived without its fields
            refused = messages.IMPORT_TOO_BIG.format(limit=settings.IMPORT_MAX_MB)
        elif form.is_valid():
            sealed = form.cleaned_data["file"]
            try:
                if not isinstance(sealed, SealedUpload):
                    raise ServiceError(messages.IMPORT_NO_FILE, field="file")
                analysis = services.analyse(
                    name=sealed.name or "upload",
                    opener=sealed.spool.open,
                    person=form.cleaned_data["person"],
                    tz_name=plan.tz,
                    fmt=form.cleaned_data["format"],
                    me=form.cleaned_data["me"],
                    date_order=form.cleaned_data["date_order"],
                    group_counts=form.cleaned_data["group_counts"],
                    answered_within_hours=_hours(form.cleaned_data["answered_within_hours"]),
                    spool=sealed.spool,
                )
                batch = services.preview(plan=plan, analysis=analysis, now=timezone.now())
            except ServiceError as exc:
                field = exc.field if exc.field in form.fields else "file"
                answer = messages.IMPORT_ANSWER_WEB.get(exc.code, "")
                form.add_error(field, f"{exc.message} {answer}".strip())
            else:
                return redirect("imports:preview", public_id=batch.public_id)
            finally:
                if isinstance(sealed, SealedUpload):
                    sealed.close()
    status = 400 if form.errors or refused else 200
    return render(request, "imports/upload.html", {"plan": plan, "form": form, "refused": refused}, status=status)


def _hours(value: int | None) -> int:
    return ANSWERED_WITHIN_HOURS if value is None else value


WHEN = ("first_contact", "last_contact", "last_sent", "last_received")


def _in_words(stamp: str | None, tz: str) -> str | None:
    """'2026-12-01T23:12:00+00:00' as a person reads it, in the plan's zone: 'Tuesday 1 December 2026, 23:12'."""
    if not stamp:
        return None
    moment = datetime.fromisoformat(stamp).astimezone(zone(tz))
    return f"{moment:%A} {moment.day} {moment:%B %Y, %H:%M}"


def _batch(request: AuthenticatedHttpRequest, public_id: str) -> ImportBatch:
    batch = get_object_or_404(ImportBatch.objects.select_related("plan"), plan__user=request.user, public_id=public_id)
    batch.plan.user = request.user
    return batch


@login_required
def preview(request: AuthenticatedHttpRequest, public_id: str) -> HttpResponse:
    batch = _batch(request, public_id)
    plan = batch.plan
    now = timezone.now()
    if request.method == "POST":
        if request.POST.get("action") == "cancel":
            services.cancel(batch=batch)
            flash.success(request, messages.IMPORT_CANCELLED)
            return redirect("plans:plan_detail", public_id=plan.public_id)
        try:
            services.apply(batch=batch, now=now)
        except ServiceError as exc:
            flash.error(request, exc.message)
        else:
            text = messages.IMPORT_DONE.format(count=batch.added) if batch.added else messages.IMPORT_NOTHING_NEW
            flash.success(request, text)
        return redirect("plans:plan_detail", public_id=plan.public_id)
    report = batch.summary
    when = {key: _in_words(report.get(key), plan.tz) for key in WHEN}
    context: dict[str, object] = {"batch": batch, "plan": plan, "report": report, "when": when}
    if batch.status == ImportBatch.PREVIEW:
        before, after, fresh = services.figures_after(plan=plan, entries=services.pending_entries(batch), now=now)
        context |= {"before": before, "after": after, "fresh": fresh}
    return render(request, "imports/preview.html", context)


@login_required
@require_POST
def undo(request: AuthenticatedHttpRequest, public_id: str) -> HttpResponse:
    batch = _batch(request, public_id)
    try:
        removed = services.undo(batch=batch, now=timezone.now())
    except ServiceError as exc:
        flash.error(request, exc.message)
    else:
        flash.success(request, messages.IMPORT_UNDONE.format(count=removed))
    return redirect("plans:plan_detail", public_id=batch.plan.public_id)
