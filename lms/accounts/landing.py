"""Where signing in leads when no ``?next=`` says otherwise: each role to its desk."""

from django.conf import settings
from django.shortcuts import resolve_url

from lms.core.roles import Role, has_role, is_hod

# By precedence: a user who holds several roles lands on the first one's desk. URL names,
# not imports: the desks belong to apps above this one.
ROLE_LANDINGS = (
    (lambda user: has_role(user, Role.CELL_ADMIN), "cell:programmes"),  # the cell's desk
    (is_hod, "reports:department"),  # the HOD's department: training, pending nominations
)


def landing_url(user) -> str:
    for applies, name in ROLE_LANDINGS:
        if applies(user):
            return resolve_url(name)
    return resolve_url(settings.LOGIN_REDIRECT_URL)  # My learning
