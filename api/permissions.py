"""Role checks, the same as the HTML pages' decorators (``lms.core.roles``). They answer
"may this role use this endpoint at all" (403 when not); which objects a user reaches is
the selectors' job (404 outside the scope)."""

from rest_framework.permissions import IsAuthenticated

from lms.core.roles import is_cell_admin, is_hod

from .services import can_push_officers


class IsCellAdmin(IsAuthenticated):
    message = "Only the cell administrators may do this."

    def has_permission(self, request, view):
        return super().has_permission(request, view) and is_cell_admin(request.user)


class IsHod(IsAuthenticated):
    """HODs and nodal officers with a department (the nomination pages' rule)."""

    message = "Only an HOD or nodal officer with a department may do this."

    def has_permission(self, request, view):
        return super().has_permission(request, view) and is_hod(request.user)


class IsCellAdminOrHod(IsAuthenticated):
    message = "Only the cell administrators and HODs may do this."

    def has_permission(self, request, view):
        user = request.user
        return super().has_permission(request, view) and (is_cell_admin(user) or is_hod(user))


class CanPushOfficers(IsAuthenticated):
    """The cell, or an account granted the "push officers" permission (an HRMS)."""

    message = "This account may not push officers."

    def has_permission(self, request, view):
        return super().has_permission(request, view) and can_push_officers(request.user)


class CanListOfficers(IsAuthenticated):
    message = "Only the cell, HODs and HRMS accounts may list officers."

    def has_permission(self, request, view):
        user = request.user
        return super().has_permission(request, view) and (
            is_cell_admin(user) or is_hod(user) or can_push_officers(user)
        )
