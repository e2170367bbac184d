"""The report page's charts and Indian digit grouping, the breakdowns' labels, the yearly
exports' number formats, the bilingual PDF (its text read back with pdftotext) and the HOD
dashboard's numbers."""

import datetime
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from lms.core.pdf import missing_fonts
from lms.core.roles import Role
from nominations.enums import NominationState as S
from reports import exports, selectors, services
from tests.factories import make_user
from tests.reports.helpers import SEED, programme, record

pytestmark = pytest.mark.django_db
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture
def seeded(cell_admin):
    """The HIPA brochure's year-wise table, 2013-14 to 2023-24 (totals 263 and 10,098)."""
    rows = services.parse_year_table(SEED.read_text(encoding="utf-8"))
    services.import_historical(rows=rows, actor=cell_admin, source="HIPA brochure")
    return rows


def _page(client, user, **query):
    client.force_login(user)
    response = client.get(reverse("reports:index"), query)
    assert response.status_code == 200
    return response.content.decode()


def _svgs(page):
    return re.findall(r"<svg .*?</svg>", page, flags=re.S)


def test_year_charts_mark_imported_years(client, cell_admin, seeded):
    page = _page(client, cell_admin)
    programmes, participants = _svgs(page)[:2]
    for svg, key in ((programmes, "programmes"), (participants, "participants")):
        assert 'role="img"' in svg
        assert f'aria-labelledby="chart-year-{key}-title"' in svg
        assert f'aria-describedby="chart-year-{key}-desc"' in svg
        assert f'<title id="chart-year-{key}-title">' in svg
        assert svg.count(f'fill="url(#chart-year-{key}-hatch)"') == 11, "every year is imported"
    assert "Programmes conducted per financial year" in programmes
    assert "11 bars. Highest: 2023-24, 42." in programmes
    assert "Financial years 2013-14 to 2023-24." in programmes and "Hatched bars" in programmes
    assert "Highest: 2014-15, 1,706." in participants
    assert "<title>2014-15: 1,706 (imported)</title>" in participants
    assert "imported past figures" in page, "the legend explains the hatching"


def test_computed_years_are_solid(client, cell_admin, fixture):
    svg = _svgs(_page(client, cell_admin, fy="2024-25"))[0]
    assert "-hatch" not in svg and svg.count('fill="#0b4f8a"') == 2
    assert "<title>2023-24: 1</title>" in svg and "<title>2024-25: 2</title>" in svg


def test_a_chart_per_breakdown_beside_its_table(client, cell_admin, fixture, department):
    page = _page(client, cell_admin, fy="2024-25")
    for key in selectors.BREAKDOWNS:
        assert f'<title id="chart-by-{key}-title">' in page
    by_department = next(s for s in _svgs(page) if "chart-by-department" in s)
    assert "Participants in 2024-25 by department" in by_department
    assert f"<title>{department.name}: 2</title>" in by_department
    assert "Revenue and Disaster Mana…" in by_department, "long labels are shortened"
    table_after = page.split(by_department, 1)[1]
    # the table, in a box that scrolls by itself and that the keyboard reaches (a region)
    assert table_after.lstrip().startswith(
        '</figure>\n<div class="table-wrap" role="region" tabindex="0" aria-label="By Department">'
        "<table>"
    )


def test_no_charts_without_figures(client, cell_admin):
    page = _page(client, cell_admin, fy="2024-25")
    assert _svgs(page) == []
    assert "No completed programmes or imported figures yet." in page


def test_chart_numbers_stay_svg_numbers_in_hindi(client, cell_admin, fixture):
    client.force_login(cell_admin)
    page = client.get(
        reverse("reports:index"), {"fy": "2024-25"}, HTTP_ACCEPT_LANGUAGE="hi"
    ).content.decode()
    for svg in _svgs(page):
        assert re.search(r'viewBox="0 0 480 \d+(\.\d)?"', svg)
        for x in re.findall(r' x="([^"]*)"', svg):
            float(x)


def test_indian_grouping_on_the_page(client, cell_admin, seeded):
    page = _page(client, cell_admin)
    assert "<strong>10,098</strong>" in page and "<strong>263</strong>" in page
    assert '<td class="num">1,706</td>' in page and '<td class="num">1,217</td>' in page
    assert "10098" not in page.replace("(10098)", ""), "only the CSV note shows plain digits"


def test_breakdown_labels_and_month_order(fixture, department):
    """A February 2025 programme with three participants: by participants it would come
    first, in the financial year it comes last. Its officers have no level recorded."""
    item = programme(datetime.date(2025, 2, 10))
    for _ in range(3):
        record(item, make_user(Role.TRAINEE, department=department, level=""), S.ATTENDED)
    months = selectors.breakdown("2024-25", "month")
    assert [(r["key"], r["participants"]) for r in months] == [(4, 2), (6, 1), (2, 3)]
    assert [r["label"] for r in months] == ["Apr 2024", "Jun 2024", "Feb 2025"]
    labels = lambda by: {r["key"]: r["label"] for r in selectors.breakdown("2024-25", by)}  # noqa: E731
    assert labels("level") == {
        "cutting_edge": "Cutting-edge",
        "middle": "Middle",
        "top": "Top",
        "": "—",
    }
    assert labels("mode") == {"classroom": "Classroom", "online": "Online"}
    assert labels("gender")["female"] == "Female"


