"""Moderation: trainers submit, course directors publish; setup is idempotent.

Page tree rules, admin editing and lesson blocks are in test_pages.py."""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Workflow, WorkflowState

from courses.models import CatalogueIndexPage, LessonPage
from courses.setup import WORKFLOW_NAME, ensure_site_and_roles
from lms.core.roles import Role
from tests.factories import build_course

pytestmark = pytest.mark.django_db


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


# ------------------------------------------------------------------ comparing revisions
def _table(rows, caption="Steps of Sevottam"):
    return {
        "type": "table",
        "id": "5f0c3d2e-table",  # the same block in both revisions
        "value": {
            "data": rows,
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": caption,
        },
    }


def test_the_compare_view_shows_a_table_block_as_a_table_not_a_dict(client, course_director):
    """A course director compares two revisions of a lesson with a table in its body."""
    from django.urls import reverse

    lesson = LessonPage.objects.descendant_of(build_course()).first().specific
    lesson.body = [_table([["Step", "What"], ["1", "Define services"], ["2", "Set standards"]])]
    first = lesson.save_revision(user=course_director)
    first.publish()
    lesson.body = [
        _table(
            [
                ["Step", "What"],
                ["1", "Define all services"],
                ["2", "Set standards"],
                ["3", "Build capability"],
            ],
            caption="The steps",
        )
    ]
    second = lesson.save_revision(user=course_director)
    client.force_login(course_director)
    url = reverse("wagtailadmin_pages:revisions_compare", args=[lesson.pk, first.pk, second.pk])
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "first_row_is_table_header" not in page and "&#x27;data&#x27;" not in page
    assert '<table class="comparison-table">' in page
    # the changed words of a cell, the unchanged row, the row put in, the caption
    assert '<td class="">Define <span class="addition">all </span>services</td>' in page
    assert '<td class="">2</td><td class="">Set standards</td>' in page
    assert '<td class="addition"><span class="addition">Build capability</span></td>' in page
    assert '<caption><span class="deletion">Steps of Sevottam</span>' in page


def test_a_table_block_comparison_shows_removed_rows_and_whole_tables():
    from lms.core.blocks import LessonTableBlock, TableBlockComparison

    block = LessonTableBlock()
    before = {"data": [["A", None], ["<b>", "2"], ["C", "3"]], "table_caption": ""}
    after = {"data": [["A", None], ["C", "3"]], "table_caption": ""}
    diff = str(TableBlockComparison(block, True, True, before, after).htmldiff())
    assert '<tr><td class="deletion"><span class="deletion">&lt;b&gt;</span></td>' in diff
    assert '<tr><td class="">C</td><td class="">3</td></tr>' in diff
    added = TableBlockComparison(block, False, True, None, after)
    assert str(added.htmlvalue(after)) == (
        '<table class="comparison-table"><tbody><tr><td class="">A</td><td class=""></td></tr>'
        '<tr><td class="">C</td><td class="">3</td></tr></tbody></table>'
    )
