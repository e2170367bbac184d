"""One reader for the CSV and XLSX files people upload (an HOD's nomination list, a
trainer's questions): checked by content, not by name, and never evaluated.

- The file must be named .csv or .xlsx, be at most ``max_bytes``, and not be empty.
- A CSV file must be UTF-8 text (a workbook or any binary renamed .csv is refused); the
  delimiter is a comma, or a semicolon or tab when the first line has no comma. A cell is
  text, so ``=HYPERLINK(...)`` is just a string.
- An XLSX file must be a zip package holding a workbook part, at most ``max_unzipped`` once
  inflated; openpyxl opens it with ``read_only=True, data_only=True``, which streams the
  first sheet and reads the values the spreadsheet program stored (nothing for a formula
  never calculated), never computing a formula itself.
- Blank rows are skipped; the first row left is the header (names lower-cased, spaces and
  hyphens as underscores, a byte-order mark dropped); reading stops as soon as the file is
  known to have more than ``max_rows`` data rows.

Every refusal is a ``SpreadsheetError`` with a ``code`` and a message for the person who
uploaded the file; an app may word a code its own way (``SpreadsheetError.message_for``)."""

import csv
import io
import warnings
import zipfile
from contextlib import closing
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from .errors import DomainError

XLSX_MAGIC = b"PK\x03\x04"
MAX_BYTES = 2 * 1024 * 1024
MAX_UNZIPPED = 50 * 1024 * 1024


class SpreadsheetError(DomainError):
    """A file that cannot be used as a whole. ``code`` says which check refused it
    (wrong_type, too_big, empty, not_csv, not_utf8, csv_unreadable, not_xlsx, too_large,
    xlsx_unreadable, missing_columns, too_many_rows, no_rows, header_only) and ``params``
    carry the figures of the message."""

    def __init__(self, code: str, message: str, **params):
        self.code, self.params = code, params
        super().__init__(message)

    def message_for(self, wording: dict) -> str:
        """The app's own wording of this code (a %-format over ``params``), else the
        default message."""
        return wording[self.code] % self.params if self.code in wording else str(self)


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (row number in the file, header = 1; cells as text)

    def value(self, cells: list[str], column: str) -> str:
        """The cell of ``column`` in a row ("" when the row is short or has no such column)."""
        if column not in self.header:
            return ""
        at = self.header.index(column)
        return cells[at] if at < len(cells) else ""


def read_table(
    upload,
    *,
    required: tuple[str, ...],
    max_rows: int,
    max_columns: int = 50,
    max_bytes: int | None = None,
    max_unzipped: int | None = None,
) -> Table:
    max_bytes, max_unzipped = max_bytes or MAX_BYTES, max_unzipped or MAX_UNZIPPED
    name = (getattr(upload, "name", "") or "").lower()
    if not name.endswith((".csv", ".xlsx")):
        raise SpreadsheetError("wrong_type", _("Upload a .csv or .xlsx file."))
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise SpreadsheetError(
            "too_big",
            _("The file is larger than %(mb)d MB.") % {"mb": max_bytes // (1024 * 1024)},
        )
    if not data.strip():
        raise SpreadsheetError("empty", _("The file is empty."))
    if name.endswith(".xlsx"):
        cells = _xlsx_cells(data, max_columns=max_columns, max_unzipped=max_unzipped)
    else:
        cells = _csv_cells(data)
    with closing(cells):
        return _table(cells, required=required, max_rows=max_rows, max_columns=max_columns)


def _csv_cells(data: bytes):
    # Content, not the name: a workbook or any binary file renamed .csv is refused.
    if data.startswith(XLSX_MAGIC) or b"\x00" in data:
        raise SpreadsheetError("not_csv", _("The file is not a CSV text file."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SpreadsheetError(
            "not_utf8", _("The file is not UTF-8 text: save the CSV as UTF-8.")
        ) from exc
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = ","
    if "," not in first_line:
        delimiter = next((d for d in (";", "\t") if d in first_line), ",")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    def rows():
        try:
            yield from reader
        except csv.Error as exc:
            raise SpreadsheetError(
                "csv_unreadable",
                _("The CSV file could not be read near line %(line)d.") % {"line": reader.line_num},
            ) from exc

    return rows()


def _xlsx_cells(data: bytes, *, max_columns: int, max_unzipped: int):
    # Content, not the name: an .xlsx is a zip package holding a workbook part.
    not_xlsx = SpreadsheetError("not_xlsx", _("The file is not a valid Excel (.xlsx) workbook."))
    if not data.startswith(XLSX_MAGIC):
        raise not_xlsx
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = package.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise not_xlsx from exc
    if "xl/workbook.xml" not in {part.filename for part in parts}:
        raise not_xlsx
    if sum(part.file_size for part in parts) > max_unzipped:
        raise SpreadsheetError("too_large", _("The workbook is too large once unpacked."))

    def rows():
        workbook = None
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # openpyxl warns about styles, validations
                workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            yield from workbook.worksheets[0].iter_rows(values_only=True, max_col=max_columns)
        except GeneratorExit:
            raise
        except Exception as exc:  # noqa: BLE001 - any unreadable workbook is the user's file
            raise SpreadsheetError(
                "xlsx_unreadable", _("The Excel file could not be read.")
            ) from exc
        finally:
            if workbook is not None:
                workbook.close()

    return rows()


def cell_text(value) -> str:
    """A cell as text: numbers typed as codes (1234 or 1234.0) read as "1234", line ends
    as \\n, surrounding spaces dropped; a text cell beginning with "=" stays that text."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def header_name(value) -> str:
    return cell_text(value).lstrip("\ufeff").strip().lower().replace(" ", "_").replace("-", "_")


def _table(cells, *, required, max_rows: int, max_columns: int) -> Table:
    header, rows = None, []
    for number, raw in enumerate(cells, start=1):
        texts = [cell_text(cell) for cell in raw][:max_columns]
        while texts and not texts[-1]:  # a workbook pads rows to the sheet's width
            texts.pop()
        if not texts:
            continue
        if header is None:
            header = [header_name(text) for text in texts]
            missing = [name for name in required if name not in header]
            if missing:
                raise SpreadsheetError(
                    "missing_columns",
                    _("The first row must name the columns; %(missing)s is missing.")
                    % {"missing": ", ".join(missing)},
                    missing=", ".join(missing),
                )
            continue
        if len(rows) == max_rows:
            raise SpreadsheetError(
                "too_many_rows", _("At most %(n)d rows per file.") % {"n": max_rows}, n=max_rows
            )
        rows.append((number, texts))
    if header is None:
        raise SpreadsheetError("no_rows", _("The file has no rows."))
    if not rows:
        raise SpreadsheetError("header_only", _("The file has a header but no rows."))
    return Table(header=header, rows=rows)
