"""Spreadsheet-safe CSV: a cell that a spreadsheet would read as a formula is escaped."""

import csv

from django.http import StreamingHttpResponse

from lms.core.downloads import attachment

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """Prefix a text cell starting with = + - @ (or a tab/CR) with an apostrophe, as OWASP
    advises, so that Excel and LibreOffice show it as text instead of running it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


class _Echo:
    def write(self, value):
        return value


def csv_response(*, filename: str, header: list[str], rows) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def stream():
        yield "\ufeff"  # BOM so that Excel opens UTF-8 (Hindi names) correctly
        yield writer.writerow([safe_cell(cell) for cell in header])
        for row in rows:
            yield writer.writerow([safe_cell(cell) for cell in row])

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = attachment(filename)
    return response
