"""Trainers author question banks, questions and assessments in the Wagtail admin."""

import json

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem as ListingMenuItem
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import Button

from lms.core.csv import safe_cell
from lms.core.roles import is_staff_author

from . import admin_views
from .forms import QuestionForm
from .models import Assessment, Question, QuestionBank
from .notation import ANSWER_FIELDS


def _answer_panel(name: str) -> FieldPanel:
    """A panel shown only for the question types whose key it writes (Wagtail's w-rules
    controller hides the others as the type changes; without JavaScript all show)."""
    types = [str(kind) for kind, fields in ANSWER_FIELDS.items() if name in fields]
    return FieldPanel(
        name,
        attrs={"data-w-rules-target": "show", "data-w-rules": json.dumps({"type": types})},
    )


class QuestionBankViewSet(ModelViewSet):
    model = QuestionBank
    icon = "folder-open-inverse"
    menu_label = _("Question banks")
    list_display = ["name", "topic"]
    search_fields = ["name"]
    form_fields = ["name", "topic", "description"]


class QuestionIndexView(IndexView):
    """The question listing: an "Import from a file" button, and a CSV export whose cells
    a spreadsheet would run as formulas (a question typed as "=HYPERLINK(...)") are
    escaped. (Wagtail escapes them in its XLSX export already.)"""

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.permission_policy.user_has_permission(self.request.user, "add"):
            buttons.append(
                Button(
                    _("Import from a file"),
                    url=reverse("assessments_import_questions"),
                    icon_name="upload",
                    priority=20,
                )
            )
        return buttons

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV and isinstance(value, str):
            return safe_cell(value)
        return value


class QuestionViewSet(ModelViewSet):
    model = Question
    index_view_class = QuestionIndexView
    icon = "help"
    menu_label = _("Questions")
    list_display = ["__str__", "bank", "type", "difficulty", "language"]
    list_filter = ["bank", "type", "difficulty", "language"]
    search_fields = ["stem", "tags"]
    list_export = ["bank", "type", "stem", "difficulty", "language", "tags", "marks"]
    # No JSON for trainers: QuestionForm turns these text fields into options and key.
    edit_handler = ObjectList(
        [
            FieldPanel("bank"),
            FieldPanel("type"),
            FieldPanel("stem"),
            MultiFieldPanel(
                [_answer_panel(name) for name in QuestionForm.answer_fields],
                heading=_("Answer"),
            ),
            FieldPanel("explanation"),
            FieldPanel("difficulty"),
            FieldPanel("language"),
            FieldPanel("tags"),
            FieldPanel("marks"),
        ],
        base_form_class=QuestionForm,
        attrs={"data-controller": "w-rules", "data-action": "change->w-rules#resolve"},
    )


class AssessmentIndexView(IndexView):
    """The assessment listing, with an "Analytics" action per assessment."""

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            ListingMenuItem(
                _("Analytics"),
                url=reverse("assessments:analytics", args=[instance.pk]),
                icon_name="table",
                priority=15,
            )
        )
        return buttons


class AssessmentViewSet(ModelViewSet):
    model = Assessment
    index_view_class = AssessmentIndexView
    icon = "list-ol"
    menu_label = _("Assessments")
    list_display = [
        "title",
        "course",
        "kind",
        "time_limit_minutes",
        "attempts_allowed",
        "pass_mark",
    ]
    list_filter = ["kind", "course"]
    search_fields = ["title"]
    # The form is the model's panels: fixed questions and per-person/programme exceptions
    # are edited inline with the rules.

    def get_queryset(self, request):
        return Assessment.objects.select_related("course")


class AssessmentsGroup(ModelViewSetGroup):
    menu_label = _("Assessments")
    menu_icon = "list-ol"
    menu_order = 220
    items = (
        QuestionBankViewSet("question_banks"),
        QuestionViewSet("questions"),
        AssessmentViewSet("assessments_admin"),
    )


@hooks.register("register_admin_viewset")
def register_assessments():
    return AssessmentsGroup()


@hooks.register("register_admin_urls")
def register_question_import():
    return [
        path(
            "assessments/import-questions/",
            admin_views.import_questions,
            name="assessments_import_questions",
        )
    ]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return is_staff_author(request.user)


@hooks.register("register_admin_menu_item")
def register_feedback_results():
    return StaffMenuItem(
        _("Feedback results"),
        reverse("assessments:feedback_index"),
        icon_name="form",
        order=225,
    )
