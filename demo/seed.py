"""The demo data: topics, Haryana departments and districts, one demo user per role plus
officers for the HOD views, the Sevottam curriculum from ``demo/data`` (``content``), the
programmes, the simulator's rulebooks and scenarios, what officers did (``activity``: an
unfinalised programme, tests and attempts, surveys, certificates; ``practice``: scenario
sets and scored practice sessions) and the reports' imported past years.

Idempotent: what exists (matched by slug, code, username or title) is left as it is, so running it
again neither duplicates nor overwrites edits made in the admin; only a Hindi name or post
left blank is filled in (``fill_blank``)."""

import datetime
import zlib
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from courses.enums import ProgrammeMode, ProgrammeStatus
from courses.models import (
    CatalogueIndexPage,
    CoursePage,
    LessonPage,
    ModulePage,
    Programme,
    Topic,
)
from lms.accounts.models import User
from lms.core.enums import Gender, Level
from lms.core.roles import Role
from lms.departments.models import Department, District, Office
from nominations import services as nominations
from nominations.enums import NominationState
from programmes import services as programme_services
from reports.models import HistoricalFigure
from reports.services import (
    HIPA_YEAR_TABLE,
    HIPA_YEAR_TABLE_SOURCE,
    import_historical,
    parse_year_table,
)
from simulator.seed import seed_simulator

from . import activity, compliance, content, practice
from .builders import new_programme, run_in_the_past

DEMO_PASSWORD = "sevottam-demo-2026"


@dataclass
class SeedReport:
    created: dict = field(default_factory=dict)
    logins: list = field(default_factory=list)

    def count(self, what: str, n: int = 1):
        self.created[what] = self.created.get(what, 0) + n


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    roles: tuple
    designation: str
    level: str
    department_code: str | None
    gender: str
    note: str


DEMO_USERS = [
    DemoUser(
        "celladmin",
        "Sunita",
        "Malik",
        (Role.CELL_ADMIN,),
        "Deputy Director, Sevottam Cell",
        Level.MIDDLE,
        None,
        Gender.FEMALE,
        "cell administrator (admin + officers of every department)",
    ),
    DemoUser(
        "trainer",
        "Rakesh",
        "Yadav",
        (Role.TRAINER,),
        "Faculty, Sevottam Cell",
        Level.MIDDLE,
        None,
        Gender.MALE,
        "trainer: edits courses in /admin/, submits for review",
    ),
    DemoUser(
        "director",
        "Meenakshi",
        "Rao",
        (Role.COURSE_DIRECTOR,),
        "Course Director",
        Level.TOP,
        None,
        Gender.FEMALE,
        "course director: reviews and publishes in /admin/",
    ),
    DemoUser(
        "hod.revenue",
        "Anil",
        "Kumar",
        (Role.HOD,),
        "Special Secretary (nodal officer)",
        Level.TOP,
        "REV",
        Gender.MALE,
        "HOD / nodal officer of Revenue and Disaster Management",
    ),
    DemoUser(
        "hod.health",
        "Kavita",
        "Sharma",
        (Role.HOD,),
        "Director (nodal officer)",
        Level.TOP,
        "HLT",
        Gender.FEMALE,
        "HOD / nodal officer of Health",
    ),
    DemoUser(
        "trainee",
        "Pooja",
        "Devi",
        (Role.TRAINEE,),
        "Naib Tehsildar",
        Level.CUTTING_EDGE,
        "REV",
        Gender.FEMALE,
        "trainee (Revenue): takes courses under My learning",
    ),
]

# Names and posts in Devanagari, as the Hindi text of certificates prints them (an officer
# enters their own on the profile page; HRMS can push them).
HINDI_NAMES = {
    "Sunita Malik": "सुनीता मलिक",
    "Rakesh Yadav": "राकेश यादव",
    "Meenakshi Rao": "मीनाक्षी राव",
    "Anil Kumar": "अनिल कुमार",
    "Kavita Sharma": "कविता शर्मा",
    "Pooja Devi": "पूजा देवी",
    "Ramesh Chand": "रमेश चंद",
    "Neelam Rani": "नीलम रानी",
    "Sandeep Singh": "संदीप सिंह",
    "Priya Verma": "प्रिया वर्मा",
    "Vikas Dahiya": "विकास दहिया",
    "Anjali Saini": "अंजलि सैनी",
}
HINDI_POSTS = {
    "Deputy Director, Sevottam Cell": "उप निदेशक, सेवोत्तम प्रकोष्ठ",
    "Faculty, Sevottam Cell": "संकाय सदस्य, सेवोत्तम प्रकोष्ठ",
    "Course Director": "पाठ्यक्रम निदेशक",
    "Special Secretary (nodal officer)": "विशेष सचिव (नोडल अधिकारी)",
    "Director (nodal officer)": "निदेशक (नोडल अधिकारी)",
    "Naib Tehsildar": "नायब तहसीलदार",
    "Patwari": "पटवारी",
    "Kanungo": "कानूनगो",
    "Tehsildar": "तहसीलदार",
    "Clerk": "लिपिक",
    "Superintendent": "अधीक्षक",
    "Assistant": "सहायक",
}

