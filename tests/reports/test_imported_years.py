"""Imported and computed years side by side; bad financial years answered; the DARPG table
on its own. The brochure's table (263 programmes, 10,098 participants) is imported first."""

import datetime
import io
import subprocess

import openpyxl
import pytest
from django.urls import reverse

from lms.core.models import AuditEntry
from lms.core.roles import Role
from reports import darpg, selectors, services
from reports.enums import YearCounting
from reports.models import HistoricalFigure
from tests.factories import make_user
from tests.reports.helpers import SEED, finalised

pytestmark = pytest.mark.django_db


@pytest.fixture
def brochure(cell_admin):
    rows = services.parse_year_table(SEED.read_text(encoding="utf-8"))
    services.import_historical(rows=rows, actor=cell_admin, source="HIPA brochure")


@pytest.fixture
def one_programme_in_2023_24(brochure, cell_admin, department):
    """One programme finalised through the services, ending 31/03/2024 with 3 attendees."""
    department.code = "REV"
    department.save()
    make_user(Role.HOD, department=department, username="hod-REV", level="top")
    officers = [make_user(Role.TRAINEE, department=department) for _ in range(3)]
    return finalised(ends_on=datetime.date(2024, 3, 31), present=officers, cell=cell_admin)


def _total():
    total = selectors.yearly_table()["total"]
    return total["programmes"], total["participants"]


def test_a_programme_in_an_imported_year_replaces_nothing_silently(
    client, cell_admin, one_programme_in_2023_24
):
    assert _total() == (263, 10098)  # imported figures still count by default
    row = {r["year"]: r for r in selectors.yearly_table()["rows"]}["2023-24"]
    assert (row["programmes"], row["participants"]) == (42, 1217)
    assert row["overlap"] and row["computed_figures"]["programmes"] == 1
    client.force_login(cell_admin)
    page = client.get(reverse("reports:index")).content.decode()
    assert "1 programme recorded here also falls in this year." in page
    assert 'href="?fy=2023-24#programmes"' in page
    assert 'name="counting" value="imported" checked' in page


@pytest.mark.parametrize(
    "choice, total",
    [
        ("computed", (263 - 42 + 1, 10098 - 1217 + 3)),
        ("both", (264, 10101)),
        ("imported", (263, 10098)),
    ],
)
def test_the_cells_choice_counts_and_is_audited(
    client, cell_admin, one_programme_in_2023_24, choice, total
):
    client.force_login(cell_admin)
    response = client.post(reverse("reports:year_counting", args=["2023-24"]), {"counting": choice})
    assert response.status_code == 302 and response["Location"].endswith("#year-2023-24")
    assert _total() == total
    audits = AuditEntry.objects.filter(action="reports.year_counting")
    if choice == "imported":  # the default: nothing changed, nothing audited
        assert not audits.exists()
    else:
        entry = audits.get()
        assert (entry.from_state, entry.to_state, entry.actor_id) == (
            "imported",
            choice,
            cell_admin.pk,
        )


def test_the_total_counts_unique_officers_only_where_known(cell_admin, one_programme_in_2023_24):
    table = selectors.yearly_table()
    assert table["total"]["unique_officers"] is None
    assert (table["total"]["unique_years"], table["total"]["years"]) == (0, 11)
    services.set_year_counting(financial_year="2023-24", counting="computed", actor=cell_admin)
    total = selectors.yearly_table()["total"]
    assert (total["unique_officers"], total["unique_years"], total["years"]) == (3, 1, 11)


@pytest.mark.parametrize("bad", ["", "sideways", None])
def test_a_bad_choice_is_refused_and_changes_nothing(
    client, cell_admin, one_programme_in_2023_24, bad
):
    client.force_login(cell_admin)
    data = {} if bad is None else {"counting": bad}
    client.post(reverse("reports:year_counting", args=["2023-24"]), data)
    assert HistoricalFigure.objects.get(financial_year="2023-24").counting == "imported"
    with pytest.raises(services.ReportError):
        services.set_year_counting(financial_year="2030-31", counting="both", actor=cell_admin)


@pytest.mark.parametrize("role", [Role.HOD, Role.TRAINEE, Role.TRAINER, Role.COURSE_DIRECTOR])
def test_only_the_cell_chooses(client, brochure, department, role):
    client.force_login(make_user(role, department=department))
    response = client.post(reverse("reports:year_counting", args=["2023-24"]), {"counting": "both"})
    assert response.status_code in (302, 403)
    assert HistoricalFigure.objects.get(financial_year="2023-24").counting == "imported"


