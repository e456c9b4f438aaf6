from __future__ import annotations

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib import messages as flash
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required, login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from nocontact import messages
from nocontact.accounts import devices, selectors, services
from nocontact.accounts.backends import BACKEND
from nocontact.accounts.devices import DEVICE_COOKIE, describe, device_get
from nocontact.accounts.forms import (
    CalmPasswordChangeForm,
    EraseForm,
    LoginForm,
    RecoverForm,
    SignupForm,
    ThemeForm,
    TimeZoneForm,
    TokenForm,
    WelcomeForm,
)
from nocontact.accounts.http import AuthenticatedHttpRequest
from nocontact.accounts.models import AccountSession
from nocontact.errors import ServiceError
from nocontact.forms import add_service_error


def _device(request: HttpRequest) -> str:
    return describe(request.headers.get("User-Agent"))


def _forget_device_cookie(response: HttpResponse) -> HttpResponse:
    response.delete_cookie(DEVICE_COOKIE, samesite="Strict")
    return response


@login_not_required
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("plans:dashboard")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ip = get_client_ip_address(request) or "unknown"
        if not services.signup_allowed(ip=ip, now=timezone.now(), limit=settings.SIGNUP_LIMIT_PER_HOUR):
            form.add_error(None, messages.SIGNUP_THROTTLED)
        else:
            try:
                user = services.user_sign_up(
                    name=form.cleaned_data["username"], password=form.cleaned_data["password1"]
                )
            except ServiceError as exc:
                form.add_error(exc.field, exc.message)
            else:
                login(request, user, backend=BACKEND)
                return redirect("accounts:welcome")
    return render(request, "accounts/signup.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@sensitive_post_parameters("password")
def welcome(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The login name, shown and also offered to the browser's password manager with the password, so
    that what a browser saves is the real name with its number (not only what was typed at sign-up)."""
    form = WelcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if request.user.check_password(form.cleaned_data["password"]):
            return redirect("plans:plan_create")
        form.add_error("password", messages.WELCOME_PASSWORD_WRONG)
    return render(request, "accounts/welcome.html", {"form": form}, status=400 if form.errors else 200)


FIRST_RUN_STEPS = 3


@login_required
def first_run(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Three short screens after sign-up (what counts, how the days are counted, where the pause is); skippable."""
    try:
        step = min(max(int(request.GET.get("step", "1")), 1), FIRST_RUN_STEPS)
    except ValueError:
        step = 1
    context = {"step": step, "steps": range(1, FIRST_RUN_STEPS + 1), "last": step == FIRST_RUN_STEPS}
    return render(request, "accounts/first_run.html", context)


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):  # type: ignore[no-untyped-def]
        context = super().get_context_data(**kwargs)
        context["locked"] = messages.IDLE_LOCKED if self.request.GET.get("locked") == "1" else ""
        context["pin_device"] = device_get(self.request.COOKIES.get(DEVICE_COOKIE, "")) is not None
        return context


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = CalmPasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:settings")

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        response = super().form_valid(form)  # keeps this session signed in, with the new password
        services.password_changed(
            user=form.user,
            keep_session_key=self.request.session.session_key,
            now=timezone.now(),
            device=_device(self.request),
        )
        flash.success(self.request, messages.PASSWORD_CHANGED)
        return _forget_device_cookie(response)


# Logging out clears what this site keeps in the browser: cookies (a trusted device too) and caches. Storage is
# wiped by the page itself (app.js) before it signs out, except what is sealed with the person's own key (a
# pause not yet sent, an unfinished entry): "storage" here would throw those away too.
CLEAR_ALL = '"cache", "cookies"'
# Erasing the account: nothing of it is worth keeping, sealed or not.
ERASE_ALL = '"cache", "cookies", "storage"'


@login_not_required
@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.POST.get("why") == "idle":
        # The idle lock: signed out, but a trusted device keeps its PIN.
        logout(request)
        response = redirect(reverse("accounts:login") + "?locked=1")
        response["Clear-Site-Data"] = '"cache"'
        return response
    raw = request.COOKIES.get(DEVICE_COOKIE, "")
    if request.user.is_authenticated and raw:
        # Signing out on purpose also ends this device's trust: its PIN no longer opens the account.
        devices.device_forget(user=request.user, raw=raw)
    logout(request)
    response = redirect("web:home")
    response["Clear-Site-Data"] = CLEAR_ALL
    return _forget_device_cookie(response)


def _settings_page(
    request: AuthenticatedHttpRequest,
    *,
    tz_form: TimeZoneForm | None = None,
    theme_form: ThemeForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    tokens = selectors.token_list_for_user(user)
    context = {
        "tokens": tokens,
        "token_form": TokenForm(),
        "tz_form": tz_form or TimeZoneForm(initial={"tz": user.time_zone}),
        "theme_form": theme_form or ThemeForm(initial={"theme": user.theme}),
        "has_recovery": bool(user.recovery_hash),
        "refresh_cache": request.session.pop("refresh_cache", False),
    }
    return render(request, "accounts/settings.html", context, status=status)


@login_required
def account_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _settings_page(request)


@login_required
@require_POST
def account_time_zone(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = TimeZoneForm(request.POST)
    if form.is_valid():
        try:
            tz = services.time_zone_set(user=request.user, tz=form.cleaned_data["tz"])
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            flash.success(request, messages.TIME_ZONE_SAVED.format(tz=tz))
            return redirect("accounts:settings")
    return _settings_page(request, tz_form=form, status=400)


@login_required
@require_POST
def account_theme(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ThemeForm(request.POST)
    if form.is_valid():
        try:
            services.theme_set(user=request.user, theme=form.cleaned_data["theme"])
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            flash.success(request, messages.THEME_SAVED)
            request.session["refresh_cache"] = True  # the pause kept offline would keep the old look
            return redirect("accounts:settings")
    return _settings_page(request, theme_form=form, status=400)


@login_required
def account_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Everything the user has, decrypted, as a JSON download."""
    from nocontact.registry import user_export

    now = timezone.now()
    response = JsonResponse(
        user_export(request.user, now=now),
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    response["Content-Disposition"] = f'attachment; filename="nocontact-export-{now:%Y-%m-%d}.json"'
    return response


@login_required
def account_delete(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Erase everything, with a typed confirmation. Says what it cannot reach."""
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        try:
            services.user_delete(user=user, confirmation=form.cleaned_data["confirmation"])
        except ServiceError as exc:
            form.add_error(exc.field, exc.message)
        else:
            logout(request)
            response = render(request, "accounts/erased.html")
            response["Clear-Site-Data"] = ERASE_ALL
            return response
    return render(request, "accounts/delete.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_POST
def token_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if not form.is_valid():
        return redirect("accounts:settings")
    token, raw = services.token_create(user=request.user, name=form.cleaned_data["name"])
    return render(request, "accounts/token_created.html", {"token": token, "raw": raw})


@login_required
@require_POST
def token_revoke(request: AuthenticatedHttpRequest, public_id: str) -> HttpResponse:
    token = selectors.token_get_for_user(request.user, public_id)
    services.token_revoke(token=token)
    flash.success(request, messages.TOKEN_REVOKED)
    return redirect("accounts:settings")


# --- Where you are signed in, and the access log -------------------------------------------------


@login_required
def access(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every way into the account (sessions, trusted devices, API tokens), each revocable, and the access log."""
    user = request.user
    now = timezone.now()
    here = devices.device_digest(request.COOKIES.get(DEVICE_COOKIE, ""))
    return render(
        request,
        "accounts/access.html",
        {
            "sessions": selectors.session_list_for_user(user, now=now),
            "current_key": request.session.session_key,
            "devices": selectors.device_list_for_user(user),
            "this_device": here,
            "tokens": [t for t in selectors.token_list_for_user(user) if t.active],
            "events": selectors.access_list_for_user(user, now=now),
        },
    )


@login_required
@require_POST
def session_end(request: AuthenticatedHttpRequest, public_id: str) -> HttpResponse:
    key = request.session.session_key
    if key and AccountSession(session_key=key).public_id == public_id:  # this very session: simply sign out
        logout(request)
        return redirect("accounts:login")
    ended = services.session_end(user=request.user, public_id=public_id)
    flash.success(request, messages.SESSION_ENDED) if ended else flash.info(request, messages.SESSION_NOT_FOUND)
    return redirect("accounts:access")


@login_required
@require_POST
def device_forget(request: AuthenticatedHttpRequest, public_id: str) -> HttpResponse:
    forgotten = devices.device_forget_by_id(user=request.user, public_id=public_id)
    flash.success(request, messages.DEVICE_FORGOTTEN) if forgotten else flash.info(request, messages.DEVICE_NOT_FOUND)
    return redirect("accounts:access")


@login_required
@require_POST
def sign_out_everywhere_else(request: AuthenticatedHttpRequest) -> HttpResponse:
    services.signed_out_everywhere_else(
        user=request.user,
        keep_session_key=request.session.session_key,
        keep_device_digest=devices.device_digest(request.COOKIES.get(DEVICE_COOKIE, "")),
        now=timezone.now(),
        device=_device(request),
    )
    flash.success(request, messages.SIGNED_OUT_ELSEWHERE)
    return redirect("accounts:access")


# --- The recovery code --------------------------------------------------------------------------


@login_required
@require_POST
def recovery_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    code = services.recovery_code_create(user=request.user)
    return render(request, "accounts/recovery_code.html", {"code": code})


@login_required
@require_POST
def recovery_remove(request: AuthenticatedHttpRequest) -> HttpResponse:
    services.recovery_code_remove(user=request.user)
    flash.success(request, messages.RECOVERY_REMOVED)
    return redirect("accounts:settings")


@login_not_required
@sensitive_post_parameters("code", "new_password1", "new_password2")
def recover(request: HttpRequest) -> HttpResponse:
    """Forgot the password: the login name and the recovery code set a new one."""
    if request.user.is_authenticated:
        return redirect("accounts:password_change")
    form = RecoverForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        ip = get_client_ip_address(request) or "unknown"
        if not services.recovery_allowed(key=ip, now=timezone.now(), limit=settings.RECOVERY_LIMIT_PER_HOUR):
            form.add_error(None, messages.RECOVERY_THROTTLED)
        else:
            try:
                user = services.password_recover(
                    username=form.cleaned_data["username"],
                    code=form.cleaned_data["code"],
                    password=form.cleaned_data["new_password1"],
                    now=timezone.now(),
                    device=_device(request),
                )
            except ServiceError as exc:
                form.add_error(exc.field, exc.message)
            else:
                login(request, user, backend=BACKEND)
                flash.success(request, messages.PASSWORD_RECOVERED)
                return _forget_device_cookie(redirect("accounts:settings"))
    return render(request, "accounts/recover.html", {"form": form}, status=400 if form.errors else 200)
