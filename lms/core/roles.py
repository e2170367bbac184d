"""The five roles of the product and the Django groups that carry them.

A role is membership of a group; the group names are fixed here so that services,
selectors, Wagtail permissions and the demo data agree. A user may hold several roles
(a trainer is often also a trainee)."""

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.utils.translation import gettext_lazy as _

from .generations import Generation


class Role(models.TextChoices):
    CELL_ADMIN = "Cell administrators", _("Cell administrator")
    TRAINER = "Trainers", _("Trainer")
    COURSE_DIRECTOR = "Course directors", _("Course director")
    HOD = "HODs and nodal officers", _("HOD / nodal officer")
    TRAINEE = "Trainees", _("Trainee")


# Roles that work in the Wagtail admin.
ADMIN_ROLES = (Role.CELL_ADMIN, Role.TRAINER, Role.COURSE_DIRECTOR)


_generation = Generation("roles:generation")


def role_names(user) -> frozenset[str]:
    """The role group names of ``user``, cached on the instance for the request and, with
    ``settings.PAGE_CACHE``, in the shared cache under a generation that any change of
    group membership or group moves on (``forget_roles``), so a removed role is gone at
    the user's next request."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_role_names", None)
    if cached is None:
        key = _roles_key(user.pk)
        cached = cache.get(key) if key else None
        if cached is None:
            cached = frozenset(user.groups.values_list("name", flat=True))
            if key:
                cache.set(key, cached, getattr(settings, "PAGE_CACHE_SECONDS", 600))
        user._role_names = cached
    return cached


def _roles_key(user_id) -> str | None:
    if not getattr(settings, "PAGE_CACHE", False):
        return None
    generation = _generation.current()
    return f"roles:{generation}:{user_id}" if generation is not None else None


def forget_roles(**kwargs) -> None:
    """Receiver of group membership changes and of Group saves and deletes: every cached
    set of roles is dropped, now and again after commit."""
    if getattr(settings, "PAGE_CACHE", False):
        _generation.advance()


def forget_roles_of_new_user(*, created=False, **kwargs) -> None:
    if created:
        forget_roles()


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
