"""Trainers author question banks, questions and assessments in the Wagtail admin."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .models import Assessment, Question, QuestionBank


class QuestionBankViewSet(ModelViewSet):
    model = QuestionBank
    icon = "folder-open-inverse"
    menu_label = _("Question banks")
    list_display = ["name", "topic"]
    search_fields = ["name"]
    form_fields = ["name", "topic", "description"]


class QuestionViewSet(ModelViewSet):
    model = Question
    icon = "help"
    menu_label = _("Questions")
    list_display = ["__str__", "bank", "type", "difficulty", "language"]
    list_filter = ["bank", "type", "difficulty", "language"]
    search_fields = ["stem", "tags"]
    list_export = ["bank", "type", "stem", "difficulty", "language", "tags", "marks"]
    form_fields = [
        "bank",
        "type",
        "stem",
        "options",
        "key",
        "explanation",
        "difficulty",
        "language",
        "tags",
        "marks",
    ]


class AssessmentViewSet(ModelViewSet):
    model = Assessment
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
    form_fields = [
        "title",
        "course",
        "module",
        "kind",
        "random_bank",
        "random_count",
        "random_difficulty",
        "random_tag",
        "shuffle_questions",
        "shuffle_options",
        "time_limit_minutes",
        "attempts_allowed",
        "grading_method",
        "pass_mark",
        "review_policy",
        "questions_per_page",
        "opens_at",
        "closes_at",
    ]


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
