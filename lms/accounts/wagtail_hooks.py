"""Officers (the service particulars of user accounts) in the Wagtail admin.

Roles (group membership) and passwords stay in Wagtail's own Users screens; this screen
keeps what a department's records say about an officer."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import User


class OfficerViewSet(ModelViewSet):
    model = User
    icon = "user"
    menu_label = _("Officers")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["__str__", "employee_code", "designation", "level", "department", "district"]
    list_filter = ["level", "department", "gender", "is_active"]
    search_fields = ["first_name", "last_name", "username", "employee_code", "designation", "email"]
    list_export = [
        "employee_code",
        "username",
        "first_name",
        "last_name",
        "designation",
        "level",
        "department",
        "office",
        "district",
        "gender",
        "mobile",
        "email",
    ]
    export_filename = "officers"
    form_fields = [
        "username",
        "first_name",
        "last_name",
        "email",
        "employee_code",
        "designation",
        "level",
        "department",
        "office",
        "district",
        "gender",
        "mobile",
        "preferred_language",
        "is_active",
    ]

    def get_queryset(self, request):
        return User.objects.select_related("department", "office__department", "district")


@hooks.register("register_admin_viewset")
def register_officers():
    return OfficerViewSet("officers")
