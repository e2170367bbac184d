"""Mandatory training, end to end in Chromium: the cell adds a training rule in the
Wagtail admin; the HOD finds the department's overdue officers on /compliance/ and
nominates them with "Nominate these" to an upcoming programme of the rule's course; the
cell approves them, the programme takes place, its attendance is marked and finalised
(through the services: not the point here); and the HOD's page then shows them compliant.

Its own small data set (factories), not the demo."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from compliance.enums import RoleKind
from compliance.models import TrainingRule
from courses.enums import ProgrammeStatus
from courses.models import Programme
from lms.core.roles import Role
from nominations import services as nomination_services
from nominations.enums import NominationState
from nominations.models import Nomination
from programmes import services as programme_services
from tests.browser.conftest import sign_in
from tests.factories import build_course, make_user
from tests.factories.accounts import PASSWORD
from tests.factories.compliance import hold_role
from tests.nominations.factories import open_programme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RULE = "RTS designated officers: Right to Service"
LONG_AGO = datetime.date(2018, 4, 1)


def _officer(department, username, first, last, since):
    officer = make_user(
        Role.TRAINEE,
        username=username,
        department=department,
        first_name=first,
        last_name=last,
        level="middle",
    )
    hold_role(officer, kind=RoleKind.RTS_DESIGNATED_OFFICER, since=since, scope="Domicile")
    return officer


def _programme_takes_place(programme, cell):
    """The cell approves the nominations, the days go by (the programme's dates move to
    the past two days), attendance is marked for every day and the cell finalises."""
    for nomination in Nomination.objects.filter(programme=programme):
        nomination_services.decide(
            nomination=nomination, decision=NominationState.APPROVED, actor=cell
        )
    today = timezone.localdate()
    sessions = list(programme.sessions.order_by("date"))
    for offset, session in enumerate(reversed(sessions)):
        session.date = today - datetime.timedelta(days=offset)
        session.save(update_fields=["date"])
    Programme.objects.filter(pk=programme.pk).update(
        starts_on=sessions[0].date, ends_on=sessions[-1].date
    )
    programme.refresh_from_db()
    programme_services.set_status(programme=programme, to_status=ProgrammeStatus.CLOSED, actor=cell)
    for session in sessions:
        programme_services.mark_unmarked_present(session=session, actor=cell)
    return programme_services.finalise_programme(programme=programme, actor=cell)


def test_rule_overdue_nominate_finalise_compliant(live_server, page, department):
    course = build_course(modules=1, lessons_per_module=1, title="Right to Service Act")
    build_course(modules=1, lessons_per_module=1, title="Citizen's Charter")
    make_user(Role.CELL_ADMIN, username="cell", department=None)
    make_user(Role.HOD, username="nodal", department=department, level="top")
    asha = _officer(department, "asha", "Asha", "Rani", LONG_AGO)
    vikas = _officer(department, "vikas", "Vikas", "Dahiya", LONG_AGO)
    _officer(department, "chand", "Chand", "Singh", timezone.localdate())
    programme = open_programme(course=course, title="Right to Service batch", sessions=2)

    # 1. The cell adds the rule in the Wagtail admin
    sign_in(page, live_server, "cell", PASSWORD, path="/admin/login/")
    page.goto(f"{live_server.url}/admin/training_rules/new/")
    page.locator("#id_name").fill(RULE)
    page.get_by_label("RTS designated officer").check()
    page.locator("#id_courses").select_option(label="Right to Service Act")
    page.locator("#id_due_within_days").fill("90")
    page.locator("#id_valid_years").fill("3")
    page.locator("#id_renewal_window_days").fill("60")
    page.locator("#id_starts_on").fill("2020-01-01")
    page.keyboard.press("Escape")  # the date picker
    page.get_by_role("button", name="Create").click()
    expect(page.locator(".messages")).to_contain_text(RULE)
    rule = TrainingRule.objects.get()
    assert rule.role_kinds == [RoleKind.RTS_DESIGNATED_OFFICER]
    assert list(rule.courses.all()) == [course]
    assert (rule.due_within_days, rule.valid_years, rule.renewal_window_days) == (90, 3, 60)
    assert rule.starts_on == datetime.date(2020, 1, 1)

    # 2. The HOD sees the overdue officers and nominates them
    page.context.clear_cookies()
    sign_in(page, live_server, "nodal", PASSWORD)
    page.goto(f"{live_server.url}/compliance/")
    summary = page.get_by_role("row", name=re.compile(re.escape(RULE)))
    expect(summary.locator("td").nth(0)).to_have_text("3")  # officers covered
    expect(summary.locator("td").nth(1)).to_have_text("0")  # compliant
    expect(summary.locator("td").nth(3)).to_have_text("2")  # overdue
    summary.get_by_role("link", name=RULE).click()
    officers = page.get_by_role("region", name="Officers")
    expect(officers.get_by_role("row", name=re.compile("Asha Rani"))).to_contain_text("Overdue")
    expect(officers.get_by_role("row", name=re.compile("Vikas Dahiya"))).to_contain_text("Overdue")
    newcomer = officers.get_by_role("row", name=re.compile("Chand Singh"))
    expect(newcomer).to_contain_text("Not yet due")
    expect(newcomer.get_by_role("checkbox")).to_have_count(0)
    expect(page.get_by_label("Asha Rani")).to_be_checked()
    expect(page.get_by_label("Vikas Dahiya")).to_be_checked()
    page.get_by_label("Programme").select_option(value=str(programme.pk))
    page.get_by_role("button", name="Nominate these").click()
    expect(page.get_by_role("status")).to_have_text("2 officers nominated.")
    expect(page.get_by_role("listitem").filter(has_text="Asha Rani")).to_be_visible()
    nominated = Nomination.objects.filter(programme=programme)
    assert {n.officer_id: n.state for n in nominated} == {
        asha.pk: NominationState.SUBMITTED,
        vikas.pk: NominationState.SUBMITTED,
    }

    # 3. The cell approves, the programme takes place and is finalised
    cell = make_user(Role.CELL_ADMIN, username="cell.two", department=None)
    counts = _programme_takes_place(programme, cell)
    assert counts[NominationState.ATTENDED] == 2

    # 4. The HOD's page shows them compliant, valid for three years
    page.goto(f"{live_server.url}/compliance/?rule={rule.pk}")
    officers = page.get_by_role("region", name="Officers")
    ends = programme.ends_on
    valid_until = ends.replace(year=ends.year + 3).strftime("%d/%m/%Y")
    for name in ("Asha Rani", "Vikas Dahiya"):
        row = officers.get_by_role("row", name=re.compile(name))
        expect(row).to_contain_text("Compliant")
        expect(row).to_contain_text(ends.strftime("%d/%m/%Y"))
        expect(row).to_contain_text(valid_until)
    summary = page.get_by_role("row", name=re.compile(re.escape(RULE))).first
    expect(summary.locator("td").nth(1)).to_have_text("2")  # compliant
    expect(summary.locator("td").nth(3)).to_have_text("0")  # overdue
    page.goto(f"{live_server.url}/compliance/?rule={rule.pk}&state=overdue")
    expect(page.get_by_role("region", name="Officers")).to_contain_text("No officer matches.")
