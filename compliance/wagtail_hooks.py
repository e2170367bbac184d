"""The cell's admin screens: training rules, exemptions and the roles officers hold
(permissions from ``courses/setup.py``: cell administrators only). Exemptions and roles are
saved through ``compliance.services``, so each is audited."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from courses.models import CoursePage
from lms.core.languages import default_locale_id

from . import services
from .models import Exemption, Reminder, RoleHeld, TrainingRule


class TrainingRuleForm(WagtailAdminModelForm):
    """Courses are chosen among the English pages, where learning records are kept."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("courses")
        if field is not None:
            field.queryset = CoursePage.objects.filter(locale_id=default_locale_id()).order_by(
                "title"
            )


class TrainingRuleViewSet(ModelViewSet):
    model = TrainingRule
    icon = "list-ul"
    menu_label = _("Training rules")
    list_display = ["name", "department", "due_within_days", "valid_years", "starts_on"]
    list_filter = ["is_active", "department"]
    search_fields = ["name", "name_hi", "designation"]
    edit_handler = ObjectList(TrainingRule.panels, base_form_class=TrainingRuleForm)


class ExemptionCreateView(generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return services.exempt(
            officer=data["officer"],
            rule=data["rule"],
            reason=data["reason"],
            actor=self.request.user,
        )


class ExemptionDeleteView(generic.DeleteView):
    def delete_action(self):
        services.remove_exemption(exemption=self.object, actor=self.request.user)


class ExemptionViewSet(ModelViewSet):
    model = Exemption
    icon = "pick"
    menu_label = _("Exemptions")
    list_display = ["officer", "rule", "granted_by", "granted_at"]
    list_filter = ["rule"]
    search_fields = ["officer__first_name", "officer__last_name", "reason"]
    form_fields = ["officer", "rule", "reason"]
    add_view_class = ExemptionCreateView
    delete_view_class = ExemptionDeleteView
    edit_view_enabled = False
    inspect_view_enabled = True


class RoleHeldCreateView(generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return services.set_role(
            officer=data["officer"],
            kind=data["kind"],
            scope=data["scope"],
            from_date=data["from_date"],
            to_date=data["to_date"],
            actor=self.request.user,
        )


class RoleHeldEditView(generic.EditView):
    def save_instance(self):
        data = self.form.cleaned_data
        return services.change_role(
            role=self.object,
            scope=data["scope"],
            from_date=data["from_date"],
            to_date=data["to_date"],
            actor=self.request.user,
        )


class RoleHeldViewSet(ModelViewSet):
    model = RoleHeld
    icon = "user"
    menu_label = _("Roles held")
    list_display = ["officer", "kind", "scope", "from_date", "to_date"]
    list_filter = ["kind"]
    search_fields = ["officer__first_name", "officer__last_name", "scope"]
    form_fields = ["officer", "kind", "scope", "from_date", "to_date"]
    add_view_class = RoleHeldCreateView
    edit_view_class = RoleHeldEditView


class ReminderViewSet(ModelViewSet):
    """The reminders sent to officers and, in the weekly digest, to their HODs (the cell
    has view permission only)."""

    model = Reminder
    icon = "mail"
    menu_label = _("Reminders sent")
    list_display = ["officer", "rule", "state", "deadline", "sent_at", "digested_at"]
    list_filter = ["state", "rule", "department"]
    search_fields = ["officer__first_name", "officer__last_name"]
    form_fields = ["state"]
    inspect_view_enabled = True


class ComplianceGroup(ModelViewSetGroup):
    menu_label = _("Mandatory training")
    menu_icon = "list-ul"
    menu_order = 260
    items = (
        TrainingRuleViewSet("training_rules"),
        ExemptionViewSet("training_exemptions"),
        RoleHeldViewSet("roles_held"),
        ReminderViewSet("training_reminders"),
    )


@hooks.register("register_admin_viewset")
def register_compliance():
    return ComplianceGroup()
