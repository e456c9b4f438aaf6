from __future__ import annotations

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib import messages as flash
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.views.decorators.http import require_POST

from nocontact import messages
from nocontact.accounts import selectors, services
from nocontact.accounts.backends import BACKEND
from nocontact.accounts.forms import CalmPasswordChangeForm, EraseForm, LoginForm, SignupForm, TokenForm
from nocontact.errors import ServiceError


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
def welcome(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/welcome.html")


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):  # type: ignore[no-untyped-def]
        from nocontact.safety.services import device_get
        from nocontact.safety.views import DEVICE_COOKIE

        context = super().get_context_data(**kwargs)
        context["locked"] = self.request.GET.get("locked") == "1"
        context["pin_device"] = device_get(self.request.COOKIES.get(DEVICE_COOKIE, "")) is not None
        return context


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = CalmPasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:settings")

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        response = super().form_valid(form)
        flash.success(self.request, messages.PASSWORD_CHANGED)
        return response


# Logging out clears what this site keeps in the browser: cookies (a trusted device too) and caches. Storage is
# wiped by the page itself (app.js) before it signs out, except what is sealed with the person's own key (a
# pause not yet sent, an unfinished entry): "storage" here would throw those away too.
CLEAR_ALL = '"cache", "cookies"'
# Erasing the account: nothing of it is worth keeping, sealed or not.
ERASE_ALL = '"cache", "cookies", "storage"'


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.POST.get("why") == "idle":
        # The idle lock: signed out, but a trusted device keeps its PIN.
        logout(request)
        response = redirect(reverse("accounts:login") + "?locked=1")
        response["Clear-Site-Data"] = '"cache"'
        return response
    logout(request)
    response = redirect("web:home")
    response["Clear-Site-Data"] = CLEAR_ALL
    return response


@login_required
def account_settings(request: HttpRequest) -> HttpResponse:
    tokens = selectors.token_list_for_user(request.user)  # type: ignore[arg-type]
    return render(
        request,
        "accounts/settings.html",
        {"tokens": tokens, "token_form": TokenForm()},
    )


@login_required
def account_export(request: HttpRequest) -> HttpResponse:
    """Everything the user has, decrypted, as a JSON download."""
    from nocontact.plans.export import user_export

    now = timezone.now()
    response = JsonResponse(
        user_export(request.user, now=now),  # type: ignore[arg-type]
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    response["Content-Disposition"] = f'attachment; filename="nocontact-export-{now:%Y-%m-%d}.json"'
    return response


@login_required
def account_delete(request: HttpRequest) -> HttpResponse:
    """Erase everything, with a typed confirmation. Says what it cannot reach."""
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        try:
            services.user_delete(user=user, confirmation=form.cleaned_data["confirmation"])  # type: ignore[arg-type]
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
def token_create(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if not form.is_valid():
        return redirect("accounts:settings")
    token, raw = services.token_create(user=request.user, name=form.cleaned_data["name"])  # type: ignore[arg-type]
    return render(request, "accounts/token_created.html", {"token": token, "raw": raw})


@login_required
@require_POST
def token_revoke(request: HttpRequest, public_id: str) -> HttpResponse:
    token = selectors.token_get_for_user(request.user, public_id)  # type: ignore[arg-type]
    services.token_revoke(token=token)
    flash.success(request, messages.TOKEN_REVOKED)
    return redirect("accounts:settings")
