"""The FY's programme list: its figures (hand-computed from the shared fixture), the
assessments figures it shows (``assessments.selectors``, one call each for all programmes),
bounded queries, and its place on the page and in the exports."""

import dataclasses
import datetime
import io

import pytest
from django.urls import reverse

from courses.enums import ProgrammeMode
from lms.core.roles import Role
from nominations.enums import NominationState as S
from reports import selectors
from tests.factories import make_user
from tests.reports.helpers import programme, record

pytestmark = pytest.mark.django_db


def use_figures(monkeypatch, *, feedback=None, gain=None):
    """Stand in for the two figure functions of ``assessments.selectors`` (no figures for a
    function not given)."""
    assessments = selectors.assessment_selectors
    monkeypatch.setattr(assessments, "average_feedback_by_programme", feedback or (lambda ids: {}))
    monkeypatch.setattr(assessments, "learning_gain_by_programme", gain or (lambda ids: {}))


@pytest.fixture
def without_assessment_figures(monkeypatch):
    """The assessments app has no figures for any programme (and runs no query)."""
    use_figures(monkeypatch)


@pytest.fixture
def assessment_figures(monkeypatch, fixture):
    """Stand-in assessments functions (the real ones are being written in that app): P2 has
    feedback and pre/post tests, P3 has neither. Calls are recorded."""
    calls = []
    p2 = fixture["p2"].pk

    def average_feedback_by_programme(programme_ids):
        calls.append(("feedback", list(programme_ids)))
        return {p2: 4.25}

    def learning_gain_by_programme(programme_ids):
        calls.append(("gain", list(programme_ids)))
        return {p2: {"pre": 40.0, "post": 70.0, "gain": 0.5, "n": 2}}

    use_figures(
        monkeypatch, feedback=average_feedback_by_programme, gain=learning_gain_by_programme
    )
    return calls


def test_programme_list_without_feedback(fixture, without_assessment_figures):
    """2024-25: P2 (31/03/2024 - 01/04/2024, classroom): A and B attended, C withdrawn -> 2;
    P3 (14/06 - 15/06/2024, online): E attended, D no-show -> 1. P1 ended in 2023-24;
    the cancelled and the running programme are not listed."""
    p2, p3 = fixture["p2"], fixture["p3"]
    rows = selectors.programme_list("2024-25")
    assert [(r["pk"], r["participants"]) for r in rows] == [(p2.pk, 2), (p3.pk, 1)]
    first = rows[0]
    assert (first["starts_on"], first["ends_on"]) == (
        datetime.date(2024, 3, 31),
        datetime.date(2024, 4, 1),
    )
    assert (first["code"], first["title"], first["venue"]) == (p2.code, p2.title, "HIPA Gurugram")
    assert [str(r["mode_label"]) for r in rows] == ["Classroom", "Online"]
    for row in rows:
        assert row["feedback"] is None
        assert row["learning"] == {"pre": None, "post": None, "gain": None, "n": None}
    assert [r["participants"] for r in selectors.programme_list("2023-24")] == [1]
    assert selectors.programme_list("2030-31") == []


def test_no_programme_asks_the_assessments_app_nothing(monkeypatch):
    def nothing_asked(ids):
        raise AssertionError("no call for an empty list")

    use_figures(monkeypatch, feedback=nothing_asked, gain=nothing_asked)
    assert selectors.assessment_figures([]) == ({}, {})


def test_the_figures_come_from_the_assessments_selectors(monkeypatch):
    use_figures(
        monkeypatch,
        feedback=lambda ids: dict.fromkeys(ids, 4.0),
        gain=lambda ids: None,  # nothing at all reads as no figures
    )
    assert selectors.assessment_figures((7, 9)) == ({7: 4.0, 9: 4.0}, {})


def test_the_real_assessments_figures_have_nothing_without_feedback_or_tests(fixture):
    ids = [fixture["p2"].pk, fixture["p3"].pk]
    feedback, gains = selectors.assessment_figures(ids)
    assert feedback == {}
    assert all(gain.n == 0 and gain.gain is None for gain in gains.values())


def test_programme_list_fills_in_feedback_and_learning_gain(fixture, assessment_figures):
    p2, p3 = fixture["p2"].pk, fixture["p3"].pk
    rows = {r["pk"]: r for r in selectors.programme_list("2024-25")}
    assert rows[p2]["feedback"] == 4.25
    assert rows[p2]["learning"] == {"pre": 40.0, "post": 70.0, "gain": 0.5, "n": 2}
    assert rows[p3]["feedback"] is None and rows[p3]["learning"]["gain"] is None
    assert assessment_figures == [("feedback", [p2, p3]), ("gain", [p2, p3])], (
        "one call each for all the programmes"
    )


def test_a_bare_gain_figure_is_accepted(monkeypatch, fixture):
    use_figures(monkeypatch, gain=lambda ids: {ids[0]: 0.25})
    first = selectors.programme_list("2024-25")[0]
    assert first["learning"] == {"pre": None, "post": None, "gain": 0.25, "n": None}


@dataclasses.dataclass
class Gain:
    """The shape assessments.selectors.LearningGain has: attributes, gain computed."""

    n: int = 0
    pre_mean: float | None = None
    post_mean: float | None = None

    @property
    def gain(self):
        return None if not self.n else (self.post_mean - self.pre_mean) / (100 - self.pre_mean)