def test_the_admin_edit_of_the_choice_goes_through_the_service(client, cell_admin, brochure):
    figure = HistoricalFigure.objects.get(financial_year="2022-23")
    client.force_login(cell_admin)
    url = reverse("historical_figures:edit", args=[figure.pk])
    response = client.post(
        url,
        {
            "financial_year": "2022-23",
            "programmes": 30,
            "participants": 1061,
            "source": "HIPA brochure",
            "counting": YearCounting.BOTH,
        },
    )
    assert response.status_code == 302
    figure.refresh_from_db()
    assert figure.counting == YearCounting.BOTH
    entry = AuditEntry.objects.get(action="reports.year_counting")
    assert (entry.to_state, entry.actor_id) == ("both", cell_admin.pk)


# ------------------------------------------------------------------ bad financial years
@pytest.mark.parametrize(
    "bad", ["abc", "2024-26", "9999-00", "", "1900-01", "2024", "२०२४-२६", " - "]
)
def test_a_bad_year_is_answered_not_guessed(client, cell_admin, brochure, bad):
    client.force_login(cell_admin)
    response = client.get(reverse("reports:index"), {"fy": bad})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Years that have figures" in page and 'href="?fy=2013-14"' in page
    for fmt, table in (("csv", ""), ("xlsx", "department"), ("pdf", ""), ("xlsx", "darpg")):
        download = client.get(reverse("reports:index"), {"fy": bad, "format": fmt, "table": table})
        assert download.status_code == 400
        assert "Content-Disposition" not in download


def test_indian_digits_are_read_and_written_back_in_ascii(client, cell_admin, brochure):
    client.force_login(cell_admin)
    page = client.get(reverse("reports:index"), {"fy": "२०२३-२४"})
    assert page.status_code == 200
    assert "Financial year 2023-24" in page.content.decode()
    download = client.get(
        reverse("reports:index"), {"fy": "२०२३-२४", "table": "level", "format": "csv"}
    )
    assert download["Content-Disposition"] == (
        'attachment; filename="sevottam-2023-24-by-level.csv"; '
        "filename*=UTF-8''sevottam-2023-24-by-level.csv"
    )


def test_the_next_year_is_allowed_and_the_one_after_is_not(client, cell_admin):
    from lms.core.fy import financial_year_start

    start = financial_year_start(datetime.date.today())
    client.force_login(cell_admin)
    ok = client.get(reverse("reports:index"), {"fy": f"{start + 1}-{(start + 2) % 100:02d}"})
    far = client.get(reverse("reports:index"), {"fy": f"{start + 2}-{(start + 3) % 100:02d}"})
    assert (ok.status_code, far.status_code) == (200, 400)


def test_non_ascii_file_names_use_rfc_6266():
    from lms.core.downloads import attachment

    header = attachment("प्रतिवेदन 2024-25.csv")
    assert header.startswith("attachment; filename=\"2024-25.csv\"; filename*=UTF-8''")
    assert "%E0%A4%AA" in header and "=?utf-8?" not in header


# ------------------------------------------------------------------ the DARPG table
def test_the_darpg_table_in_xlsx_is_the_brochures_format_with_definitions(
    client, cell_admin, brochure
):
    client.force_login(cell_admin)
    response = client.get(reverse("reports:index"), {"table": "darpg", "format": "xlsx"})
    assert response.status_code == 200
    assert 'filename="darpg-year-wise.xlsx"' in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [tuple(c for c in row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ("Year", "No. of Courses Conducted", "No. of the Participants")
    assert rows[1] == ("2013-14", 5, 78) and rows[11] == ("2023-24", 42, 1217)
    assert rows[12] == ("TOTAL", 263, 10098)  # computed, not the printed 268
    notes = " ".join(str(row[0]) for row in rows[13:] if row and row[0])
    assert darpg.DEFINITIONS in notes and darpg.DEFINITIONS_HI in notes
    assert "2013-14: imported figures (HIPA brochure)" in notes


def test_the_darpg_table_in_pdf_carries_both_languages(client, cell_admin, brochure):
    client.force_login(cell_admin)
    response = client.get(reverse("reports:index"), {"table": "darpg", "format": "pdf"})
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    assert "No. of Courses Conducted" in text and "10,098" in text and "268" not in text
    assert "A programme counts in the financial year" in " ".join(text.split())