def test_yearly_exports_csv_plain_xlsx_indian(client, cell_admin, seeded):
    from openpyxl import load_workbook

    client.force_login(cell_admin)
    csv_text = client.get(reverse("reports:index"), {"format": "csv"}).content.decode()
    assert "TOTAL,263,10098," in csv_text and "2014-15,20,1706," in csv_text
    assert "10,098" not in csv_text
    xlsx = client.get(reverse("reports:index"), {"format": "xlsx"}).content
    sheet = load_workbook(io.BytesIO(xlsx)).active
    total = list(sheet[13])
    assert [c.value for c in total[:3]] == ["TOTAL", 263, 10098]
    assert total[0].number_format == "General"
    assert {c.number_format for c in total[1:3]} == {exports.INDIAN_NUMBER_FORMAT}
    assert sheet["C3"].value == 1706 and sheet["C3"].number_format == exports.INDIAN_NUMBER_FORMAT


def test_breakdown_xlsx_numbers_grouped(client, cell_admin, fixture):
    from openpyxl import load_workbook

    client.force_login(cell_admin)
    xlsx = client.get(
        reverse("reports:index"), {"fy": "2024-25", "table": "mode", "format": "xlsx"}
    ).content
    sheet = load_workbook(io.BytesIO(xlsx)).active
    assert [c.value for c in sheet[2]] == ["Classroom", 2, 2]  # the label, not the code
    assert sheet["B2"].number_format == exports.INDIAN_NUMBER_FORMAT
    csv_text = client.get(
        reverse("reports:index"), {"fy": "2024-25", "table": "level", "format": "csv"}
    ).content.decode()
    assert "Cutting-edge," in csv_text and "cutting_edge" not in csv_text


def _require(condition: bool, reason: str):
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI=true but {reason}", pytrace=False)
    pytest.skip(reason)


def test_pdf_is_bilingual_and_grouped(client, cell_admin, seeded, tmp_path):
    _require(not missing_fonts(), "Noto fonts missing (apt-get install fonts-noto-core)")
    client.force_login(cell_admin)
    response = client.get(reverse("reports:index"), {"fy": "2024-25", "format": "pdf"})
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    _require(
        shutil.which("pdftotext") is not None, "pdftotext missing (apt-get install poppler-utils)"
    )
    path = Path(tmp_path) / "report.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Year-wise training programmes" in text
    total = next(line for line in text.splitlines() if "TOTAL" in line)
    assert re.search(r"\b263\b", total) and "10,098" in total
    assert "1,706" in text and "(imported" in text
    assert "Programmes in 2024-25" in text


def test_pdf_template_has_hindi_headings(fixture):
    """The headings are bilingual in the HTML handed to xhtml2pdf (pdftotext cannot read the
    shaped Devanagari glyphs back, so they are checked here)."""
    from django.template.loader import render_to_string

    from reports.views import _breakdowns

    html = render_to_string(
        "reports/pdf.html",
        {
            "fy": "2024-25",
            "table": selectors.yearly_table(),
            "summary": selectors.fy_summary("2024-25"),
            "fonts": "",
            "breakdowns": _breakdowns("2024-25"),
            "programmes": selectors.programme_list("2024-25"),
        },
    )
    for heading in (
        "Year-wise training programmes / वर्षवार प्रशिक्षण कार्यक्रम",
        "TOTAL / कुल",
        "Financial year 2024-25 / वित्तीय वर्ष 2024-25",
        "Programmes in 2024-25 / 2024-25 में आयोजित कार्यक्रम",
        "By department / विभागवार",
        "By month / माहवार",
    ):
        assert heading in html
    # The programme list is a table laid out by reportlab, placed at this tag.
    assert '<pdf:flowable name="programmes" />' in html
    from reports.views import _programme_table

    table = _programme_table(selectors.programme_list("2024-25"))
    cells = [  # a paragraph's text is markup: its <font> tags dropped
        re.sub(r"<[^>]+>", "", str(getattr(cell, "text", cell)))
        for row in table._cellvalues
        for cell in row
    ]
    assert "Dates / तिथियाँ" in cells[0] and "Learning gain / अधिगम लाभ" in cells[6]
    assert fixture["p2"].code in cells


def test_hod_dashboard_groups_numbers(client, hod, monkeypatch):
    from lms.accounts.models import User

    monkeypatch.setattr(
        selectors,
        "department_dashboard",
        lambda department_id: {
            "trained": [
                {"year": "2023-24", "level": "top", "level_label": "Top", "officers": 123456}
            ],
            "pending": 100000,
            "never_trained": User.objects.none(),
        },
    )
    client.force_login(hod)
    page = client.get(reverse("reports:department")).content.decode()
    assert "1,23,456" in page and "1,00,000 nominations pending" in page


def test_hod_dashboard_shows_level_names(client, fixture, hod):
    client.force_login(hod)
    page = client.get(reverse("reports:department")).content.decode()
    assert "<td>Cutting-edge</td>" in page and "cutting_edge" not in page
