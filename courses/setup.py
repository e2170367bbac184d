"""The site tree, role groups, their permissions and the course review workflow.

Runs after every ``migrate`` (and after a test database flush), so a fresh database always
has them; every step is idempotent."""

from django.apps import apps
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from lms.core.roles import ADMIN_ROLES, Role

from .models import CatalogueIndexPage, HomePage

PAGE_PERMISSIONS = {
    Role.TRAINER: ["add_page", "change_page"],
    Role.COURSE_DIRECTOR: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    Role.CELL_ADMIN: [
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
        "bulk_delete_page",
    ],
}
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "image", ["add_image", "change_image", "choose_image"]),
    ("wagtaildocs", "document", ["add_document", "change_document", "choose_document"]),
]
MODEL_PERMISSIONS = {
    Role.CELL_ADMIN: [
        ("departments", "department", ["add", "change", "delete", "view"]),
        ("departments", "office", ["add", "change", "delete", "view"]),
        ("departments", "district", ["add", "change", "delete", "view"]),
        ("accounts", "user", ["add", "change", "view"]),
        ("courses", "topic", ["add", "change", "delete", "view"]),
        ("courses", "enrolment", ["view"]),
        ("courses", "programme", ["add", "change", "view"]),
        ("nominations", "nomination", ["view"]),
        ("certificates", "certificatetemplate", ["add", "change", "view"]),
        ("certificates", "certificate", ["view"]),
        ("reports", "annualtarget", ["add", "change", "view"]),
        ("reports", "historicalfigure", ["add", "change", "delete", "view"]),
        ("core", "auditentry", ["view"]),
        ("compliance", "trainingrule", ["add", "change", "delete", "view"]),
        ("compliance", "exemption", ["add", "delete", "view"]),
        ("compliance", "roleheld", ["add", "change", "view"]),
        ("compliance", "reminder", ["view"]),
        ("axes", "accessattempt", ["view", "delete"]),  # unlock a locked sign-in
        ("otp_totp", "totpdevice", ["view", "delete"]),  # reset a lost phone
    ],
    Role.TRAINER: [
        ("courses", "topic", ["view"]),
        ("assessments", "questionbank", ["add", "change", "view"]),
        ("assessments", "question", ["add", "change", "view"]),
        ("assessments", "assessment", ["add", "change", "view"]),
    ],
    Role.COURSE_DIRECTOR: [
        ("courses", "topic", ["view"]),
        ("courses", "enrolment", ["view"]),
        ("assessments", "questionbank", ["add", "change", "delete", "view"]),
        ("assessments", "question", ["add", "change", "delete", "view"]),
        ("assessments", "assessment", ["add", "change", "delete", "view"]),
    ],
}
# Grievance simulator authoring (rules, levels and holidays are edited inline with these).
SIMULATOR_MODELS = [
    "scenario",
    "rulebook",
    "category",
    "service",
    "office",
    "escalationladder",
    "holidaycalendar",
]
MODEL_PERMISSIONS[Role.TRAINER] += [
    ("simulator", model, ["add", "change", "view"]) for model in SIMULATOR_MODELS
]
MODEL_PERMISSIONS[Role.COURSE_DIRECTOR] += [
    ("simulator", model, ["add", "change", "delete", "view"]) for model in SIMULATOR_MODELS
]
# Scenario sets assigned to programmes (use in training); the cell sees them.
MODEL_PERMISSIONS[Role.TRAINER] += [("simulator", "scenarioassignment", ["add", "change", "view"])]
MODEL_PERMISSIONS[Role.COURSE_DIRECTOR] += [
    ("simulator", "scenarioassignment", ["add", "change", "delete", "view"])
]
MODEL_PERMISSIONS[Role.CELL_ADMIN] += [("simulator", "scenarioassignment", ["view"])]
# "Translate" (wagtail.contrib.simple_translation): the Hindi copy of a page or course tree.
for _role in (Role.TRAINER, Role.COURSE_DIRECTOR, Role.CELL_ADMIN):
    MODEL_PERMISSIONS[_role] += [("simple_translation", "translation", ["submit"])]
WORKFLOW_NAME = "Course review"
TASK_NAME = "Course director review"


def ensure_site_and_roles(sender, using="default", **kwargs):
    if getattr(sender, "name", None) != "courses":
        return

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    with transaction.atomic(using=using):
        home, catalogue = ensure_site()
        ensure_role_groups(home=home, catalogue=catalogue)


# The catalogue's introduction. "Sign in to enrol" is not part of it: the catalogue page
# says that itself, to anonymous visitors only (migration 0006 took it out of the intro of
# catalogues made before).
CATALOGUE_INTRO = "<p>Courses of the Sevottam Cell.</p>"


def ensure_site():
    """Root -> Home (site root) -> Courses catalogue."""
    for language_code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:  # en, then hi
        Locale.objects.get_or_create(language_code=language_code)
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    root = Page.objects.filter(depth=1).first()
    if root is None:
        root = Page.add_root(
            instance=Page(
                title="Root", slug="root", content_type=ContentType.objects.get_for_model(Page)
            )
        )
    default_locale = Locale.get_default()
    home = HomePage.objects.filter(locale=default_locale).first()
    if home is None:
        for page in Page.objects.child_of(root).filter(
            content_type=ContentType.objects.get_for_model(Page), slug="home"
        ):
            if not page.get_children().exists():
                page.delete()
        home = root.add_child(
            instance=HomePage(
                title="Sevottam LMS",
                slug="home",
                intro="<p>Training in citizen-centric service delivery and grievance redress "
                "from the Sevottam Cell.</p>",
            )
        )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Sevottam LMS",
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    catalogue = CatalogueIndexPage.objects.filter(locale=default_locale).first()
    if catalogue is None:
        catalogue = home.add_child(
            instance=CatalogueIndexPage(
                title="Courses",
                slug="courses",
                intro=CATALOGUE_INTRO,
            )
        )
    return home, catalogue


def ensure_role_groups(*, home, catalogue):
    groups = {role: Group.objects.get_or_create(name=role.value)[0] for role in Role}
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    page_ct = ContentType.objects.get_for_model(Page)
    for role in ADMIN_ROLES:
        groups[role].permissions.add(access_admin)
    for role, codenames in PAGE_PERMISSIONS.items():
        source = home if role == Role.CELL_ADMIN else catalogue
        for target in source.get_translations(inclusive=True):  # the Hindi tree too
            for codename in codenames:
                permission = Permission.objects.get(content_type=page_ct, codename=codename)
                GroupPagePermission.objects.get_or_create(
                    group=groups[role], page=target, permission=permission
                )
    root_collection = Collection.get_first_root_node()
    for role in ADMIN_ROLES:
        for app_label, _model, codenames in COLLECTION_PERMISSIONS:
            for codename in codenames:
                permission = Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                )
                GroupCollectionPermission.objects.get_or_create(
                    group=groups[role], collection=root_collection, permission=permission
                )
    for role, entries in MODEL_PERMISSIONS.items():
        for app_label, model, actions in entries:
            for action in actions:
                groups[role].permissions.add(
                    Permission.objects.get(
                        content_type__app_label=app_label, codename=f"{action}_{model}"
                    )
                )
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(groups[Role.COURSE_DIRECTOR])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for target in catalogue.get_translations(inclusive=True):
        WorkflowPage.objects.update_or_create(page=target, defaults={"workflow": workflow})
    return groups