# Officers for the HOD views: (first, last, designation, level, gender)
OFFICERS = [
    ("Ramesh", "Chand", "Patwari", Level.CUTTING_EDGE, Gender.MALE),
    ("Neelam", "Rani", "Kanungo", Level.CUTTING_EDGE, Gender.FEMALE),
    ("Sandeep", "Singh", "Tehsildar", Level.MIDDLE, Gender.MALE),
    ("Priya", "Verma", "Clerk", Level.CUTTING_EDGE, Gender.FEMALE),
    ("Vikas", "Dahiya", "Superintendent", Level.MIDDLE, Gender.MALE),
    ("Anjali", "Saini", "Assistant", Level.CUTTING_EDGE, Gender.FEMALE),
]


def lesson_body(blocks) -> list[dict]:
    """Convert the data files' [kind, value] pairs to StreamField raw data."""
    raw = []
    for kind, value in blocks:
        if kind == "heading":
            raw.append({"type": "heading", "value": value})
        elif kind == "paragraph":
            raw.append({"type": "paragraph", "value": value})
        elif kind == "callout":
            raw.append(
                {
                    "type": "callout",
                    "value": {
                        "kind": value["kind"],
                        "title": value["title"],
                        "body": value["body"],
                    },
                }
            )
        elif kind == "table":
            raw.append(
                {
                    "type": "table",
                    "value": {
                        "data": [list(value["header"])] + [list(row) for row in value["rows"]],
                        "first_row_is_table_header": True,
                        "first_col_is_header": False,
                        "table_caption": value.get("caption", ""),
                    },
                }
            )
        elif kind == "knowledge_check":
            options, correct = _spread_answer(list(value["options"]), value["correct"], value)
            raw.append(
                {
                    "type": "knowledge_check",
                    "value": {
                        "question": value["question"],
                        "options": options,
                        "correct_option": correct + 1,
                        "explanation": value.get("explanation", ""),
                    },
                }
            )
        else:
            raise ValueError(f"Unknown demo block kind: {kind}")
    return raw


def _spread_answer(options: list, correct: int, value: dict) -> tuple[list, int]:
    """Rotate the options by a fixed amount taken from the question text, so the right
    answer is not usually in the same place (the content was written with it mostly
    second). Deterministic: seeding twice gives the same lesson. Options that refer to
    others by position ("all of the above") keep the written order."""
    if any("above" in option.lower() or "both" in option.lower() for option in options):
        return options, correct
    shift = zlib.crc32(value["question"].encode()) % len(options)
    rotated = options[shift:] + options[:shift]
    return rotated, (correct - shift) % len(options)


def _child(parent, model, slug):
    return model.objects.child_of(parent).filter(slug=slug).first()


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def fill_blank(obj, report: SeedReport, **values) -> None:
    """Fill the fields of an existing ``obj`` that are blank with ``values`` (the Hindi names
    of rows seeded before they had one); a value entered in the admin is kept."""
    blank = [name for name, value in values.items() if value and not getattr(obj, name)]
    for name in blank:
        setattr(obj, name, values[name])
    if blank:
        obj.save(update_fields=blank)
        report.count("Hindi names filled in")


def seed_topics(report: SeedReport) -> dict[str, Topic]:
    topics = {}
    for order, item in enumerate(content.topics()):
        topic, created = Topic.objects.get_or_create(
            slug=item["slug"],
            defaults={
                "name": item["name"],
                "name_hi": item.get("name_hi", ""),
                "sort_order": order,
            },
        )
        topics[topic.slug] = topic
        if created:
            report.count("topics")
        else:
            fill_blank(topic, report, name_hi=item.get("name_hi", ""))
    return topics


def seed_departments(report: SeedReport) -> dict[str, Department]:
    districts = {}
    for name, name_hi in content.districts():
        district, created = District.objects.get_or_create(name=name, defaults={"name_hi": name_hi})
        districts[name] = district
        if created:
            report.count("districts")
        else:
            fill_blank(district, report, name_hi=name_hi)
    departments = {}
    for item in content.departments():
        department, created = Department.objects.get_or_create(
            code=item["code"], defaults={"name": item["name"], "name_hi": item.get("name_hi", "")}
        )
        departments[department.code] = department
        if created:
            report.count("departments")
        else:
            fill_blank(department, report, name_hi=item.get("name_hi", ""))
        for office in item.get("offices", []):
            seeded, created = Office.objects.get_or_create(
                department=department,
                name=office["name"],
                defaults={
                    "name_hi": office.get("name_hi", ""),
                    "district": districts.get(office.get("district")),
                },
            )
            if created:
                report.count("offices")
            else:
                fill_blank(seeded, report, name_hi=office.get("name_hi", ""))
    return departments


