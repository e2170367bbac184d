"""The one write the API adds: a departmental HRMS pushing officers (create or update by
employee code). Every other API write calls the owning app's services.

``upsert_officer`` is idempotent: the same row twice leaves one record, and an audit row
is written only when something changed. Accounts that hold a role other than trainee
(HODs, trainers, the cell) or are staff are left to the cell: an HRMS push must not be
able to change, say, the email address of an account with powers over others."""

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from compliance import services as compliance
from lms.accounts.models import User
from lms.core.acting import acting_as
from lms.core.errors import DomainError
from lms.core.roles import Role, is_cell_admin, role_names
from lms.core.services import record_audit
from lms.departments.models import Department, District, Office

PUSH_PERMISSION = "api.push_officers"
# Plain fields an HRMS row may set; department, office and district are looked up by code
# or name. A field left out of a row is left as it is.
HRMS_FIELDS = (
    "first_name",
    "last_name",
    "name_hi",
    "email",
    "designation",
    "designation_hi",
    "level",
    "gender",
    "cadre",
    "mobile",
    "is_active",
)
RELATED = ("department", "office", "district")
CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


class OfficerSyncError(DomainError):
    """An HRMS row the rules refuse. ``errors`` maps field names to messages;
    ``forbidden`` is set when the row is outside the pushing account's scope."""

    def __init__(self, message, *, errors=None, forbidden=False):
        super().__init__(message)
        self.errors = errors or {}
        self.forbidden = forbidden


# ---------------------------------------------------------------- who may push
def can_push_officers(user) -> bool:
    """The cell, or an account granted the "push officers" permission (a service account)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return is_cell_admin(user) or user.has_perm(PUSH_PERMISSION)


def push_scope(user):
    """The department id ``user`` may push officers of, or None for every department: the
    cell pushes anywhere; a service account tied to a department pushes only there."""
    if is_cell_admin(user):
        return None
    return user.department_id


def _is_protected(user: User) -> bool:
    roles = role_names(user) - {Role.TRAINEE.value}
    return user.is_superuser or user.is_staff or bool(roles)


# ---------------------------------------------------------------- the write
def _lookup(data: dict) -> dict:
    """Department, office and district from the row's codes and names (errors by field)."""
    errors, found = {}, {}
    code = data["department"]
    department = Department.objects.filter(code=code, is_active=True).first()
    if department is None:
        errors["department"] = _("No active department has the code %(code)s.") % {"code": code}
    found["department"] = department
    if "office" in data:
        name = (data["office"] or "").strip()
        office = None
        if name and department is not None:
            office = Office.objects.filter(department=department, name__iexact=name).first()
            if office is None:
                errors["office"] = _("The department %(code)s has no office named %(name)s.") % {
                    "code": code,
                    "name": name,
                }
        found["office"] = office
    if "district" in data:
        name = (data["district"] or "").strip()
        district = District.objects.filter(name__iexact=name).first() if name else None
        if name and district is None:
            errors["district"] = _("No district is named %(name)s.") % {"name": name}
        found["district"] = district
    if errors:
        raise OfficerSyncError(_("The row has unknown codes or names."), errors=errors)
    return found


def _differs(officer: User, name: str, value) -> bool:
    if name in RELATED:  # compare ids: no query for the stored related row
        return getattr(officer, f"{name}_id") != (value.pk if value is not None else None)
    return getattr(officer, name) != value


def _sync_roles(officer: User, roles: list, actor) -> int:
    """The roles held sent with the officer (``compliance.services.sync_roles``)."""
    try:
        return compliance.sync_roles(officer=officer, roles=roles, actor=actor)
    except compliance.ComplianceError as error:
        raise OfficerSyncError(str(error), errors={"roles": str(error)}, forbidden=True) from error


@transaction.atomic
def upsert_officer(*, data: dict, actor) -> tuple[User, str]:
    """Create or update the officer with ``data["employee_code"]``; returns the officer and
    CREATED, UPDATED or UNCHANGED. ``data`` holds already type-checked values: the
    employee code, the department code, and any of HRMS_FIELDS, ``office`` (its name in
    the department) and ``district`` (its name)."""
    if not can_push_officers(actor):
        raise OfficerSyncError(_("This account may not push officers."), forbidden=True)
    code = data["employee_code"].strip()
    scope = push_scope(actor)
    found = _lookup(data)
    department = found["department"]
    if scope is not None and department.pk != scope:
        raise OfficerSyncError(
            _("This account pushes officers of its own department only."),
            errors={"department": _("Outside this account's department.")},
            forbidden=True,
        )
    officer = User.objects.select_for_update().filter(employee_code=code).first()
    created = officer is None
    if created:
        if not data.get("first_name", "").strip():
            raise OfficerSyncError(
                _("A new officer needs a first name."),
                errors={"first_name": _("Required for a new officer.")},
            )
        if User.objects.filter(username=code).exists():
            raise OfficerSyncError(
                _("An account named %(code)s exists with another employee code.") % {"code": code},
                errors={"employee_code": _("The user name is taken by another account.")},
            )
        officer = User(username=code, employee_code=code)
        officer.set_unusable_password()
    else:
        if scope is not None and officer.department_id != scope:
            raise OfficerSyncError(
                _("This employee code belongs to an officer of another department."),
                errors={"employee_code": _("Outside this account's department.")},
                forbidden=True,
            )
        if _is_protected(officer):
            raise OfficerSyncError(
                _(
                    "%(code)s holds a role other than trainee; the cell keeps that account "
                    "up to date in the admin."
                )
                % {"code": code},
                errors={"employee_code": _("Managed by the cell.")},
            )
    values = {name: data[name] for name in HRMS_FIELDS if name in data}
    if values.get("email"):
        values["email"] = User.objects.normalize_email(values["email"])
    values.update(found)
    if (
        not created
        and "office" not in values
        and officer.department_id != department.pk
        and officer.office_id is not None
    ):
        values["office"] = None  # the old office belongs to the old department
    changed = sorted(name for name, value in values.items() if _differs(officer, name, value))
    if not created and not changed:
        if data.get("roles") and _sync_roles(officer, data["roles"], actor):
            return officer, UPDATED
        return officer, UNCHANGED
    for name in changed:
        setattr(officer, name, values[name])
    checked = {"username", "employee_code", "department", "office", "district", *HRMS_FIELDS}
    try:
        officer.full_clean(
            exclude=[field.name for field in User._meta.fields if field.name not in checked],
            validate_unique=created,
        )
    except ValidationError as error:
        raise OfficerSyncError(
            _("The row does not pass validation."),
            errors={field: " ".join(messages) for field, messages in error.message_dict.items()},
        ) from error
    with acting_as(actor):  # a transfer or promotion is audited with the pushing account
        officer.save()
    if created:
        officer.groups.add(Group.objects.get_or_create(name=Role.TRAINEE.value)[0])
    record_audit(
        actor=actor,
        action="officer.created" if created else "officer.updated",
        obj=officer,
        data={"fields": changed, "source": "hrms"},
    )
    if data.get("roles"):
        _sync_roles(officer, data["roles"], actor)
    return officer, CREATED if created else UPDATED
