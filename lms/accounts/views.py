import base64
import io

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect, render, resolve_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.i18n import set_language as django_set_language
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from lms.core.languages import is_supported, remember_language

from . import selectors, services
from .forms import ProfileForm
from .landing import landing_url
from .two_factor import required_for

# The language a visitor chose with the switcher before signing in (kept in their session,
# which signing in carries over): it becomes their preferred language when they sign in.
CHOSEN_LANGUAGE_KEY = "language_chosen_before_sign_in"


def locked_out(request, response=None, credentials=None):
    """django-axes' lock-out page (AXES_LOCKOUT_CALLABLE): 429 with the wait in minutes."""
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    return render(request, "accounts/locked_out.html", {"cooloff_minutes": minutes}, status=429)


class SignInView(LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        """No (safe) ``?next=``: the role's desk (``landing.landing_url``)."""
        return landing_url(self.request.user)

    def form_valid(self, form):
        """Sign in, then switch to the officer's preferred language. A language chosen with
        the switcher before signing in (on the sign-in page or any page before it) is what
        the officer wants now: it becomes their preferred language first."""
        chosen = self.request.session.pop(CHOSEN_LANGUAGE_KEY, None)
        response = super().form_valid(form)
        if is_supported(chosen):
            services.set_preferred_language(user=self.request.user, language=chosen)
        language = self.request.user.preferred_language
        if is_supported(language):
            translation.activate(language)
            self.request.LANGUAGE_CODE = language
            remember_language(response, language)
        return response


def set_language(request):
    """The language switcher: Django's set_language (the cookie, back to ``next``), and for
    a signed-in officer the choice is saved as their preferred language. A visitor's choice
    is remembered in their session until they sign in, when it becomes their preference."""
    response = django_set_language(request)
    language = request.POST.get("language")
    if request.method == "POST" and is_supported(language):
        if request.user.is_authenticated:
            services.set_preferred_language(user=request.user, language=language)
        else:
            request.session[CHOSEN_LANGUAGE_KEY] = language
    return response


@login_required
def profile(request):
    user = request.user
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=selectors.profile_for(user=user))
        if form.is_valid():
            services.update_profile(
                user=user,
                actor=user,
                data={name: form.cleaned_data[name] for name in services.PROFILE_FIELDS},
            )
            language = user.preferred_language
            with translation.override(language):  # the message in the language just chosen
                messages.success(request, _("Your profile has been saved."))
            return remember_language(redirect("accounts:profile"), language)
    else:
        form = ProfileForm(instance=selectors.profile_for(user=user))
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "officer": selectors.profile_for(user=user)},
    )


# ------------------------------------------------------------------ two-factor sign-in
def _safe_next(request, default=None):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(default) if default else landing_url(request.user)


def _qr_svg(data: str) -> str:
    buffer = io.BytesIO()
    qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8).save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


@login_required
def two_factor_setup(request):
    """Turn on two-factor sign-in: scan the QR code (or type the key), enter a code."""
    user = request.user
    error = None
    device = TOTPDevice.objects.filter(
        pk=request.session.get("two_factor_pending"), user=user, confirmed=False
    ).first()
    if request.method == "POST" and device is not None:
        try:
            device = services.confirm_two_factor(
                user=user, device_id=device.pk, token=request.POST.get("token", "")
            )
        except services.AccountError as failure:
            error = str(failure)
        else:
            request.session.pop("two_factor_pending", None)
            otp_login(request, device)
            messages.success(request, _("Two-factor sign-in is on."))
            return redirect(_safe_next(request, "accounts:profile"))
    if device is None:
        device = services.start_two_factor(user=user)
        request.session["two_factor_pending"] = device.pk
    key = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "qr": _qr_svg(device.config_url),
            "key": " ".join(key[i : i + 4] for i in range(0, len(key), 4)),
            "error": error,
            "required": required_for(user),
            "next": _safe_next(request, "accounts:profile"),
        },
        status=400 if error else 200,
    )


@login_required
def two_factor_verify(request):
    """The second step of signing in: a code from the authenticator app."""
    user = request.user
    if not user.two_factor_enabled or user.is_verified():
        return redirect(_safe_next(request))
    error = None
    if request.method == "POST":
        token = request.POST.get("token", "").strip().replace(" ", "")
        device = match_token(user, token) if token.isdigit() else None
        if device is not None:
            otp_login(request, device)
            return redirect(_safe_next(request))
        error = _("That code is not right, or too many codes were tried: wait and try again.")
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"error": error, "next": _safe_next(request)},
        status=400 if error else 200,
    )


@login_required
def two_factor_disable(request):
    """Turn two-factor sign-in off (confirmation page first); refused for required roles."""
    if required_for(request.user):
        messages.error(
            request, _("Your role requires two-factor sign-in; it cannot be turned off.")
        )
        return redirect("accounts:profile")
    if request.method == "POST":
        services.remove_two_factor(user=request.user, actor=request.user)
        messages.success(request, _("Two-factor sign-in is off."))
        return redirect("accounts:profile")
    return render(request, "accounts/two_factor_disable.html")
