"""Report tables as pandas DataFrames, and CSV/XLSX downloads that never carry a formula.

Numbers: CSV files carry plain digits (10098, no separators), so that spreadsheets, scripts
and other systems read them as numbers whatever their locale. XLSX cells hold real numbers
displayed with Indian grouping (``INDIAN_NUMBER_FORMAT``, 10,098 and 1,00,000) and dates as
DD/MM/YYYY. The figures come from ``reports.selectors`` (database aggregates); pandas only
shapes and writes them."""

import datetime
import io

import pandas as pd
from django.http import HttpResponse

from lms.core.csv import safe_cell
from lms.core.downloads import attachment

SOURCES = {"imported": "imported", "computed": "computed", "both": "imported + computed"}


def yearly_frame(table: dict) -> pd.DataFrame:
    rows = table["rows"] + [table["total"]]
    return pd.DataFrame(
        {
            "Year": [r["year"] for r in rows],
            "No. of Courses Conducted": [r["programmes"] for r in rows],
            "No. of the Participants": [r["participants"] for r in rows],
            "Unique officers": [
                r["unique_officers"] if r["unique_officers"] is not None else "" for r in rows
            ],
            "Source": [SOURCES.get(r.get("counting"), "") for r in rows],
        }
    )


# Excel's "#,##,##0" does not group the Indian way by itself: Excel reads any comma between
# digit placeholders as "thousands separator" and groups by the machine's locale (Indian only
# on en-IN systems). These conditional sections place the lakh and crore commas explicitly, so
# every Excel and LibreOffice shows 1,00,000 and 12,34,56,789 (report figures are never
# negative; a negative number would fall to the last section and show -1,50,000 as -150,000;
# from 100 crore up the first group holds three digits or more).
INDIAN_NUMBER_FORMAT = r"[>=10000000]##\,##\,##\,##0;[>=100000]##\,##\,##0;##,##0"
INDIAN_DECIMAL_FORMAT = r"[>=10000000]##\,##\,##\,##0.00;[>=100000]##\,##\,##0.00;##,##0.00"
DATE_FORMAT = "DD/MM/YYYY"


def breakdown_frame(rows: list[dict], title: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            title: [str(r.get("label", r["key"])) for r in rows],  # "Cutting-edge", not a code
            "Participants": [r["participants"] for r in rows],
            "Unique officers": [r["officers"] for r in rows],
        }
    )


def _rounded(value, places=2):
    return None if value is None else round(float(value), places)


def programmes_frame(rows: list[dict]) -> pd.DataFrame:
    """The FY's programme list (``selectors.programme_list``), one row per programme."""
    return pd.DataFrame(
        {
            "First day": [r["starts_on"] for r in rows],
            "Last day": [r["ends_on"] for r in rows],
            "Programme number": [r["code"] for r in rows],
            "Title": [r["title"] for r in rows],
            "Mode": [str(r["mode_label"]) for r in rows],
            "Venue": [r["venue"] for r in rows],
            "Participants (completed)": [r["participants"] for r in rows],
            "Average feedback": [_rounded(r["feedback"]) for r in rows],
            "Pre-test mean (%)": [_rounded(r["learning"]["pre"]) for r in rows],
            "Post-test mean (%)": [_rounded(r["learning"]["post"]) for r in rows],
            "Learning gain (normalised)": [_rounded(r["learning"]["gain"]) for r in rows],
            "Tested (pre and post)": pd.array([r["learning"]["n"] for r in rows], dtype="Int64"),
        },
        columns=[
            "First day",
            "Last day",
            "Programme number",
            "Title",
            "Mode",
            "Venue",
            "Participants (completed)",
            "Average feedback",
            "Pre-test mean (%)",
            "Post-test mean (%)",
            "Learning gain (normalised)",
            "Tested (pre and post)",
        ],
    )


def format_sheet(sheet) -> None:
    """Indian grouping on number cells, DD/MM/YYYY on dates, columns wide enough to read."""
    widths = {}
    for row in sheet.iter_rows():
        for cell in row:
            value = cell.value
            if cell.row > 1 and not isinstance(value, bool):
                if isinstance(value, int):
                    cell.number_format = INDIAN_NUMBER_FORMAT
                elif isinstance(value, float):
                    cell.number_format = INDIAN_DECIMAL_FORMAT
                elif isinstance(value, datetime.date):
                    cell.number_format = DATE_FORMAT
            shown = 10 if isinstance(value, datetime.date) else len(str(value or ""))
            widths[cell.column_letter] = max(widths.get(cell.column_letter, 0), shown)
    for letter, width in widths.items():
        sheet.column_dimensions[letter].width = min(width + 2, 60)


def _escaped(frame: pd.DataFrame) -> pd.DataFrame:
    """Escape text cells (whatever the column's dtype: pandas 3 uses a string dtype)."""
    escaped = frame.copy()
    for column in escaped.columns:
        escaped[column] = escaped[column].map(lambda v: safe_cell(v) if isinstance(v, str) else v)
    escaped.columns = [safe_cell(c) for c in escaped.columns]
    return escaped


def download(frame: pd.DataFrame, *, filename: str, fmt: str) -> HttpResponse:
    frame = _escaped(frame)
    if fmt == "xlsx":
        buffer = io.BytesIO()
        with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
            frame.to_excel(writer, index=False, sheet_name="Report")
            format_sheet(writer.sheets["Report"])
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = attachment(f"{filename}.xlsx")
        return response
    response = HttpResponse(
        "\ufeff" + frame.to_csv(index=False), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = attachment(f"{filename}.csv")
    return response
