"""The five roles of the product and the Django groups that carry them.

A role is membership of a group; the group names are fixed here so that services,
selectors, Wagtail permissions and the demo data agree. A user may hold several roles
(a trainer is often also a trainee)."""

from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
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


def _forget_user(user_id, *, after_commit: bool) -> None:
    key = _roles_key(user_id)
    if key is None:
        return
    cache.delete(key)
    if after_commit:  # a request that read the old memberships meanwhile stored them again
        transaction.on_commit(lambda: cache.delete(key))


def forget_roles(**kwargs) -> None:
    """Group saved or deleted (a rename changes every member's roles): every cached set of
    roles is dropped, now and again after commit."""
    if getattr(settings, "PAGE_CACHE", False):
        _generation.advance()


def forget_memberships(*, instance, action, reverse, pk_set, **kwargs) -> None:
    """m2m_changed of user.groups: the roles of the users whose groups changed are dropped,
    now and again after commit (all of them when a group's members are cleared). Between a
    request's read of the old memberships and its store lie microseconds; should the change
    commit exactly then, the entry lives at most PAGE_CACHE_SECONDS."""
    if not action.startswith("post_") or not getattr(settings, "PAGE_CACHE", False):
        return
    if not reverse:
        # A user created in this transaction: nobody can have read their roles before.
        _forget_user(instance.pk, after_commit=not getattr(instance, "_roles_new", False))
    elif pk_set:
        for user_id in pk_set:
            _forget_user(user_id, after_commit=True)
    else:
        _generation.advance()


def forget_roles_of_user(*, instance, created=True, **kwargs) -> None:
    """A user added (who may take a rolled-back user's id, whose roles may be cached) or
    deleted: that id's roles are dropped. Nobody signs in as a user not yet committed, so
    once is enough."""
    if created:
        instance._roles_new = True
        _forget_user(instance.pk, after_commit=False)


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
