"""Cell administrators keep departments, offices and districts in the Wagtail admin."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .models import Department, District, Office


class DepartmentViewSet(ModelViewSet):
    model = Department
    icon = "group"
    menu_label = _("Departments")
    list_display = ["name", "name_hi", "code", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "name_hi", "code"]
    list_export = ["code", "name", "name_hi", "is_active"]
    form_fields = ["code", "name", "name_hi", "is_active"]
    inspect_view_enabled = True


class OfficeViewSet(ModelViewSet):
    model = Office
    icon = "home"
    menu_label = _("Offices")
    list_display = ["name", "name_hi", "department", "district"]
    list_filter = ["department", "district"]
    search_fields = ["name", "name_hi"]
    list_export = ["name", "name_hi", "department", "district"]
    form_fields = ["department", "name", "name_hi", "district"]

    def get_queryset(self, request):
        return Office.objects.select_related("department", "district")


class DistrictViewSet(ModelViewSet):
    model = District
    icon = "site"
    menu_label = _("Districts")
    list_display = ["name", "name_hi"]
    search_fields = ["name", "name_hi"]
    form_fields = ["name", "name_hi"]


class OrganisationGroup(ModelViewSetGroup):
    menu_label = _("Organisation")
    menu_icon = "group"
    menu_order = 300
    items = (
        DepartmentViewSet("departments"),
        OfficeViewSet("offices"),
        DistrictViewSet("districts"),
    )


@hooks.register("register_admin_viewset")
def register_organisation():
    return OrganisationGroup()
