"""The five roles of the product and the Django groups that carry them.

A role is membership of a group; the group names are fixed here so that services,
selectors, Wagtail permissions and the demo data agree. A user may hold several roles
(a trainer is often also a trainee)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CELL_ADMIN = "Cell administrators", _("Cell administrator")
    TRAINER = "Trainers", _("Trainer")
    COURSE_DIRECTOR = "Course directors", _("Course director")
    HOD = "HODs and nodal officers", _("HOD / nodal officer")
    TRAINEE = "Trainees", _("Trainee")


# Roles that work in the Wagtail admin.
ADMIN_ROLES = (Role.CELL_ADMIN, Role.TRAINER, Role.COURSE_DIRECTOR)


def role_names(user) -> frozenset[str]:
    """The role group names of ``user``, cached on the instance for the request."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_role_names", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._role_names = cached
    return cached


def has_role(user, role: Role) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser and role == Role.CELL_ADMIN:
        return True
    return role.value in role_names(user)


def is_cell_admin(user) -> bool:
    return has_role(user, Role.CELL_ADMIN)


def is_hod(user) -> bool:
    return has_role(user, Role.HOD) and getattr(user, "department_id", None) is not None


def is_staff_author(user) -> bool:
    """Trainers, course directors and cell administrators see unpublished course content."""
    return any(has_role(user, role) for role in ADMIN_ROLES)
