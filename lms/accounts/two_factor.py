"""Two-factor sign-in (TOTP, django-otp) for the roles that hold the most power.

Anyone may turn it on from their profile; ``TWO_FACTOR_REQUIRED_ROLES`` (role names such
as CELL_ADMIN, HOD) makes it compulsory for those roles: after the password they are sent
to set it up before anything else. A signed-in user who has a confirmed device but has not
entered a code in this session is sent to the code page first. The API's token clients are
service accounts and are not affected (DRF authenticates them inside the view)."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from lms.core.roles import Role, has_role

from .models import User

EXEMPT_PREFIXES = ("/accounts/two-factor/", "/accounts/logout/", "/static/", "/media/")


def required_for(user) -> bool:
    names = getattr(settings, "TWO_FACTOR_REQUIRED_ROLES", [])
    return any(has_role(user, Role[name]) for name in names if name in Role.__members__)


class TwoFactorMiddleware:
    """After django_otp's OTPMiddleware: holds a session at the code (or set-up) page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(EXEMPT_PREFIXES)
        ):
            target = None
            if user.two_factor_enabled:  # a field, so no query on every request
                if not user.is_verified():
                    target = "accounts:two_factor_verify"
            elif required_for(user):
                target = "accounts:two_factor_setup"
            if target:
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse(target)}?{query}")
        return self.get_response(request)


def sync_two_factor_flag(sender, instance, **kwargs):
    """Keep ``User.two_factor_enabled`` equal to "has a confirmed device", however the
    device changed (the services, or the cell deleting it in the admin for a lost phone).
    Connected to the TOTP device's post_save and post_delete in ``AccountsConfig.ready``."""
    enabled = sender.objects.filter(user_id=instance.user_id, confirmed=True).exists()
    User.objects.filter(pk=instance.user_id).exclude(two_factor_enabled=enabled).update(
        two_factor_enabled=enabled
    )
