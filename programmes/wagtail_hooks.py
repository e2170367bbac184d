"""Programmes are scheduled in the Wagtail admin (sessions and quotas inline); the cell's
programme desk (/cell/programmes/<id>/) is linked from each list row and from the edit
screen. Cell administrators have add/change/view permission on programmes (courses/setup.py);
trainers and course directors have none, so the viewset refuses them."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, MenuItem

from courses.models import Programme
from lms.accounts.choosers import coordinator_chooser_viewset
from lms.accounts.selectors import coordinator_candidates
from nominations.enums import SEAT_STATES


def desk_url(programme: Programme) -> str:
    return reverse("cell:programme", args=[programme.pk])


def _dates(programme: Programme) -> str:
    return f"{programme.starts_on:%d/%m/%Y} – {programme.ends_on:%d/%m/%Y}"


def _seats(programme: Programme) -> str:
    taken = getattr(programme, "seats_taken", None)
    return f"{programme.capacity}" if taken is None else f"{taken} / {programme.capacity}"


class ProgrammeAdminForm(WagtailAdminModelForm):
    """The coordinator is chosen from the cell's staff (cell administrators and trainers)
    in a searchable chooser showing username and department; a coordinator chosen earlier
    who is no longer staff stays valid on their programme."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("coordinator")
        if field is None:
            return
        candidates = Q(pk__in=coordinator_candidates().values("pk"))
        if self.instance.coordinator_id:
            candidates |= Q(pk=self.instance.coordinator_id)
        field.queryset = field.queryset.model.objects.filter(candidates)
        field.widget = coordinator_chooser_viewset.widget_class()
        field.help_text = _("A cell administrator or trainer; they mark the attendance.")


class ProgrammeIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("course")
            .annotate(
                seats_taken=Count("nominations", filter=Q(nominations__state__in=SEAT_STATES))
            )
        )

    def get_list_more_buttons(self, instance):
        return [
            MenuItem(_("Programme desk"), url=desk_url(instance), icon_name="tasks", priority=5),
            *super().get_list_more_buttons(instance),
        ]


class ProgrammeEditView(generic.EditView):
    @cached_property
    def header_more_buttons(self):
        return [
            Button(_("Programme desk"), url=desk_url(self.object), icon_name="tasks", priority=5),
            *super().header_more_buttons,
        ]


class ProgrammeViewSet(ModelViewSet):
    model = Programme
    icon = "date"
    menu_label = _("Programmes")
    menu_order = 200
    add_to_admin_menu = True
    index_view_class = ProgrammeIndexView
    edit_view_class = ProgrammeEditView
    list_display = [
        "code",
        "title",
        "course",
        Column("dates", label=_("Dates"), accessor=_dates, sort_key="starts_on"),
        "mode",
        "status",
        Column("seats", label=_("Seats taken"), accessor=_seats),
    ]
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
    export_headings = {"capacity": _("Seats")}
    export_filename = "programmes"
    inspect_view_enabled = True

    def get_edit_handler(self):
        return ObjectList(Programme.panels, base_form_class=ProgrammeAdminForm).bind_to_model(
            Programme
        )


programme_viewset = ProgrammeViewSet("programme")


@hooks.register("register_admin_viewset")
def register_programmes():
    return programme_viewset
