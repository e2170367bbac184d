"""Parse and check an HOD's bulk nomination file (CSV or XLSX).

Nothing here writes: ``parse`` turns the upload into plain rows (kept in the session
between the preview and the confirmation), ``check_rows`` says for each row which officer
it names or what is wrong with it. The import itself is ``services.nominate_many``, one
transaction for all rows.

Formulas are never evaluated: a CSV cell is text, so ``=HYPERLINK(...)`` is just a string
(it names no officer, and a note keeps it as typed); an XLSX file is opened by openpyxl
with ``read_only=True, data_only=True``, which reads the value the spreadsheet program
stored (nothing for a formula never calculated) and never computes a formula itself."""

import csv
import hashlib
import io
import warnings
import zipfile
from contextlib import closing
from dataclasses import dataclass

from django.utils.translation import gettext as _

from lms.accounts.models import User

from .enums import LIVE_STATES
from .models import Nomination

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 500
MAX_COLUMNS = 50  # the header is looked for in the first 50 columns
MAX_UNZIPPED = 50 * 1024 * 1024  # an .xlsx whose parts inflate beyond this is refused
MAX_CODE = 64
MAX_NOTE = 500
XLSX_MAGIC = b"PK\x03\x04"
CODE_COLUMN = "employee_code"
NOTE_COLUMN = "note"


class BulkFileError(Exception):
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
def parse(upload) -> list[dict]:
    """The file's data rows as ``{"number", "employee_code", "note"}`` dicts (JSON-safe, for
    the session). Raises ``BulkFileError`` with a message for the HOD."""
    name = (getattr(upload, "name", "") or "").lower()
    if not name.endswith((".csv", ".xlsx")):
        raise BulkFileError(_("Upload a .csv or .xlsx file."))
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise BulkFileError(_("The file is larger than 2 MB."))
    if not data.strip():
        raise BulkFileError(_("The file is empty."))
    table = _xlsx_table(data) if name.endswith(".xlsx") else _csv_table(data)
    with closing(table):
        return _rows(table)


def _csv_table(data: bytes):
    # Content, not the name: a workbook or any binary file renamed .csv is refused.
    if data.startswith(XLSX_MAGIC) or b"\x00" in data:
        raise BulkFileError(_("The file is not a CSV text file."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BulkFileError(_("The file is not UTF-8 text: save the CSV as UTF-8.")) from exc
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = ","
    if "," not in first_line:
        delimiter = next((d for d in (";", "\t") if d in first_line), ",")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    def rows():
        try:
            yield from reader
        except csv.Error as exc:
            raise BulkFileError(
                _("The CSV file could not be read near line %(line)d.") % {"line": reader.line_num}
            ) from exc

    return rows()


def _xlsx_table(data: bytes):
    # Content, not the name: an .xlsx is a zip package holding a workbook part.
    if not data.startswith(XLSX_MAGIC):
        raise BulkFileError(_("The file is not a valid Excel (.xlsx) workbook."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = package.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise BulkFileError(_("The file is not a valid Excel (.xlsx) workbook.")) from exc
    if "xl/workbook.xml" not in {part.filename for part in parts}:
        raise BulkFileError(_("The file is not a valid Excel (.xlsx) workbook."))
    if sum(part.file_size for part in parts) > MAX_UNZIPPED:
        raise BulkFileError(_("The workbook is too large once unpacked."))

    from openpyxl import load_workbook

    def rows():
        workbook = None
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # openpyxl warns about styles, validations
                # read_only streams the sheet; data_only reads stored values, never formulas.
                workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            sheet = workbook.worksheets[0]
            yield from sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
        except GeneratorExit:
            raise
        except Exception as exc:  # noqa: BLE001 - any unreadable workbook is the user's file
            raise BulkFileError(_("The Excel file could not be read.")) from exc
        finally:
            if workbook is not None:
                workbook.close()

    return rows()


def _text(value) -> str:
    """A cell as text. Numbers typed as codes (1234 or 1234.0) read as "1234"; a text
    cell beginning with "=" stays that text."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _header_name(value) -> str:
    return _text(value).lstrip("\ufeff").lower().replace(" ", "_").replace("-", "_")


def _rows(table) -> list[dict]:
    """Skip blank rows; the first row is the header; at most MAX_ROWS data rows (reading
    stops as soon as the file is known to have more)."""
    header = None
    rows = []
    for number, cells in enumerate(table, start=1):
        cells = [_text(cell) for cell in cells]
        if not any(cells):
            continue
        if header is None:
            header = [_header_name(cell) for cell in cells]
            if CODE_COLUMN not in header:
                raise BulkFileError(
                    _("The first row must be a header with an employee_code column.")
                )
            code_at = header.index(CODE_COLUMN)
            note_at = header.index(NOTE_COLUMN) if NOTE_COLUMN in header else None
            continue
        if len(rows) == MAX_ROWS:
            raise BulkFileError(_("At most %(n)d rows per file.") % {"n": MAX_ROWS})
        code = cells[code_at] if code_at < len(cells) else ""
        note = cells[note_at] if note_at is not None and note_at < len(cells) else ""
        rows.append({"number": number, "employee_code": code[:MAX_CODE], "note": note[:MAX_NOTE]})
    if header is None:
        raise BulkFileError(_("The file has no rows."))
    if not rows:
        raise BulkFileError(_("The file has a header but no rows."))
    return rows


# ------------------------------------------------------------------ checking
def check_rows(*, programme, department_id, rows: list[dict]) -> list[Row]:
    """Say for each row which officer it names, or why it cannot be imported (2 queries,
    whatever the number of rows). The service checks every rule again on import."""
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


def fingerprint(rows: list[Row]) -> str:
    """A short digest of the importable rows: the confirmation form carries it, so that an
    import goes ahead only if the rows the HOD saw are still the ones that would import."""
    text = "\n".join(f"{row.number}:{row.employee_code}" for row in rows if row.ok)
    return hashlib.sha256(text.encode()).hexdigest()[:16]
