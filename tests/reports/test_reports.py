"""Report figures against a small, hand-computed fixture; the seed-table import; exports."""

import datetime
import io
from pathlib import Path

import pytest
from django.urls import reverse

from lms.core.roles import Role
from nominations.enums import NominationState
from reports import selectors, services
from tests.factories import make_user
from tests.reports.helpers import SEED, programme, record

S = NominationState
pytestmark = pytest.mark.django_db


def test_yearly_table_by_financial_year(fixture):
    table = selectors.yearly_table()
    rows = {
        row["year"]: (row["programmes"], row["participants"], row["unique_officers"])
        for row in table["rows"]
    }
    assert rows == {"2023-24": (1, 1, 1), "2024-25": (2, 3, 3)}
    total = table["total"]
    assert (total["programmes"], total["participants"], total["unique_officers"]) == (3, 4, 3)


def test_fy_summary_and_breakdowns(fixture, department, other_department):
    services.set_target(financial_year="2024-25", programmes=50, officers=2000)
    summary = selectors.fy_summary("2024-25")
    assert (
        summary["programmes"],
        summary["planned"],
        summary["participants"],
        summary["officers"],
    ) == (2, 1, 3, 3)
    assert summary["no_show_rate"] == 25.0 and summary["target"].officers == 2000
    as_dict = lambda by: {r["key"]: r["participants"] for r in selectors.breakdown("2024-25", by)}  # noqa: E731
    assert as_dict("mode") == {"classroom": 2, "online": 1}
    assert as_dict("department") == {department.name: 2, other_department.name: 1}
    assert as_dict("level") == {"cutting_edge": 1, "middle": 1, "top": 1}
    assert as_dict("gender") == {"female": 1, "male": 2}
    assert as_dict("month") == {4: 2, 6: 1}
    assert [p["participants"] for p in selectors.programme_list("2024-25")] == [2, 1]


def test_seed_table_import_computes_263_and_10098(client, cell_admin):
    rows = services.parse_year_table(SEED.read_text(encoding="utf-8"))
    assert len(rows) == 11 and rows[0] == ("2013-14", 5, 78) and rows[-1] == ("2023-24", 42, 1217)
    services.import_historical(rows=rows, actor=cell_admin, source="HIPA brochure")
    total = selectors.yearly_table()["total"]
    assert (total["programmes"], total["participants"]) == (263, 10098)  # not the printed 268
    assert all(row["imported"] for row in selectors.yearly_table()["rows"])
    client.force_login(cell_admin)
    page = client.get(reverse("reports:index")).content.decode()
    assert (
        "<strong>263</strong>" in page
        and "<strong>10,098</strong>" in page
        and "(imported)" in page
    )


def test_a_year_with_both_counts_the_imported_figures_until_the_cell_chooses(fixture, cell_admin):
    services.import_historical(rows=[("2022-23", 30, 1061), ("2023-24", 42, 1217)])
    rows = {row["year"]: row for row in selectors.yearly_table()["rows"]}
    assert rows["2022-23"]["imported"] and not rows["2022-23"]["overlap"]
    both = rows["2023-24"]  # the fixture finalised one programme (1 participant) in 2023-24
    assert both["overlap"] and both["counting"] == "imported"
    assert (both["programmes"], both["participants"], both["unique_officers"]) == (42, 1217, None)
    assert both["imported_figures"] == {"programmes": 42, "participants": 1217}
    assert (both["computed_figures"]["programmes"], both["computed_figures"]["participants"]) == (
        1,
        1,
    )
    expected = {"computed": (1, 1, 1), "both": (43, 1218, None), "imported": (42, 1217, None)}
    for choice, figures in expected.items():
        services.set_year_counting(financial_year="2023-24", counting=choice, actor=cell_admin)
        row = {r["year"]: r for r in selectors.yearly_table()["rows"]}["2023-24"]
        assert (row["programmes"], row["participants"], row["unique_officers"]) == figures


@pytest.mark.parametrize(
    "bad", ["2023-25  5  78", "2013-14 5 78\n2013-14 6 80", "Year Courses\nTOTAL 268 10098"]
)
def test_bad_tables_are_refused(bad):
    with pytest.raises(services.ReportError):
        services.parse_year_table(bad)


def test_paste_import_page_keeps_input_on_error(client, cell_admin):
    client.force_login(cell_admin)
    page = client.post(
        reverse("reports:import"), {"table": "2013-14 5 78\n2013-14 5 78", "source": "x"}
    ).content.decode()
    assert "appears twice" in page and "2013-14 5 78" in page
    client.post(reverse("reports:import"), {"table": "2013-14\t5\t78\nTOTAL\t268\t10098"})
    assert selectors.yearly_table()["total"]["programmes"] == 5


