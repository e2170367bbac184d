"""The roles officers hold, uploaded as a CSV or XLSX list by the cell or an HOD (their
department's officers only): one row per role, columns ``employee_code``, ``role`` (the
role's code, e.g. ``gro``, or its English name), ``scope`` (optional), ``from_date`` and
``to_date`` (optional; YYYY-MM-DD or DD/MM/YYYY).

Every row is checked first (``check_rows``, three queries whatever the rows); if any row is
wrong nothing is recorded and each error is listed by row; otherwise ``apply`` records
every row through ``services.sync_roles`` (known roles, by role and start date, take the
scope and end date of the file) in one transaction. The file is read by
``lms.core.spreadsheets`` (never evaluated)."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from lms.accounts.models import User
from lms.core.errors import DomainError
from lms.core.roles import is_cell_admin
from lms.core.spreadsheets import SpreadsheetError, read_table

from . import services
from .enums import RoleKind

MAX_ROWS = 500
COLUMNS = ("employee_code", "role", "from_date")
KINDS = {
    **{kind.value: kind.value for kind in RoleKind},
    **{str(kind.label).lower(): kind.value for kind in RoleKind},
}
WORDING = {
    "missing_columns": _("The first row must name the columns; %(missing)s is missing."),
}


class RolesFileError(DomainError):
    """The file as a whole cannot be used."""


@dataclass
class Row:
    number: int
    employee_code: str
    officer: User | None = None
    role: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def parse_day(text: str) -> datetime.date | None:
    """YYYY-MM-DD (a spreadsheet's date cell reads so, with a time) or DD/MM/YYYY."""
    text = text.strip()
    for pattern, part in (("%Y-%m-%d", text[:10]), ("%d/%m/%Y", text)):
        try:
            return datetime.datetime.strptime(part, pattern).date()
        except ValueError:
            continue
    return None


def read(upload) -> list[dict]:
    try:
        table = read_table(upload, required=COLUMNS, max_rows=MAX_ROWS)
    except SpreadsheetError as error:
        raise RolesFileError(error.message_for(WORDING)) from error
    names = ("employee_code", "role", "scope", "from_date", "to_date")
    return [
        {"number": number, **{name: table.value(cells, name) for name in names}}
        for number, cells in table.rows
    ]


def check_rows(rows: list[dict], *, actor) -> list[Row]:
    """Each row with its officer and role, or what is wrong with it."""
    codes = {row["employee_code"] for row in rows if row["employee_code"]}
    officers = User.objects.filter(employee_code__in=codes, department__isnull=False)
    if not is_cell_admin(actor):
        officers = officers.filter(department_id=actor.department_id)
    by_code = {officer.employee_code: officer for officer in officers}
    checked = []
    for raw in rows:
        row = Row(number=raw["number"], employee_code=raw["employee_code"][:32])
        row.officer = by_code.get(row.employee_code)
        if row.officer is None:
            row.errors.append(_("No officer of your department has this employee code."))
        kind = KINDS.get(raw["role"].strip().lower())
        if kind is None:
            row.errors.append(_("Unknown role."))
        start = parse_day(raw["from_date"])
        end = parse_day(raw["to_date"]) if raw["to_date"].strip() else None
        if start is None:
            row.errors.append(_("Give the start date as YYYY-MM-DD or DD/MM/YYYY."))
        if raw["to_date"].strip() and end is None:
            row.errors.append(_("Give the end date as YYYY-MM-DD or DD/MM/YYYY."))
        elif start and end and end < start:
            row.errors.append(_("A role cannot end before it starts."))
        row.role = {
            "kind": kind,
            "scope": raw["scope"][:255],
            "from_date": start,
            "to_date": end,
        }
        checked.append(row)
    return checked


@transaction.atomic
def apply(rows: list[Row], *, actor) -> int:
    """Record every row (all checked and valid); returns how many roles changed."""
    by_officer = defaultdict(list)
    for row in rows:
        by_officer[row.officer].append(row.role)
    return sum(
        services.sync_roles(officer=officer, roles=roles, actor=actor)
        for officer, roles in by_officer.items()
    )
