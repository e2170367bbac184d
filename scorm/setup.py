"""Who may upload SCORM packages: trainers, course directors and the cell (after every
migrate, like the role groups of ``courses.setup``)."""

from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

from lms.core.roles import ADMIN_ROLES


def grant_package_permissions(sender, using="default", **kwargs):
    if getattr(sender, "label", None) != "scorm":
        return
    create_permissions(sender, verbosity=0, using=using)
    codenames = ["add_scormpackage", "change_scormpackage", "view_scormpackage"]
    permissions = Permission.objects.using(using).filter(
        content_type__app_label="scorm", codename__in=codenames
    )
    for role in ADMIN_ROLES:
        group, _created = Group.objects.using(using).get_or_create(name=role.value)
        group.permissions.add(*permissions)
