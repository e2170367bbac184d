"""The coordinator chooser of the programme admin: a searchable list of the cell's staff
(cell administrators and trainers), each shown with username and department, instead of a
drop-down of every account by name.

Registered by ``lms.accounts.wagtail_hooks``; used by the programme form
(``programmes.wagtail_hooks.ProgrammeAdminForm``). Only those who schedule programmes (add
or change permission on programmes) may open it."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView, ChosenView
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.widgets.chooser import BaseChooser

from . import selectors


def coordinator_label(user) -> str:
    """The label of a coordinator: name (username) · department, e.g. Asha Verma
    (asha.verma) · Revenue; the department left out when there is none."""
    name = user.get_full_name()
    label = f"{name} ({user.username})" if name else user.username
    department = getattr(user, "department", None)
    return f"{label} · {department}" if department else label


def may_choose_coordinators(user) -> bool:
    return user.has_perm("courses.change_programme") or user.has_perm("courses.add_programme")


class CoordinatorFilterForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Search"),
        help_text=_("Name, username or department"),
        required=False,
        max_length=100,
    )

    def filter(self, objects):
        objects = super().filter(objects)
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            objects = selectors.filter_staff(objects, query=query)
            self.is_searching = True
            self.search_query = query
        return objects


class _StaffOnly:
    def dispatch(self, request, *args, **kwargs):
        if not may_choose_coordinators(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class _CoordinatorColumns:
    filter_form_class = CoordinatorFilterForm

    def get_object_list(self):
        return selectors.coordinator_candidates()

    @property
    def columns(self):
        title = self.title_column
        title.label = _("Name")
        title.accessor = lambda user: user.get_full_name() or user.username
        return [
            title,
            Column("username", label=_("Username")),
            Column("department", label=_("Department"), accessor="department"),
        ]


class CoordinatorChooseView(_StaffOnly, _CoordinatorColumns, ChooseView):
    pass


class CoordinatorChooseResultsView(_StaffOnly, _CoordinatorColumns, ChooseResultsView):
    pass


class CoordinatorChosenView(_StaffOnly, ChosenView):
    def get_object(self, pk):
        return selectors.coordinator_candidates().get(pk=pk)

    def get_display_title(self, instance):
        return coordinator_label(instance)


class CoordinatorChooserWidget(BaseChooser):
    choose_one_text = _("Choose a coordinator")
    choose_another_text = _("Choose another coordinator")
    show_edit_link = False
    icon = "user"

    def get_display_title(self, instance):
        return coordinator_label(instance)


class CoordinatorChooserViewSet(ChooserViewSet):
    model = "accounts.User"
    icon = "user"
    choose_one_text = _("Choose a coordinator")
    choose_another_text = _("Choose another coordinator")
    page_title = _("Choose a coordinator")
    base_widget_class = CoordinatorChooserWidget
    choose_view_class = CoordinatorChooseView
    choose_results_view_class = CoordinatorChooseResultsView
    chosen_view_class = CoordinatorChosenView
    per_page = 20
    # Only the programme's coordinator field uses it: other user fields keep their widgets.
    register_widget = False


coordinator_chooser_viewset = CoordinatorChooserViewSet("coordinator_chooser")