def _make_user(*, username, password_hash, roles=(), **fields) -> tuple[User, bool]:
    user = User.objects.filter(username=username).first()
    if user:
        return user, False
    user = User(
        username=username, email=f"{username}@demo.sevottam.local", password=password_hash, **fields
    )
    user.save()
    for role in roles:
        user.groups.add(Group.objects.get_or_create(name=Role(role).value)[0])
    return user, True


def seed_users(report: SeedReport, departments: dict[str, Department], password: str) -> None:

    password_hash = make_password(password)  # hashed once: 80 users share the demo password
    for demo in DEMO_USERS:
        department = departments.get(demo.department_code) if demo.department_code else None
        office = department.offices.first() if department else None
        user, created = _make_user(
            username=demo.username,
            password_hash=password_hash,
            roles=demo.roles,
            first_name=demo.first_name,
            last_name=demo.last_name,
            name_hi=HINDI_NAMES.get(f"{demo.first_name} {demo.last_name}", ""),
            designation=demo.designation,
            designation_hi=HINDI_POSTS.get(demo.designation, ""),
            level=demo.level,
            department=department,
            office=office,
            district=office.district if office else None,
            gender=demo.gender,
            employee_code=f"HR-{demo.username.upper()}",
        )
        if created:
            report.count("demo users")
        else:
            fill_blank(
                user,
                report,
                name_hi=HINDI_NAMES.get(f"{demo.first_name} {demo.last_name}", ""),
                designation_hi=HINDI_POSTS.get(demo.designation, ""),
            )
        report.logins.append((demo.username, password, demo.note))
    # A handful of officers (trainees) in each department, for the HOD views.
    for index, department in enumerate(departments.values()):
        offices = list(department.offices.all())
        for n, (first, last, designation, level, gender) in enumerate(OFFICERS):
            office = offices[n % len(offices)] if offices else None
            user, created = _make_user(
                username=f"{department.code.lower()}.officer{n + 1}",
                password_hash=password_hash,
                roles=(Role.TRAINEE,),
                first_name=first,
                last_name=last,
                name_hi=HINDI_NAMES.get(f"{first} {last}", ""),
                designation=designation,
                designation_hi=HINDI_POSTS.get(designation, ""),
                level=level,
                department=department,
                office=office,
                district=office.district if office else None,
                gender=gender,
                employee_code=f"HR-{department.code}-{index:02d}{n + 1:03d}",
                mobile=f"98{index:02d}{n:06d}"[:10],
            )
            if created:
                report.count("officers")
            else:
                fill_blank(
                    user,
                    report,
                    name_hi=HINDI_NAMES.get(f"{first} {last}", ""),
                    designation_hi=HINDI_POSTS.get(designation, ""),
                )


def seed_curriculum(report: SeedReport, topics: dict[str, Topic]) -> None:
    catalogue = CatalogueIndexPage.objects.get(locale__language_code=settings.LANGUAGE_CODE)
    for course_data in content.curriculum():
        course = _child(catalogue, CoursePage, course_data["slug"])
        if course is None:
            course = _publish(
                catalogue,
                CoursePage(
                    title=course_data["title"],
                    slug=course_data["slug"],
                    topic=topics[course_data["topic"]],
                    summary=course_data["summary"],
                    objectives="\n".join(course_data.get("objectives", [])),
                    target_levels=list(course_data["target_levels"]),
                    duration_hours=Decimal(str(course_data["duration_hours"])),
                    language=course_data.get("language", "en"),
                    self_enrolment=course_data.get("self_enrol", True),
                ),
            )
            report.count("courses")
        for module_data in course_data["modules"]:
            module = _child(course, ModulePage, module_data["slug"])
            if module is None:
                module = _publish(
                    course,
                    ModulePage(
                        title=module_data["title"],
                        slug=module_data["slug"],
                        intro=module_data.get("intro", ""),
                    ),
                )
                report.count("modules")
            for lesson_data in module_data["lessons"]:
                if _child(module, LessonPage, lesson_data["slug"]) is not None:
                    continue
                _publish(
                    module,
                    LessonPage(
                        title=lesson_data["title"],
                        slug=lesson_data["slug"],
                        minutes=lesson_data.get("minutes", 10),
                        body=lesson_body(lesson_data["body"]),
                    ),
                )
                report.count("lessons")


THREE_PROGRAMMES = (
    activity.COMPLETED_TITLE,
    "Grievance redress and CM Window SOP",
    "Right to Service and the Auto Appeal System",
)


