"""Parse and check an HOD's bulk nomination file (CSV or XLSX).

Nothing here writes: ``parse`` turns the upload into rows, ``check_rows`` says for each row
which officer it names or what is wrong with it. The import itself is
``services.nominate_many``, one transaction for all rows."""

import csv
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _

from lms.accounts.models import User

from .enums import LIVE_STATES
from .models import Nomination

MAX_ROWS = 500
XLSX_MAGIC = b"PK\x03\x04"


class BulkFileError(Exception):
    """The file as a whole cannot be read (type, header, size)."""


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


def parse(upload) -> list[dict]:
    """Rows as dicts {number, employee_code, note}. Formulas are never evaluated: XLSX is
    read with data_only=True (cached values only) and CSV is plain text."""
    name = (upload.name or "").lower()
    data = upload.read()
    if name.endswith(".xlsx"):
        if not data.startswith(XLSX_MAGIC):
            raise BulkFileError(_("The file is not a valid Excel (.xlsx) workbook."))
        table = _xlsx_rows(data)
    elif name.endswith(".csv"):
        if b"\x00" in data or data.startswith(XLSX_MAGIC):
            raise BulkFileError(_("The file is not a CSV text file."))
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise BulkFileError(_("Save the CSV file as UTF-8.")) from exc
        table = list(csv.reader(io.StringIO(text)))
    else:
        raise BulkFileError(_("Upload a .csv or .xlsx file."))
    table = [row for row in table if any(str(cell or "").strip() for cell in row)]
    if not table:
        raise BulkFileError(_("The file has no rows."))
    header = [str(cell or "").strip().lower() for cell in table[0]]
    if "employee_code" not in header:
        raise BulkFileError(_("The first row must be a header with an employee_code column."))
    if len(table) - 1 > MAX_ROWS:
        raise BulkFileError(_("At most %(n)d rows per file.") % {"n": MAX_ROWS})
    code_at = header.index("employee_code")
    note_at = header.index("note") if "note" in header else None
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        cells = list(cells)

        def cell(index, cells=cells):
            return (
                str(cells[index]).strip()
                if index is not None and index < len(cells) and cells[index] is not None
                else ""
            )

        rows.append({"number": number, "employee_code": cell(code_at), "note": cell(note_at)[:500]})
    if not rows:
        raise BulkFileError(_("The file has a header but no rows."))
    return rows


def _xlsx_rows(data: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable workbook is the user's file
        raise BulkFileError(_("The Excel file could not be read.")) from exc
    try:
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 2)]
    finally:
        workbook.close()


def check_rows(*, programme, department_id, rows: list[dict]) -> list[Row]:
    """Say for each row which officer it names, or why it cannot be imported (3 queries)."""
    codes = {row["employee_code"] for row in rows if row["employee_code"]}
    officers = {o.employee_code: o for o in User.objects.filter(employee_code__in=codes)}
    taken = set(
        Nomination.objects.filter(
            programme=programme, officer__employee_code__in=codes, state__in=LIVE_STATES
        ).values_list("officer__employee_code", flat=True)
    )
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
        elif officer.department_id != department_id:
            row.error = _("The officer is not in your department.")
        elif not officer.is_active:
            row.error = _("The officer's account is inactive.")
        elif programme.target_levels and officer.level not in programme.target_levels:
            row.error = _("The officer is not at a level this programme is for.")
        elif row.employee_code in taken:
            row.error = _("Already nominated to this programme.")
        else:
            row.officer = officer
        seen.add(row.employee_code)
        checked.append(row)
    return checked