def test_a_gain_object_is_read_by_its_attributes(monkeypatch, fixture):
    """P2: two officers compared, means 40 % and 70 %: gain (70 - 40) / (100 - 40) = 0.5.
    P3: tests but nobody took both (n = 0): no figure."""
    p2, p3 = fixture["p2"].pk, fixture["p3"].pk
    figures = {p2: Gain(n=2, pre_mean=40.0, post_mean=70.0), p3: Gain()}
    use_figures(monkeypatch, gain=lambda ids: figures)
    rows = {r["pk"]: r["learning"] for r in selectors.programme_list("2024-25")}
    assert rows[p2] == {"pre": 40.0, "post": 70.0, "gain": 0.5, "n": 2}
    assert rows[p3] == {"pre": None, "post": None, "gain": None, "n": None}


def test_programme_list_with_whatever_assessments_provides(fixture):
    """No monkeypatching: the real assessments figures (no feedback and no tests in this
    fixture) leave the figures empty."""
    rows = selectors.programme_list("2024-25")
    assert [r["participants"] for r in rows] == [2, 1]
    assert all(r["feedback"] is None and r["learning"]["gain"] is None for r in rows)


def _fy_programmes(count, department):
    for n in range(count):
        item = programme(datetime.date(2024, 8, 1) + datetime.timedelta(days=n))
        for _ in range(2):
            record(item, make_user(Role.TRAINEE, department=department), S.ATTENDED)


def test_programme_list_queries_do_not_grow(
    department, without_assessment_figures, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _fy_programmes(1, department)
    with CaptureQueriesContext(connection) as one:
        assert len(selectors.programme_list("2024-25")) == 1
    assert len(one.captured_queries) == 1
    _fy_programmes(19, department)
    with django_assert_max_num_queries(len(one.captured_queries)):
        rows = selectors.programme_list("2024-25")
    assert len(rows) == 20 and {r["participants"] for r in rows} == {2}


def test_programme_list_queries_do_not_grow_with_assessment_figures(
    department, monkeypatch, django_assert_max_num_queries
):
    """With the assessments functions present they are called once each, not per programme."""
    calls = []
    use_figures(
        monkeypatch,
        feedback=lambda ids: calls.append(ids) or {},
        gain=lambda ids: calls.append(ids) or {},
    )
    _fy_programmes(20, department)
    with django_assert_max_num_queries(1):
        assert len(selectors.programme_list("2024-25")) == 20
    assert len(calls) == 2 and all(len(ids) == 20 for ids in calls)


def test_programme_list_on_the_page(client, cell_admin, fixture, assessment_figures):
    client.force_login(cell_admin)
    page = client.get(reverse("reports:index"), {"fy": "2024-25"}).content.decode()
    p2 = fixture["p2"]
    assert p2.code in page and "31/03/2024 – 01/04/2024" in page
    assert "HIPA Gurugram · Classroom" in page
    assert "4.25" in page and "0.50" in page and "(40.0% → 70.0%, n = 2)" in page


def test_programme_list_on_the_page_without_feedback(
    client, cell_admin, fixture, without_assessment_figures
):
    client.force_login(cell_admin)
    page = client.get(reverse("reports:index"), {"fy": "2019-20"}).content.decode()
    assert "No programme completed in this financial year yet." in page
    page = client.get(reverse("reports:index"), {"fy": "2024-25"}).content.decode()
    assert fixture["p3"].code in page and "Online" in page


def test_programme_list_exports(client, cell_admin, fixture, assessment_figures):
    from openpyxl import load_workbook

    from reports.exports import DATE_FORMAT, INDIAN_DECIMAL_FORMAT, INDIAN_NUMBER_FORMAT

    p2 = fixture["p2"]
    p2.title = "=HYPERLINK(1)"
    p2.save()
    client.force_login(cell_admin)
    query = {"fy": "2024-25", "table": "programmes"}
    csv_text = client.get(reverse("reports:index"), {**query, "format": "csv"}).content.decode()
    lines = csv_text.lstrip("\ufeff").splitlines()
    assert lines[0] == (
        "First day,Last day,Programme number,Title,Mode,Venue,Participants (completed),"
        "Average feedback,Pre-test mean (%),Post-test mean (%),Learning gain (normalised),"
        "Tested (pre and post)"
    )
    assert lines[1].startswith(f"2024-03-31,2024-04-01,{p2.code},'=HYPERLINK(1),Classroom,")
    assert lines[1].endswith(",HIPA Gurugram,2,4.25,40.0,70.0,0.5,2")
    assert lines[2].endswith(",1,,,,,"), "no feedback: empty cells, not zeros"

    response = client.get(reverse("reports:index"), {**query, "format": "xlsx"})
    assert 'filename="sevottam-2024-25-programmes.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    first_day, _last, code, title, mode = (c.value for c in sheet[2][:5])
    assert first_day.date() == datetime.date(2024, 3, 31) and sheet["A2"].number_format == (
        DATE_FORMAT
    )
    assert (code, title, mode) == (p2.code, "'=HYPERLINK(1)", "Classroom")
    assert sheet["G2"].value == 2 and sheet["G2"].number_format == INDIAN_NUMBER_FORMAT
    assert sheet["H2"].value == 4.25 and sheet["H2"].number_format == INDIAN_DECIMAL_FORMAT
    assert sheet["H3"].value is None and sheet["L3"].value is None
    assert sheet["L2"].value == 2 and sheet["L2"].number_format == INDIAN_NUMBER_FORMAT


def test_online_programme_without_venue_shows_its_mode(client, cell_admin, department):
    item = programme(datetime.date(2024, 9, 2), mode=ProgrammeMode.ONLINE)
    type(item).objects.filter(pk=item.pk).update(venue="")
    row = selectors.programme_list("2024-25")[0]
    assert (row["venue"], str(row["mode_label"])) == ("", "Online")
