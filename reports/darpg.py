"""The DARPG year-wise table on its own, in the format of the table the cells already file
(the HIPA brochure's "Training programmes conducted year-wise": Year, No. of Courses
Conducted, No. of the Participants, then TOTAL), with the definitions as a footnote in
English and Hindi. Downloaded as PDF or XLSX from the reports page."""

import io

import pandas as pd
from django.http import HttpResponse
from django.template.loader import render_to_string

from lms.core.csv import safe_cell
from lms.core.downloads import attachment
from lms.core.pdf import font_face_css, render_pdf

from . import exports

TITLE = "Training programmes conducted year-wise"
TITLE_HI = "वर्षवार आयोजित प्रशिक्षण कार्यक्रम"
COLUMNS = ("Year", "No. of Courses Conducted", "No. of the Participants")
COLUMNS_HI = ("वर्ष", "आयोजित पाठ्यक्रमों की संख्या", "प्रतिभागियों की संख्या")
DEFINITIONS = (
    "A programme counts in the financial year (1 April to 31 March) of its last day, once it "
    "is completed. A participant is one completed attendance: an officer who met the "
    "programme's completion rule (an officer trained twice counts twice). Withdrawn, "
    "declined and rejected nominations, and officers who did not complete (no-show), are not "
    "counted. Totals are computed from the rows."
)
DEFINITIONS_HI = (
    "कोई कार्यक्रम पूर्ण होने पर अपने अंतिम दिन के वित्तीय वर्ष (1 अप्रैल से 31 मार्च) में "
    "गिना जाता है। एक प्रतिभागी का अर्थ है एक पूर्ण उपस्थिति: वह अधिकारी जिसने कार्यक्रम का "
    "पूर्णता नियम पूरा किया (दो बार प्रशिक्षित अधिकारी दो बार गिना जाता है)। वापस लिए गए, "
    "अस्वीकार किए गए और अस्वीकृत नामांकन, तथा कार्यक्रम पूरा न करने वाले (अनुपस्थित) अधिकारी "
    "नहीं गिने जाते। योग पंक्तियों से गणना किया जाता है।"
)


def source_notes(table: dict) -> list[tuple[str, str]]:
    """(English, Hindi) lines naming the years whose counted figures are imported."""
    notes = []
    for row in table["rows"]:
        if not row["imported"]:
            continue
        source = row["imported_source"] or "earlier records"
        if row["counting"] == "both":
            english = f"{row['year']}: imported figures ({source}) plus programmes recorded here."
            hindi = f"{row['year']}: आयातित आँकड़े ({source}) तथा यहाँ दर्ज कार्यक्रम।"
        else:
            english = f"{row['year']}: imported figures ({source})."
            hindi = f"{row['year']}: आयातित आँकड़े ({source})।"
        notes.append((english, hindi))
    return notes


def frame(table: dict) -> pd.DataFrame:
    rows = table["rows"] + [table["total"]]
    return pd.DataFrame(
        {
            COLUMNS[0]: [r["year"] for r in rows],
            COLUMNS[1]: [r["programmes"] for r in rows],
            COLUMNS[2]: [r["participants"] for r in rows],
        }
    )


def xlsx(table: dict, *, filename: str) -> HttpResponse:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame(table).to_excel(writer, index=False, sheet_name="DARPG year-wise")
        sheet = writer.sheets["DARPG year-wise"]
        exports.format_sheet(sheet)
        sheet.append([])
        for line in (
            "Definitions: " + DEFINITIONS,
            "परिभाषाएँ: " + DEFINITIONS_HI,
            *(f"{en} / {hi}" for en, hi in source_notes(table)),
        ):
            sheet.append([safe_cell(line)])
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = attachment(f"{filename}.xlsx")
    return response


def pdf(table: dict, *, filename: str) -> HttpResponse:
    html = render_to_string(
        "reports/darpg_pdf.html",
        {
            "table": table,
            "title": TITLE,
            "title_hi": TITLE_HI,
            "columns": list(zip(COLUMNS, COLUMNS_HI, strict=True)),
            "definitions": DEFINITIONS,
            "definitions_hi": DEFINITIONS_HI,
            "sources": source_notes(table),
            "fonts": font_face_css(),
        },
    )
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = attachment(f"{filename}.pdf")
    return response
