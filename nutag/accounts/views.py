import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nutag.accounts import services
from nutag.accounts.choices import UserKind
from nutag.accounts.forms import CodeForm, DevLoginForm, LoginForm
from nutag.accounts.models import User

_PENDING = "nutag_pending_second_factor"
_BACKEND = "nutag.accounts.backends.PasswordBackend"


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("home")


def _finish(request: HttpRequest, user: User, backend: str = _BACKEND) -> HttpResponse:
    services.login_succeeded(user=user)
    login(request, user, backend=backend)
    return HttpResponseRedirect(_next_url(request))


def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.staff_password_check(
                username=form.cleaned_data["username"], password=form.cleaned_data["password"]
            )
        except services.LoginRefused as error:
            form.add_error(None, error.message)
        else:
            if user.is_totp_enabled:
                request.session[_PENDING] = user.pk
                next_url = _next_url(request)
                return redirect(f"{reverse('accounts:second-factor')}?next={next_url}")
            return _finish(request, user)
    context = {
        "form": form,
        "next": _next_url(request),
        "oidc_enabled": settings.NUTAG_OIDC_ENABLED,
        "dev_login": settings.NUTAG_DEV_LOGIN,
    }
    return render(request, "accounts/login.html", context)


def second_factor_view(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(_PENDING)
    user = User.objects.filter(pk=pending).first() if pending else None
    if user is None:
        return redirect("accounts:login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.staff_second_factor_check(user=user, code=form.cleaned_data["code"])
        except services.LoginRefused as error:
            form.add_error("code", error.message)
        else:
            del request.session[_PENDING]
            return _finish(request, user)
    return render(request, "accounts/second_factor.html", {"form": form, "next": _next_url(request)})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("home")


def dev_login_view(request: HttpRequest) -> HttpResponse:
    """Demo only: sign in as a demo citizen without the national SSO. Off unless NUTAG_DEV_LOGIN is set."""
    if not settings.NUTAG_DEV_LOGIN:
        raise Http404
    citizens = User.objects.filter(kind=UserKind.CITIZEN, username__startswith="demo-").select_related(
        "home_territory"
    )
    if request.method == "POST":
        form = DevLoginForm(request.POST)
        if form.is_valid():
            user = citizens.filter(username=form.cleaned_data["username"]).first()
            if user is not None:
                return _finish(request, user)
        messages.error(request, _("Choose one of the demo citizens."))
    return render(request, "accounts/dev_login.html", {"citizens": citizens, "next": _next_url(request)})


@login_required
def second_factor_setup_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    if user.kind != UserKind.STAFF:
        raise Http404
    form = CodeForm(request.POST or None)
    if request.method == "POST" and "begin" in request.POST:
        services.totp_begin(user=user)
        return redirect("accounts:second-factor-setup")
    if request.method == "POST" and form.is_valid():
        try:
            services.totp_confirm(user=user, code=form.cleaned_data["code"])
        except services.ValidationFailed as error:
            form.add_error("code", error.message)
        else:
            messages.success(
                request, _("The second factor is on. You will be asked for a code when you sign in.")
            )
            return redirect("home")
    qr_svg = ""
    if user.totp_secret and not user.is_totp_enabled:
        qr_svg = segno.make(services.totp_uri(user), error="m").svg_inline(
            scale=4, title=_("QR code for your authenticator app")
        )
    return render(
        request,
        "accounts/second_factor_setup.html",
        {"form": form, "qr_svg": qr_svg, "secret": user.totp_secret},
    )
