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
