"""Trainers and course directors author the simulator in the Wagtail admin: scenarios,
rulebooks (with their rules inline), categories, services, simulated offices, escalation /
appeal ladders (levels inline) and holiday calendars. Permissions are granted in
courses/setup.py (trainers add and change; course directors also delete)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .models import (
    Category,
    EscalationLadder,
    HolidayCalendar,
    Office,
    Rulebook,
    Scenario,
    ScenarioAssignment,
    Service,
)


class ScenarioViewSet(ModelViewSet):
    model = Scenario
    icon = "clipboard-list"
    menu_label = _("Scenarios")
    list_display = ["title", "rulebook", "difficulty", "is_active", "updated_at", "audit_link"]
    list_filter = ["rulebook", "difficulty", "is_active"]
    search_fields = ["title", "title_hi", "code", "grievance_text"]
    list_export = ["code", "title", "rulebook", "difficulty", "is_active"]
    export_filename = "simulator-scenarios"
    inspect_view_enabled = True

    def get_queryset(self, request):
        return Scenario.objects.select_related("rulebook")


class RulebookViewSet(ModelViewSet):
    model = Rulebook
    icon = "doc-full"
    menu_label = _("Rulebooks")
    list_display = ["name", "code", "calendar", "updated_at"]
    search_fields = ["name", "code"]
    inspect_view_enabled = True


class CategoryViewSet(ModelViewSet):
    model = Category
    icon = "tag"
    menu_label = _("Grievance categories")
    list_display = ["__str__", "rulebook", "code", "service", "is_others"]
    list_filter = ["rulebook", "is_others"]
    search_fields = ["name", "name_hi", "code"]

    def get_queryset(self, request):
        return Category.objects.select_related("rulebook", "parent", "service")


class ServiceViewSet(ModelViewSet):
    model = Service
    icon = "time"
    menu_label = _("Services and time limits")
    list_display = ["name", "rulebook", "limit_amount", "limit_unit", "is_rts"]
    list_filter = ["rulebook", "limit_unit", "is_rts"]
    search_fields = ["name", "name_hi", "code"]
    list_export = ["rulebook", "code", "name", "limit_amount", "limit_unit", "is_rts", "source"]
    export_filename = "simulator-services"


class OfficeViewSet(ModelViewSet):
    model = Office
    icon = "home"
    menu_label = _("Simulated offices")
    list_display = ["name", "organisation", "rulebook", "parent", "rank", "is_vigilance"]
    list_filter = ["rulebook", "is_vigilance"]
    search_fields = ["name", "organisation", "code"]

    def get_queryset(self, request):
        return Office.objects.select_related("rulebook", "escalation_ladder__rulebook", "parent")


class LadderViewSet(ModelViewSet):
    model = EscalationLadder
    icon = "order"
    menu_label = _("Escalation and appeal ladders")
    list_display = ["name", "rulebook", "kind"]
    list_filter = ["rulebook", "kind"]
    search_fields = ["name", "code"]

    def get_queryset(self, request):
        return EscalationLadder.objects.select_related("rulebook")


class HolidayCalendarViewSet(ModelViewSet):
    model = HolidayCalendar
    icon = "date"
    menu_label = _("Holiday calendars")
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


class AssignmentCreateView(CreateView):
    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()


class ScenarioAssignmentViewSet(ModelViewSet):
    """Trainers and course directors assign scenario sets to programmes (who passes is
    ``selectors.simulation_passes``; the leaderboard is /simulator/programmes/<id>/)."""

    model = ScenarioAssignment
    icon = "list-ul"
    menu_label = _("Scenario assignments")
    list_display = ["__str__", "programme", "min_score", "counts_toward_completion"]
    list_filter = ["counts_toward_completion"]
    search_fields = ["title", "programme__title", "programme__code"]

    def get_queryset(self, request):
        return ScenarioAssignment.objects.select_related("programme")

    add_view_class = AssignmentCreateView


class SimulatorGroup(ModelViewSetGroup):
    menu_label = _("Grievance simulator")
    menu_icon = "clipboard-list"
    menu_order = 230
    items = (
        ScenarioViewSet("sim_scenarios"),
        RulebookViewSet("sim_rulebooks"),
        CategoryViewSet("sim_categories"),
        ServiceViewSet("sim_services"),
        OfficeViewSet("sim_offices"),
        LadderViewSet("sim_ladders"),
        HolidayCalendarViewSet("sim_calendars"),
        ScenarioAssignmentViewSet("sim_assignments"),
    )


@hooks.register("register_admin_viewset")
def register_simulator():
    return SimulatorGroup()
