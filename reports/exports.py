"""Report tables as pandas DataFrames, and CSV/XLSX downloads that never carry a formula."""

import io

import pandas as pd
from django.http import HttpResponse

from lms.core.csv import safe_cell


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
            "Source": [
                "imported" if r["imported"] else ("" if r["year"] == "TOTAL" else "computed")
                for r in rows
            ],
        }
    )


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
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
        return response
    response = HttpResponse(
        "\ufeff" + frame.to_csv(index=False), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response