def test_exports_escape_formulas(client, cell_admin, fixture, department):
    from openpyxl import load_workbook

    department.name = '=HYPERLINK("http://evil")'
    department.save()
    client.force_login(cell_admin)
    csv_text = client.get(
        reverse("reports:index"), {"fy": "2024-25", "table": "department", "format": "csv"}
    ).content.decode()
    assert "'=HYPERLINK" in csv_text
    xlsx = client.get(
        reverse("reports:index"), {"fy": "2024-25", "table": "department", "format": "xlsx"}
    )
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert '\'=HYPERLINK("http://evil")' in values
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)
    yearly = client.get(reverse("reports:index"), {"format": "csv"}).content.decode()
    assert "TOTAL,3,4,3" in yearly


@pytest.mark.parametrize("fixture_name", ["trainee", "hod", "trainer", "course_director"])
def test_reports_are_for_the_cell(client, request, fixture_name):
    client.force_login(request.getfixturevalue(fixture_name))
    assert client.get(reverse("reports:index")).status_code == 403
    assert client.get(reverse("reports:import")).status_code == 403


def test_report_page_queries_do_not_grow(
    client, cell_admin, fixture, department, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(cell_admin)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("reports:index"), {"fy": "2024-25"})
    for _ in range(5):
        item = programme(datetime.date(2024, 8, 1))
        for _n in range(4):
            record(item, make_user(Role.TRAINEE, department=department), S.ATTENDED)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("reports:index"), {"fy": "2024-25"})


def test_department_coverage_counts_nominated_and_trained(fixture, department, other_department):
    coverage = {
        row["name"]: (row["nominated"], row["trained"])
        for row in selectors.department_coverage("2024-25")
    }
    # department: A and B trained, C nominated (withdrawn) and also in the running programme
    assert coverage[department.name] == (3, 2)
    assert coverage[other_department.name] == (2, 1)


def test_hod_dashboard_is_scoped(client, fixture, hod, other_hod, department):
    client.force_login(hod)
    page = client.get(reverse("reports:department")).content.decode()
    assert "Never trained" in page
    data = selectors.department_dashboard(department.pk)
    assert {r["year"] for r in data["trained"]} == {"2023-24", "2024-25"}
    never = set(data["never_trained"].values_list("pk", flat=True))
    assert fixture["c"].pk in never and fixture["a"].pk not in never and hod.pk in never
    assert fixture["d"].pk not in never, "other departments' officers are never listed"
    client.force_login(make_user(Role.TRAINEE, department=department))
    assert client.get(reverse("reports:department")).status_code == 403


@pytest.mark.skipif(
    not Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf").exists(), reason="fonts missing"
)
def test_pdf_report(client, cell_admin, fixture):
    client.force_login(cell_admin)
    response = client.get(reverse("reports:index"), {"fy": "2024-25", "format": "pdf"})
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")


def test_summary_counts_pending_nominations_and_certificates(fixture, trainee):
    from certificates.services import issue
    from tests.factories import build_course

    issue(holder=trainee, course=build_course())
    from django.utils import timezone

    from lms.core.fy import financial_year_label

    summary = selectors.fy_summary(financial_year_label(timezone.localdate()))
    assert summary["certificates_issued"] == 1
    assert summary["pending_nominations"] == 0


def test_cell_admin_edits_targets_and_past_figures_in_the_admin(client, cell_admin):
    client.force_login(cell_admin)
    assert client.get(reverse("annual_targets:index")).status_code == 200
    assert client.get(reverse("historical_figures:add")).status_code == 200


def test_import_command_defaults_to_the_shipped_hipa_table():
    from django.core.management import call_command

    from reports.models import HistoricalFigure

    out = io.StringIO()
    call_command("import_historical_figures", stdout=out)
    assert "11 years (2013-14 to 2023-24): 263 programmes, 10098 participants" in out.getvalue()
    figures = HistoricalFigure.objects.all()
    assert figures.count() == 11
    assert {f.source for f in figures} == {services.HIPA_YEAR_TABLE_SOURCE}
    assert services.HIPA_YEAR_TABLE.is_relative_to(Path(services.__file__).resolve().parent)


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "No such file"),
        (b"2013-14 5 78\n2013-15 6 80\n", "Line 2: 2013-15 is not a financial year"),
        (b"\xff\xfe2\x000\x001\x00", "utf-8"),
        (b"Year Courses Participants\n", "No year rows found"),
    ],
    ids=["missing", "bad-year", "not-utf8", "no-rows"],
)
def test_import_command_refuses_bad_files_and_saves_nothing(tmp_path, content, message):
    from django.core.management import CommandError, call_command

    from reports.models import HistoricalFigure

    path = tmp_path / "table.txt"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("import_historical_figures", str(path))
    assert not HistoricalFigure.objects.exists()
