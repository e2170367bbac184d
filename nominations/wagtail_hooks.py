"""Programmes are scheduled in the Wagtail admin (sessions and quotas inline); the cell's
programme desk (/cell/programmes/<id>/) is linked from each row."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from courses.models import Programme


class ProgrammeViewSet(ModelViewSet):
    model = Programme
    icon = "date"
    menu_label = _("Programmes")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["code", "title", "course", "starts_on", "ends_on", "mode", "status", "capacity"]
    list_filter = ["status", "mode", "course"]
    search_fields = ["code", "title", "venue"]
    list_export = [
        "code",
        "title",
        "course",
        "mode",
        "venue",
        "starts_on",
        "ends_on",
        "capacity",
        "nomination_opens_at",
        "nomination_closes_at",
        "status",
    ]
    export_filename = "programmes"
    inspect_view_enabled = True

    def get_queryset(self, request):
        return Programme.objects.select_related("course")


programme_viewset = ProgrammeViewSet("programme")


@hooks.register("register_admin_viewset")
def register_programmes():
    return programme_viewset
