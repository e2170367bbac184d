"""Role groups, their Wagtail permissions and the course review workflow, as
courses.setup.ensure_site_and_roles leaves them after migrate."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.permission_policies.pages import PagePermissionPolicy

from courses.models import CatalogueIndexPage, HomePage
from courses.setup import TASK_NAME, WORKFLOW_NAME, ensure_site_and_roles
from lms.core.roles import Role
from tests.factories import CourseFactory, LessonFactory, ModuleFactory, make_user

pytestmark = pytest.mark.django_db

ADMIN_USERS = ["trainer", "course_director", "cell_admin"]
NON_ADMIN_USERS = ["trainee", "hod"]


@pytest.fixture
def catalogue():
    return CatalogueIndexPage.objects.get()


@pytest.fixture
def course(catalogue):
    return CourseFactory(title="Sevottam basics")


# ------------------------------------------------------------------ site tree
def test_site_tree_is_home_then_catalogue(catalogue):
    home = HomePage.objects.get()
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific == home
    assert catalogue.get_parent().specific == home
    assert catalogue.url_path.endswith("/courses/")


# ------------------------------------------------------------------ groups
def test_the_five_role_groups_exist():
    names = set(Group.objects.values_list("name", flat=True))
    assert {role.value for role in Role} <= names


@pytest.mark.parametrize(
    ("role", "has_access"),
    [
        (Role.TRAINER, True),
        (Role.COURSE_DIRECTOR, True),
        (Role.CELL_ADMIN, True),
        (Role.HOD, False),
        (Role.TRAINEE, False),
    ],
)
def test_only_authoring_roles_may_access_the_admin(role, has_access):
    group = Group.objects.get(name=role.value)
    granted = group.permissions.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).exists()
    assert granted is has_access


@pytest.mark.parametrize("fixture", ADMIN_USERS)
def test_authors_open_the_admin(client, request, fixture):
    client.force_login(request.getfixturevalue(fixture))
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("fixture", NON_ADMIN_USERS)
def test_hods_and_trainees_are_turned_away_from_the_admin(client, request, fixture):
    client.force_login(request.getfixturevalue(fixture))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_hods_and_trainees_hold_no_permissions_at_all():
    for role in (Role.HOD, Role.TRAINEE):
        group = Group.objects.get(name=role.value)
        assert not group.permissions.exists()
        assert not GroupPagePermission.objects.filter(group=group).exists()
        assert not GroupCollectionPermission.objects.filter(group=group).exists()


def test_cell_admin_audit_log_is_view_only():
    group = Group.objects.get(name=Role.CELL_ADMIN.value)
    codenames = set(
        group.permissions.filter(content_type__app_label="core").values_list("codename", flat=True)
    )
    assert codenames == {"view_auditentry"}


def test_authors_may_use_images_and_documents():
    for role in (Role.TRAINER, Role.COURSE_DIRECTOR, Role.CELL_ADMIN):
        codenames = set(
            GroupCollectionPermission.objects.filter(
                group__name=role.value, collection=Collection.get_first_root_node()
            ).values_list("permission__codename", flat=True)
        )
        assert {"add_image", "choose_image", "add_document", "choose_document"} <= codenames


# ------------------------------------------------------------------ page permissions
def test_trainer_adds_and_edits_courses_but_cannot_publish(trainer, catalogue, course):
    catalogue_perms = catalogue.permissions_for_user(trainer)
    course_perms = course.permissions_for_user(trainer)
    assert catalogue_perms.can_add_subpage()
    assert course_perms.can_edit() and course_perms.can_add_subpage()
    assert not course_perms.can_publish() and not catalogue_perms.can_publish_subpage()
    assert not course_perms.can_unpublish() and not course_perms.can_delete()
    policy = PagePermissionPolicy()
    assert policy.user_has_permission_for_instance(trainer, "change", course)
    assert not policy.user_has_permission_for_instance(trainer, "publish", course)


def test_course_director_publishes(course_director, catalogue, course):
    perms = course.permissions_for_user(course_director)
    assert perms.can_edit() and perms.can_publish() and perms.can_unpublish()
    assert catalogue.permissions_for_user(course_director).can_publish_subpage()
    assert PagePermissionPolicy().user_has_permission_for_instance(
        course_director, "publish", course
    )


def test_trainers_and_directors_cannot_touch_the_home_page(trainer, course_director, cell_admin):
    home = HomePage.objects.get()
    for user in (trainer, course_director):
        assert not home.permissions_for_user(user).can_edit()
    assert home.permissions_for_user(cell_admin).can_edit()
    assert home.permissions_for_user(cell_admin).can_publish()


@pytest.mark.parametrize("fixture", NON_ADMIN_USERS)
def test_hods_and_trainees_cannot_edit_pages(request, course, fixture):
    user = request.getfixturevalue(fixture)
    perms = course.permissions_for_user(user)
    assert not perms.can_edit() and not perms.can_publish() and not perms.can_add_subpage()
    assert not PagePermissionPolicy().user_has_any_permission(user, {"add", "change", "publish"})


def test_trainer_sees_the_edit_screen_of_a_course_but_not_of_home(client, trainer, course):
    client.force_login(trainer)
    assert client.get(f"/admin/pages/{course.pk}/edit/").status_code == 200
    home = HomePage.objects.get()
    assert client.get(f"/admin/pages/{home.pk}/edit/").status_code in (302, 403)


# ------------------------------------------------------------------ workflow
def test_course_review_workflow_applies_to_courses(catalogue, course):
    workflow = course.get_workflow()
    assert workflow is not None and workflow.name == WORKFLOW_NAME and workflow.active
    assert catalogue.get_workflow() == workflow
    tasks = [task.specific for task in workflow.tasks.all()]
    assert len(tasks) == 1 and isinstance(tasks[0], GroupApprovalTask)
    assert tasks[0].name == TASK_NAME
    assert [g.name for g in tasks[0].groups.all()] == [Role.COURSE_DIRECTOR.value]


def test_modules_and_lessons_inherit_the_course_review_workflow(course):
    module = ModuleFactory(parent=course)
    lesson = LessonFactory(parent=module)
    assert module.get_workflow().name == WORKFLOW_NAME
    assert lesson.get_workflow().name == WORKFLOW_NAME


def test_trainer_submits_and_course_director_approves_and_publishes(
    trainer, course_director, course
):
    course.title = "Sevottam basics, revised"
    course.save_revision(user=trainer)
    workflow_state = course.get_workflow().start(course, trainer)
    task_state = workflow_state.current_task_state
    task = task_state.task.specific

    assert task.get_actions(course, trainer) == []
    assert "approve" in [name for name, *_rest in task.get_actions(course, course_director)]

    task.on_action(task_state, course_director, "approve")
    workflow_state.refresh_from_db()
    assert workflow_state.status == workflow_state.STATUS_APPROVED
    course.refresh_from_db()
    assert course.live and course.title == "Sevottam basics, revised"


# ------------------------------------------------------------------ idempotence
def snapshot():
    return {
        "groups": Group.objects.count(),
        "group permissions": Group.permissions.through.objects.count(),
        "permissions": Permission.objects.count(),
        "page permissions": GroupPagePermission.objects.count(),
        "collection permissions": GroupCollectionPermission.objects.count(),
        "workflows": Workflow.objects.count(),
        "tasks": Task.objects.count(),
        "workflow tasks": WorkflowTask.objects.count(),
        "workflow pages": WorkflowPage.objects.count(),
        "task groups": GroupApprovalTask.groups.through.objects.count(),
        "pages": Page.objects.count(),
        "sites": Site.objects.count(),
        "collections": Collection.objects.count(),
    }


def test_running_setup_twice_creates_no_duplicates():
    before = snapshot()
    courses = apps.get_app_config("courses")
    ensure_site_and_roles(courses)
    ensure_site_and_roles(courses)
    assert snapshot() == before
    assert Workflow.objects.filter(name=WORKFLOW_NAME).count() == 1
    assert GroupApprovalTask.objects.filter(name=TASK_NAME).count() == 1


def test_setup_ignores_other_apps_signals(django_assert_num_queries):
    with django_assert_num_queries(0):
        ensure_site_and_roles(apps.get_app_config("accounts"))


def test_setup_restores_a_deleted_group_and_its_permissions(client):
    Group.objects.filter(name=Role.TRAINER.value).delete()
    before = snapshot()
    ensure_site_and_roles(apps.get_app_config("courses"))
    trainers = Group.objects.get(name=Role.TRAINER.value)
    assert trainers.permissions.filter(codename="access_admin").exists()
    assert GroupPagePermission.objects.filter(
        group=trainers, permission__codename="add_page"
    ).exists()
    assert snapshot()["groups"] == before["groups"] + 1
    client.force_login(make_user(Role.TRAINER, department=None))
    assert client.get("/admin/").status_code == 200
