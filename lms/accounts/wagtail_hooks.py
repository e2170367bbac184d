"""Officers (the service particulars of user accounts) in the Wagtail admin.

Roles (group membership) and passwords stay in Wagtail's own Users screens; this screen
keeps what a department's records say about an officer."""

from axes.models import AccessAttempt
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .choosers import coordinator_chooser_viewset
from .models import User


class OfficerViewSet(ModelViewSet):
    model = User
    icon = "user"
    menu_label = _("Officers")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["__str__", "employee_code", "designation", "level", "department", "district"]
    list_filter = ["level", "department", "gender", "is_active"]
    search_fields = [
        "first_name",
        "last_name",
        "name_hi",
        "username",
        "employee_code",
        "designation",
        "email",
    ]
    list_export = [
        "employee_code",
        "username",
        "first_name",
        "last_name",
        "name_hi",
        "designation",
        "designation_hi",
        "level",
        "department",
        "office",
        "district",
        "gender",
        "cadre",
        "mobile",
        "email",
    ]
    export_filename = "officers"
    form_fields = [
        "username",
        "first_name",
        "last_name",
        "name_hi",
        "email",
        "employee_code",
        "designation",
        "designation_hi",
        "level",
        "department",
        "office",
        "district",
        "gender",
        "cadre",
        "mobile",
        "preferred_language",
        "is_active",
    ]

    def get_queryset(self, request):
        return User.objects.select_related("department", "office__department", "district")


@hooks.register("register_admin_viewset")
def register_officers():
    return OfficerViewSet("officers")


@hooks.register("register_admin_viewset")
def register_coordinator_chooser():
    return coordinator_chooser_viewset


class FailedSignInViewSet(ModelViewSet):
    """Wrong-password counts kept by django-axes. A locked pair (user name and address)
    is unlocked by deleting its row, after Wagtail's confirmation page."""

    model = AccessAttempt
    icon = "lock"
    menu_label = _("Failed sign-ins")
    menu_order = 910
    add_to_admin_menu = True
    list_display = ["username", "ip_address", "failures_since_start", "attempt_time"]
    search_fields = ["username", "ip_address"]
    ordering = ["-attempt_time"]
    inspect_view_enabled = False
    form_fields = ["username"]  # never editable: the cell holds only view and delete

    def get_queryset(self, request):
        return self.model.objects.only(
            "username", "ip_address", "failures_since_start", "attempt_time"
        )


@hooks.register("register_admin_viewset")
def register_failed_sign_ins():
    return FailedSignInViewSet("failed-sign-ins")


class TwoFactorDeviceViewSet(ModelViewSet):
    """Authenticator apps registered for two-factor sign-in. Deleting one (after Wagtail's
    confirmation) turns two-factor sign-in off for that officer, e.g. for a lost phone."""

    model = TOTPDevice
    icon = "key"
    menu_label = _("Two-factor devices")
    menu_order = 920
    add_to_admin_menu = True
    list_display = ["user", "name", "confirmed", "last_used_at"]
    list_filter = ["confirmed"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    inspect_view_enabled = False
    form_fields = ["name"]  # never editable: the cell holds only view and delete

    def get_queryset(self, request):
        return TOTPDevice.objects.select_related("user")


@hooks.register("register_admin_viewset")
def register_two_factor_devices():
    return TwoFactorDeviceViewSet("two-factor-devices")
