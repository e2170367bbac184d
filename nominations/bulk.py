"""Parse and check an HOD's bulk nomination file (CSV or XLSX).

Nothing here writes: ``parse`` turns the upload into plain rows (kept in the session
between the preview and the confirmation), ``check_rows`` says for each row which officer
it names or what is wrong with it. The import itself is ``services.nominate_many``, one
transaction for all rows.

The file is read by ``lms.core.spreadsheets`` (checked by content, formulas never
evaluated: ``=HYPERLINK(...)`` names no officer, and a note keeps it as typed)."""

import hashlib
from dataclasses import dataclass

from django.utils.translation import gettext as _

from lms.accounts.models import User
from lms.core.errors import DomainError
from lms.core.spreadsheets import SpreadsheetError, read_table

from . import eligibility
from .enums import LIVE_STATES
from .models import Nomination

MAX_ROWS = 500
MAX_CODE = 64
MAX_NOTE = 500
CODE_COLUMN = "employee_code"
NOTE_COLUMN = "note"


class BulkFileError(DomainError):
    """The file as a whole cannot be used (type, content, size, header, row count)."""


@dataclass
class Row:
    number: int  # the row number in the file, header = 1
    employee_code: str
    note: str = ""
    officer: User | None = None
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


# ------------------------------------------------------------------ parsing
WORDING = {
    "missing_columns": _("The first row must be a header with an employee_code column."),
    "too_many_rows": _("At most %(n)d rows per file."),
}


def parse(upload) -> list[dict]:
    """The file's data rows as ``{"number", "employee_code", "note"}`` dicts (JSON-safe, for
    the session). Raises ``BulkFileError`` with a message for the HOD."""
    try:
        table = read_table(upload, required=(CODE_COLUMN,), max_rows=MAX_ROWS)
    except SpreadsheetError as error:
        raise BulkFileError(error.message_for(WORDING)) from error
    return [
        {
            "number": number,
            "employee_code": table.value(cells, CODE_COLUMN)[:MAX_CODE],
            "note": table.value(cells, NOTE_COLUMN)[:MAX_NOTE],
        }
        for number, cells in table.rows
    ]


# ------------------------------------------------------------------ checking
def check_rows(*, programme, department_id, rows: list[dict]) -> list[Row]:
    """Say for each row which officer it names, or why it cannot be imported (3 queries,
    whatever the number of rows). The service checks every rule again on import."""
    codes = {row["employee_code"] for row in rows if row["employee_code"]}
    officers = {o.employee_code: o for o in User.objects.filter(employee_code__in=codes)}
    taken = set(
        Nomination.objects.filter(
            programme=programme, officer__employee_code__in=codes, state__in=LIVE_STATES
        ).values_list("officer__employee_code", flat=True)
    )
    quota_departments = set(programme.quotas.values_list("department_id", flat=True))
    seen = set()
    checked = []
    for raw in rows:
        row = Row(
            number=raw["number"], employee_code=raw["employee_code"], note=raw.get("note", "")
        )
        officer = officers.get(row.employee_code)
        if not row.employee_code:
            row.error = _("No employee code.")
        elif row.employee_code in seen:
            row.error = _("This employee code is already in the file.")
        elif officer is None:
            row.error = _("No officer has this employee code.")
        elif rule := eligibility.rule_broken(
            programme=programme,
            officer=officer,
            department_id=department_id,
            quota_departments=quota_departments,
            nominated=row.employee_code in taken,
        ):
            row.error = eligibility.message(rule)
        else:
            row.officer = officer
        seen.add(row.employee_code)
        checked.append(row)
    return checked


def fingerprint(rows: list[Row]) -> str:
    """A short digest of the importable rows: the confirmation form carries it, so that an
    import goes ahead only if the rows the HOD saw are still the ones that would import."""
    text = "\n".join(f"{row.number}:{row.employee_code}" for row in rows if row.ok)
    return hashlib.sha256(text.encode()).hexdigest()[:16]
