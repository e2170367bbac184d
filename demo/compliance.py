"""Mandatory training in the demo: two training rules (Right to Service officers; grievance
redress officers), and statutory roles held by the officers of every department, started on
days that put them in each state (overdue, due, not yet due; compliant where an officer
finished the Right to Service course online; one exemption). Roles and exemptions are made
through ``compliance.services``, so they are audited like the cell's own."""

import datetime

from django.utils import timezone

from compliance import months
from compliance import services as compliance
from compliance.enums import RoleKind
from compliance.models import Exemption, RoleHeld, TrainingRule
from courses import services as courses
from courses.enums import EnrolmentSource
from courses.models import CoursePage
from courses.selectors import live_lessons
from lms.accounts.models import User
from lms.departments.models import Department

RTS_RULE = "Right to Service: designated officers and appellate authorities"
GRO_RULE = "Grievance redress: GROs and nodal officers"
RULES = {
    RTS_RULE: {
        "name_hi": "सेवा का अधिकार: पदनामित अधिकारी और अपीलीय प्राधिकारी",
        "role_kinds": [
            RoleKind.RTS_DESIGNATED_OFFICER,
            RoleKind.FIRST_APPELLATE,
            RoleKind.SECOND_APPELLATE,
        ],
        "course": "right-to-service",
        "due_within_days": 180,
        "valid_years": 3,
        "renewal_window_days": 90,
        "starts_on": datetime.date(2024, 4, 1),
    },
    GRO_RULE: {
        "name_hi": "शिकायत निवारण: शिकायत निवारण अधिकारी और नोडल अधिकारी",
        "role_kinds": [RoleKind.GRO, RoleKind.PG_NODAL, RoleKind.CMW_NODAL],
        "course": "grievance-redress",
        "due_within_days": 90,
        "valid_years": 2,
        "renewal_window_days": 60,
        "starts_on": datetime.date(2025, 4, 1),
    },
}
# officerN of each department: (role, for, days in the role before today; None = since 2019)
ROLES = {
    1: (RoleKind.RTS_DESIGNATED_OFFICER, "Income, caste and residence certificates", None),
    2: (RoleKind.RTS_DESIGNATED_OFFICER, "Mutation of land records", 30),
    3: (RoleKind.FIRST_APPELLATE, "First appeals under the Right to Service Act", 120),
    4: (RoleKind.GRO, "District office", None),
    5: (RoleKind.SECOND_APPELLATE, "Second appeals", None),
    6: (RoleKind.CMW_NODAL, "CM Window, head office", 10),
}
# Departments whose second appellate authority finished the Right to Service course online.
TRAINED_IN = ("REV", "HLT", "ULB")
EXEMPT_IN = "AGR"


def seed_rules(report) -> dict[str, TrainingRule]:
    made = {}
    for name, spec in RULES.items():
        course = CoursePage.objects.filter(slug=spec["course"], locale__language_code="en").first()
        rule = TrainingRule.objects.filter(name=name).first()
        if rule is None:
            fields = {k: v for k, v in spec.items() if k != "course"}
            rule = TrainingRule.objects.create(name=name, **fields)
            if course is not None:
                rule.courses.set([course])
            report.count("training rules")
        made[name] = rule
    return made


def seed_roles(report, cell) -> None:
    today = timezone.localdate()
    for department in Department.objects.order_by("code"):
        code = department.code.lower()
        for n, (kind, scope, days) in ROLES.items():
            officer = User.objects.filter(username=f"{code}.officer{n}").first()
            if officer is None or RoleHeld.objects.filter(officer=officer, kind=kind).exists():
                continue
            since = datetime.date(2019, 7, 1) if days is None else today - datetime.timedelta(days)
            compliance.set_role(
                officer=officer, kind=kind, scope=scope, from_date=since, actor=cell
            )
            report.count("roles held")


def seed_trained(report) -> None:
    """The second appellate authority of a few departments finished the Right to Service
    course online (``courses.services``), so they are compliant."""
    course = CoursePage.objects.filter(slug="right-to-service", locale__language_code="en").first()
    if course is None:
        return
    lessons = list(live_lessons().descendant_of(course).order_by("path"))
    for code in TRAINED_IN:
        officer = User.objects.filter(username=f"{code.lower()}.officer5").first()
        if officer is None:
            continue
        enrolment = courses.enrol(user=officer, course=course, source=EnrolmentSource.CELL)
        if enrolment.completed_at is None:
            for lesson in lessons:
                courses.complete_lesson(user=officer, lesson=lesson)
            report.count("online courses completed")


def seed_exemption(report, rules, cell) -> None:
    officer = User.objects.filter(username=f"{EXEMPT_IN.lower()}.officer1").first()
    rule = rules.get(RTS_RULE)
    if officer is None or rule is None or Exemption.objects.filter(officer=officer).exists():
        return
    compliance.exempt(
        officer=officer,
        rule=rule,
        reason="Retires at the end of this month; the successor will be trained.",
        actor=cell,
    )
    report.count("exemptions")


def seed_compliance(report) -> None:
    cell = User.objects.filter(username="celladmin").first()
    if cell is None:
        return
    rules = seed_rules(report)
    seed_roles(report, cell)
    seed_trained(report)
    seed_exemption(report, rules, cell)
    seed_trend()


def seed_trend() -> None:
    """The last twelve months' snapshots, so the cell's trend by month has figures (taken
    as the monthly task would have; a second run writes the same rows again)."""
    today = timezone.localdate()
    for month in months.months_before(today, 12):
        compliance.take_snapshot(month=month, today=today)