def seed_programmes(report: SeedReport, departments: dict[str, Department]) -> None:
    """Three batches: one open for nominations now, one upcoming with nominations in, and
    one completed last month with attendance and completions. Made through the services,
    so states, audit rows and seat counts are as real."""
    if Programme.objects.filter(title__in=THREE_PROGRAMMES).exists():
        return
    cell = User.objects.get(username="celladmin")
    courses = list(CoursePage.objects.live().order_by("path")[:3])
    if not courses:
        return
    now = timezone.now()
    today = timezone.localdate()

    def programme(course, title, starts, days, opens, closes, **extra):
        return new_programme(
            report,
            course=course,
            title=title,
            starts=starts,
            days=days,
            opens=opens,
            closes=closes,
            cell=cell,
            **extra,
        )

    # Past: ran last month, opened and nominated "back then" by writing states directly is
    # not possible through the window rule, so open the window around now, nominate, then
    # move the dates into the past before running and finalising it.
    past = programme(
        courses[0],
        THREE_PROGRAMMES[0],
        today + datetime.timedelta(days=10),
        2,
        now - datetime.timedelta(days=1),
        now + datetime.timedelta(days=5),
    )
    upcoming = programme(
        courses[min(1, len(courses) - 1)],
        THREE_PROGRAMMES[1],
        today + datetime.timedelta(days=20),
        3,
        now - datetime.timedelta(days=2),
        now + datetime.timedelta(days=10),
        capacity=4,
    )
    open_now = programme(
        courses[min(2, len(courses) - 1)],
        THREE_PROGRAMMES[2],
        today + datetime.timedelta(days=30),
        2,
        now - datetime.timedelta(days=1),
        now + datetime.timedelta(days=14),
        mode=ProgrammeMode.HYBRID,
    )
    for item in (past, upcoming, open_now):
        programme_services.change_programme_status(
            programme=item, to_status=ProgrammeStatus.OPEN, actor=cell
        )

    hod = User.objects.get(username="hod.revenue")
    revenue = list(
        User.objects.filter(department=hod.department, level__in=[Level.MIDDLE, Level.CUTTING_EDGE])
        .exclude(pk=hod.pk)
        .order_by("username")
    )
    revenue.sort(key=lambda user: user.username != "trainee")  # the demo trainee goes first
    for officer in revenue[:5]:
        item = nominations.nominate(programme=past, officer=officer, actor=hod)
        nominations.decide(nomination=item, decision=NominationState.APPROVED, actor=cell)
        nominations.respond(nomination=item, accept=True, actor=officer)
    for index, officer in enumerate(revenue[:6]):
        item = nominations.nominate(programme=upcoming, officer=officer, actor=hod)
        if index < 4:
            nominations.decide(nomination=item, decision=NominationState.APPROVED, actor=cell)
        elif index == 4:
            nominations.decide(nomination=item, decision=NominationState.WAITLISTED, actor=cell)
    report.count("nominations", 11)

    # Run the past programme: shift it to last month, mark attendance, finalise.
    run_in_the_past(past, datetime.timedelta(days=40), cell=cell)
    confirmed = list(past.nominations.filter(state=NominationState.CONFIRMED).order_by("pk"))
    for index, item in enumerate(confirmed):
        for session in past.sessions.all():
            programme_services.mark_attendance(
                session=session, nomination=item, present=index != len(confirmed) - 1, actor=cell
            )
    programme_services.finalise_programme(programme=past, actor=cell)


def seed_past_years(report: SeedReport) -> None:
    """The HIPA brochure's year-wise table (2013-14 to 2023-24, shipped in ``reports/data``)
    as imported past years; a year the cell already entered is left as it is."""
    known = set(HistoricalFigure.objects.values_list("financial_year", flat=True))
    rows = parse_year_table(HIPA_YEAR_TABLE.read_text(encoding="utf-8"))
    new = [row for row in rows if row[0] not in known]
    if new:
        import_historical(rows=new, source=HIPA_YEAR_TABLE_SOURCE)
        report.count("imported past years", len(new))


@transaction.atomic
def seed_demo(*, password: str = DEMO_PASSWORD) -> SeedReport:
    report = SeedReport()
    topics = seed_topics(report)
    departments = seed_departments(report)
    seed_users(report, departments, password)
    seed_curriculum(report, topics)
    seed_programmes(report, departments)
    seed_simulator(report)  # simulator rulebooks and scenarios (simulator/seed.py)
    activity.seed_activity(report)  # tests, attempts, surveys, certificates
    practice.seed_simulator_assignments(report)  # scenario sets and scored sessions
    seed_past_years(report)
    compliance.seed_compliance(report)  # training rules, roles held (demo/compliance.py)
    return report
