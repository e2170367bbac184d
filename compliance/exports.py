"""The compliance list as CSV or XLSX: every text cell escaped as ``lms.core.csv.safe_cell``
does (a name starting with = + - @ is shown, never run), dates as DD/MM/YYYY."""

import datetime
import io

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from lms.core.csv import csv_response, safe_cell
from lms.core.downloads import attachment

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def header() -> list[str]:
    return [
        _("Employee code"),
        _("Name"),
        _("Designation"),
        _("Office"),
        _("Training rule"),
        _("Role held since"),
        _("State"),
        _("Last trained"),
        _("Valid until"),
        _("Due by"),
    ]


def row_cells(row) -> list:
    officer = row.officer
    return [
        officer.employee_code or "",
        officer.get_full_name() or officer.username,
        officer.designation,
        str(officer.office) if officer.office_id else "",
        row.rule.shown_name,
        row.since,
        str(row.state_label),
        row.latest,
        row.standing.expires,
        row.standing.deadline,
    ]


def _text(value):
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return "" if value is None else value


def download(rows, *, fmt: str, filename: str) -> HttpResponse:
    if fmt != "xlsx":
        return csv_response(
            filename=f"{filename}.csv",
            header=header(),
            rows=([_text(cell) for cell in row_cells(row)] for row in rows),
        )
    book = Workbook()
    sheet = book.active
    sheet.title = "Compliance"
    sheet.append([safe_cell(cell) for cell in header()])
    for row in rows:
        sheet.append(
            [
                cell if isinstance(cell, datetime.date) or cell is None else safe_cell(cell)
                for cell in row_cells(row)
            ]
        )
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, datetime.date):
                cell.number_format = "DD/MM/YYYY"
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = attachment(f"{filename}.xlsx")
    return response
