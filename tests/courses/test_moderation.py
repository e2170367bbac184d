"""Wagtail page rules and moderation: trainers submit, course directors publish."""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Workflow, WorkflowState
from wagtail.test.utils import WagtailPageTestCase

from courses.models import CatalogueIndexPage, CoursePage, HomePage, LessonPage, ModulePage
from courses.setup import WORKFLOW_NAME, ensure_site_and_roles
from lms.core.blocks import KnowledgeCheckBlock
from lms.core.roles import Role
from tests.factories import build_course

pytestmark = pytest.mark.django_db


class TestPageModels(WagtailPageTestCase):
    """Wagtail's own page assertions: tree rules, routing, rendering, editing, preview."""

    def test_tree(self):
        self.assertAllowedSubpageTypes(HomePage, {CatalogueIndexPage})
        self.assertAllowedSubpageTypes(CatalogueIndexPage, {CoursePage})
        self.assertAllowedSubpageTypes(CoursePage, {ModulePage})
        self.assertAllowedParentPageTypes(LessonPage, {ModulePage})
        self.assertCanNotCreateAt(HomePage, CoursePage)
        self.assertCanNotCreateAt(CatalogueIndexPage, LessonPage)
        self.assertCanCreateAt(ModulePage, LessonPage)

    def test_course_and_lesson_are_routable_renderable_editable(self):
        course = build_course(modules=1, lessons_per_module=1)
        lesson = LessonPage.objects.descendant_of(course).get().specific
        self.assertPageIsRoutable(course)
        self.assertPageIsRenderable(course)
        self.assertPageIsEditable(course)
        from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

        self.assertPageIsEditable(
            lesson,
            post_data=nested_form_data(
                {
                    "title": lesson.title,
                    "slug": lesson.slug,
                    "minutes": 12,
                    "body": streamfield([("paragraph", rich_text("<p>Seven steps</p>"))]),
                }
            ),
        )


def test_page_tree_rules():
    assert HomePage.allowed_subpage_models() == [CatalogueIndexPage]
    assert CatalogueIndexPage.allowed_subpage_models() == [CoursePage]
    assert CoursePage.allowed_subpage_models() == [ModulePage]
    assert ModulePage.allowed_subpage_models() == [LessonPage]
    assert LessonPage.allowed_subpage_models() == []
    assert LessonPage.allowed_parent_page_models() == [ModulePage]
    assert not CoursePage.can_create_at(HomePage.objects.get())
    assert CoursePage.can_create_at(CatalogueIndexPage.objects.get())


def test_trainer_edits_but_cannot_publish_director_publishes(trainer, course_director, trainee):
    lesson = LessonPage.objects.descendant_of(build_course()).first()
    trainer_perms = lesson.permissions_for_user(trainer)
    assert trainer_perms.can_edit() and not trainer_perms.can_publish()
    director_perms = lesson.permissions_for_user(course_director)
    assert director_perms.can_publish()
    assert not lesson.permissions_for_user(trainee).can_edit()


def test_course_review_workflow_applies_to_course_pages():
    lesson = LessonPage.objects.descendant_of(build_course()).first()
    workflow = lesson.get_workflow()
    assert workflow.name == WORKFLOW_NAME
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [Role.COURSE_DIRECTOR.value]


def test_submit_then_approve_publishes_the_revision(trainer, course_director):
    lesson = LessonPage.objects.descendant_of(build_course()).first().specific
    lesson.title = "Revised by trainer"
    revision = lesson.save_revision(user=trainer)
    workflow_state = lesson.get_workflow().start(lesson, trainer)
    assert LessonPage.objects.get(pk=lesson.pk).title != "Revised by trainer"
    task_state = workflow_state.current_task_state
    task = task_state.task.specific
    assert task.get_actions(lesson, trainer) == []
    assert "approve" in [action[0] for action in task.get_actions(lesson, course_director)]
    task_state.task.specific.on_action(task_state, course_director, "approve")
    workflow_state.refresh_from_db()
    assert workflow_state.status == WorkflowState.STATUS_APPROVED
    lesson.refresh_from_db()
    assert lesson.title == "Revised by trainer" and lesson.live_revision_id == revision.pk


def test_setup_is_idempotent():
    counts = lambda: (  # noqa: E731
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        Workflow.objects.count(),
        Permission.objects.count(),
        CatalogueIndexPage.objects.count(),
    )
    before = counts()
    from django.apps import apps

    ensure_site_and_roles(sender=apps.get_app_config("courses"))
    ensure_site_and_roles(sender=apps.get_app_config("courses"))
    assert counts() == before


def test_knowledge_check_rejects_out_of_range_answer():
    from wagtail.blocks import StructBlockValidationError

    block = KnowledgeCheckBlock()
    value = block.to_python(
        {"question": "Q", "options": ["a", "b"], "correct_option": 3, "explanation": ""}
    )
    with pytest.raises(StructBlockValidationError):
        block.clean(value)
    ok = block.to_python(
        {"question": "Q", "options": ["a", "b"], "correct_option": 2, "explanation": ""}
    )
    assert block.clean(ok)["correct_option"] == 2


def test_lesson_blocks_render_escaped(client, cell_admin):
    course = build_course(modules=1, lessons_per_module=1)
    lesson = LessonPage.objects.descendant_of(course).get().specific
    lesson.body = [
        {"type": "heading", "value": "Seven <steps>"},
        {
            "type": "callout",
            "value": {"kind": "case_study", "title": "A case", "body": "<p>Body</p>"},
        },
        {
            "type": "table",
            "value": {
                "data": [["Request", "Time"], ["<script>x</script>", "24 hours"]],
                "first_row_is_table_header": True,
                "table_caption": "Times",
            },
        },
        {
            "type": "knowledge_check",
            "value": {
                "question": "Which?",
                "options": ["A", "B"],
                "correct_option": 2,
                "explanation": "Because",
            },
        },
    ]
    lesson.save_revision().publish()
    client.force_login(cell_admin)
    page = client.get(lesson.url).content.decode()
    assert "<h2>Seven &lt;steps&gt;</h2>" in page
    assert '<th scope="col">Request</th>' in page and "<caption>Times</caption>" in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page and "<script>x</script>" not in page
    assert "Case study" in page and "Answer: option 2" in page
