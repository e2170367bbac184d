"""Every URL of the site x every role -> the expected status of a GET.

The list of URLs is read from the URL configuration, so a new URL without an entry in
PAGES (or, for the JSON API, without a row in tests/api/test_permissions.py) fails
``test_every_url_has_an_entry``. Admin entry points are the index pages of every viewset
registered in the Wagtail admin, read from Wagtail's registry the same way.

Roles: anonymous, a trainee of department A, the HOD of department A, the HOD of
department B, a trainer, a course director and a cell administrator. Statuses: 200 shown,
302 sent elsewhere (sign-in for anonymous visitors), 403 refused by role, 404 outside the
caller's scope (an object of another department or another person), 405 POST only (the
simulator's POST-only addresses answer a GET with a redirect to their page instead)."""

import re
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from assessments import services as assessment_services
from assessments.models import Assessment, AssessmentQuestion, Question, QuestionBank
from certificates import services as certificate_services
from courses.models import LessonPage
from courses.services import enrol
from nominations import services as nominations
from simulator import services as simulator_services
from simulator.models import Scenario
from simulator.seed import seed_simulator
from tests.factories import build_course
from tests.nominations.factories import open_programme

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "trainee", "hod_a", "hod_b", "trainer", "director", "cell")


def expect(default, **overrides) -> dict:
    table = dict.fromkeys(ROLES, default)
    table.update(overrides)
    return table


SIGNED_IN = expect(200, anonymous=302)
PUBLIC = expect(200)
POST_ONLY = expect(405, anonymous=302)
HOD_ONLY = expect(403, anonymous=302, hod_a=200, hod_b=200)
CELL_ONLY = expect(403, anonymous=302, cell=200)
STAFF = expect(403, anonymous=302, trainer=200, director=200, cell=200)
# A simulator form's POST-only address: a GET goes to its page for whoever may see the session.
SESSION_FORM = expect(302, hod_a=404, hod_b=404)

# url name -> (path built from the world, {role: status})
PAGES = {
    # accounts
    "accounts:login": (lambda w: "/accounts/login/", expect(302, anonymous=200)),
    "accounts:logout": (lambda w: "/accounts/logout/", expect(405)),
    "accounts:profile": (lambda w: "/accounts/profile/", SIGNED_IN),
    "accounts:two_factor_setup": (lambda w: "/accounts/two-factor/set-up/", SIGNED_IN),
    "accounts:two_factor_verify": (lambda w: "/accounts/two-factor/", expect(302)),
    "accounts:two_factor_disable": (lambda w: "/accounts/two-factor/turn-off/", SIGNED_IN),
    "accounts:password_change": (lambda w: "/accounts/password/change/", SIGNED_IN),
    "accounts:password_change_done": (lambda w: "/accounts/password/change/done/", SIGNED_IN),
    "accounts:password_reset": (lambda w: "/accounts/password/reset/", PUBLIC),
    "accounts:password_reset_done": (lambda w: "/accounts/password/reset/sent/", PUBLIC),
    "accounts:password_reset_confirm": (
        lambda w: "/accounts/password/reset/MQ/set-password/",
        PUBLIC,  # an invalid link says so
    ),
    "accounts:password_reset_complete": (lambda w: "/accounts/password/reset/complete/", PUBLIC),
    # the HOD's officers
    "department:officers": (lambda w: "/department/officers/", HOD_ONLY | {"cell": 200}),
    "department:officers_export": (
        lambda w: "/department/officers/export.csv",
        HOD_ONLY | {"cell": 200},
    ),
    "department:officer": (
        lambda w: f"/department/officers/{w.trainee.pk}/",
        HOD_ONLY | {"hod_b": 404, "cell": 200},
    ),
    # learning
    "learning:dashboard": (lambda w: "/learning/", SIGNED_IN),
    "learning:enrol": (lambda w: f"/learning/courses/{w.course.pk}/enrol/", POST_ONLY),
    "learning:complete_lesson": (
        lambda w: f"/learning/lessons/{w.lesson.pk}/complete/",
        POST_ONLY,
    ),
    # public programme calendar
    "programmes:calendar": (lambda w: "/programmes/", PUBLIC),
    "programmes:calendar_ics": (lambda w: "/programmes/calendar.ics", PUBLIC),
    "programmes:detail": (lambda w: f"/programmes/{w.programme.pk}/", PUBLIC),
    "programmes:ics": (lambda w: f"/programmes/{w.programme.pk}.ics", PUBLIC),
    # nominations: HOD and officer
    "nominations:programmes": (lambda w: "/nominations/programmes/", HOD_ONLY),
    "nominations:nominate": (
        lambda w: f"/nominations/programmes/{w.programme.pk}/nominate/",
        HOD_ONLY,
    ),
    "nominations:upload": (lambda w: f"/nominations/programmes/{w.programme.pk}/upload/", HOD_ONLY),
    "nominations:department": (lambda w: "/nominations/department/", HOD_ONLY),
    "nominations:withdraw": (
        lambda w: f"/nominations/{w.nomination.pk}/withdraw/",
        HOD_ONLY | {"hod_b": 404},
    ),
    "nominations:substitute": (
        lambda w: f"/nominations/{w.nomination.pk}/substitute/",
        HOD_ONLY | {"hod_a": 302, "hod_b": 404},  # only an approved nomination: back to list
    ),
    "nominations:mine": (lambda w: "/nominations/mine/", SIGNED_IN),
    "nominations:respond": (
        lambda w: f"/nominations/{w.nomination.pk}/respond/",
        expect(404, anonymous=302, trainee=302),  # the answer is a POST from My nominations
    ),
    "nominations:ask_to_withdraw": (
        lambda w: f"/nominations/{w.nomination.pk}/ask-to-withdraw/",
        expect(404, anonymous=302, trainee=200),  # the officer's own nomination only
    ),
    "programmes:check_in": (lambda w: "/programmes/check-in/", SIGNED_IN),
    # the cell's desk
    "cell:programmes": (lambda w: "/cell/programmes/", CELL_ONLY),
    "cell:programme": (lambda w: f"/cell/programmes/{w.programme.pk}/", CELL_ONLY),
    "cell:status": (
        lambda w: f"/cell/programmes/{w.programme.pk}/status/",
        CELL_ONLY | {"cell": 302},  # a POST from the programme page; GET goes back there
    ),
    "cell:finalise": (lambda w: f"/cell/programmes/{w.programme.pk}/finalise/", CELL_ONLY),
    "cell:attendance": (
        lambda w: f"/cell/programmes/{w.programme.pk}/sessions/{w.session.pk}/attendance/",
        CELL_ONLY | {"trainer": 200},  # the trainer coordinates this programme
    ),
    "cell:decide": (
        lambda w: f"/cell/nominations/{w.nomination.pk}/decide/",
        CELL_ONLY | {"cell": 405},  # POST only
    ),
    "cell:confirm": (
        lambda w: f"/cell/nominations/{w.nomination.pk}/confirm/",
        CELL_ONLY | {"cell": 405},  # POST only
    ),
    "cell:coordinating": (lambda w: "/cell/coordinating/", SIGNED_IN),
    # certificates
    "certificates:mine": (lambda w: "/certificates/", SIGNED_IN),
    "certificates:download": (
        lambda w: f"/certificates/{w.certificate.serial}/pdf/",
        # Outside the holder, their HOD and the cell, the certificate does not exist.
        expect(404, anonymous=302, trainee=200, hod_a=200, cell=200),
    ),
    "certificates:revoke": (lambda w: f"/certificates/{w.certificate.serial}/revoke/", CELL_ONLY),
    "certificates:programme": (
        lambda w: f"/certificates/programmes/{w.programme.pk}/",
        CELL_ONLY,
    ),
    "certificates:progress": (
        lambda w: f"/certificates/programmes/{w.programme.pk}/progress/",
        CELL_ONLY,
    ),
    "certificates:zip": (
        lambda w: f"/certificates/programmes/{w.programme.pk}/zip/",
        CELL_ONLY | {"cell": 404},  # no ZIP made yet
    ),
    # reports
    "reports:index": (lambda w: "/reports/", CELL_ONLY),
    "reports:import": (lambda w: "/reports/import/", CELL_ONLY),
    "reports:department": (lambda w: "/reports/department/", HOD_ONLY),
    "reports:year_counting": (
        lambda w: "/reports/years/2023-24/counting/",
        expect(403, anonymous=302, cell=405),
    ),
    # mandatory training: the HOD's department, the cell's state-wide view
    "compliance:department": (lambda w: "/compliance/", HOD_ONLY),
    "compliance:export": (lambda w: "/compliance/export/", HOD_ONLY),
    "compliance:nominate": (
        lambda w: "/compliance/nominate/",
        HOD_ONLY | {"hod_a": 302, "hod_b": 302},  # a POST from the page; GET goes back there
    ),
    "compliance:state": (lambda w: "/compliance/state/", CELL_ONLY),
    "compliance:roles_upload": (lambda w: "/compliance/roles/upload/", HOD_ONLY | {"cell": 200}),
    "compliance:officer_roles": (
        lambda w: f"/compliance/officers/{w.trainee.pk}/roles/",
        HOD_ONLY | {"hod_b": 404, "cell": 200},
    ),
    "compliance:end_role": (
        lambda w: f"/compliance/officers/{w.trainee.pk}/roles/1/end/",
        HOD_ONLY | {"hod_a": 302, "hod_b": 302, "cell": 302},  # POST only: GET to the roles
    ),
    # assessments (the trainee is enrolled; staff may open any course)
    "assessments:detail": (
        lambda w: f"/assessments/{w.assessment.pk}/",
        expect(404, anonymous=302, trainee=200, trainer=200, director=200, cell=200),
    ),
    "assessments:start": (lambda w: f"/assessments/{w.assessment.pk}/start/", POST_ONLY),
    "assessments:attempt": (
        lambda w: f"/assessments/attempts/{w.attempt.pk}/",
        expect(404, anonymous=302, trainee=200),
    ),
    "assessments:submit": (
        lambda w: f"/assessments/attempts/{w.attempt.pk}/submit/",
        expect(404, anonymous=302, trainee=200),
    ),
    "assessments:review": (
        lambda w: f"/assessments/attempts/{w.attempt.pk}/review/",
        expect(404, anonymous=302, trainee=302),  # in progress: back to the attempt
    ),
    "assessments:analytics": (lambda w: f"/assessments/{w.assessment.pk}/analytics/", STAFF),
    "assessments:feedback_index": (lambda w: "/assessments/feedback/", STAFF),
    "assessments:programme_feedback": (
        lambda w: f"/assessments/feedback/programmes/{w.programme.pk}/",
        expect(403, anonymous=302),  # nobody has attended this programme yet
    ),
    "assessments:programme_feedback_results": (
        lambda w: f"/assessments/feedback/programmes/{w.programme.pk}/results/",
        STAFF,
    ),
    "assessments:course_feedback": (
        lambda w: f"/assessments/feedback/courses/{w.course.pk}/",
        expect(403, anonymous=302),  # nobody has completed the course
    ),
    "assessments:course_feedback_results": (
        lambda w: f"/assessments/feedback/courses/{w.course.pk}/results/",
        STAFF,
    ),
    # the grievance simulator: the trainee's own sessions, staff review
    "simulator:scenarios": (
        lambda w: "/simulator/",
        SIGNED_IN | {"hod_a": 403, "hod_b": 403},  # practice is for trainees and staff
    ),
    "simulator:start": (
        lambda w: f"/simulator/scenarios/{w.scenario.pk}/start/",
        # POST only for writes; a GET goes to the scenario in the list (practisers only).
        expect(302, hod_a=403, hod_b=403),
    ),
    "simulator:desk": (
        lambda w: f"/simulator/sessions/{w.practice.pk}/",
        STAFF | {"trainee": 200, "hod_a": 404, "hod_b": 404},  # staff review any session
    ),
    "simulator:act": (
        lambda w: f"/simulator/sessions/{w.practice.pk}/act/",
        # POST only for writes; a GET goes back to the desk for whoever may see it.
        SESSION_FORM,
    ),
    "simulator:clock": (lambda w: f"/simulator/sessions/{w.practice.pk}/clock/", SESSION_FORM),
    "simulator:finish": (lambda w: f"/simulator/sessions/{w.practice.pk}/finish/", SESSION_FORM),
    "simulator:debrief": (
        lambda w: f"/simulator/sessions/{w.practice.pk}/debrief/",
        # Running: the trainee goes back to the desk; staff review any session.
        expect(404, anonymous=302, trainee=302, trainer=302, director=302, cell=302),
    ),
    "simulator:leaderboard": (
        lambda w: f"/simulator/programmes/{w.programme.pk}/leaderboard/",
        # Staff see the batch; the trainee is not on this batch's roll (nominated, not
        # confirmed) and HODs have no business here: both get "not found".
        STAFF | {"trainee": 404, "hod_a": 404, "hod_b": 404},
    ),
    "simulator:review": (lambda w: "/simulator/review/", STAFF),
    "simulator:stats": (lambda w: "/simulator/stats/", STAFF),
    "simulator:scenario_audit": (lambda w: f"/simulator/scenarios/{w.scenario.pk}/audit/", STAFF),
    "simulator:override_reply_score": (
        lambda w: f"/simulator/sessions/{w.practice.pk}/reply-score/",
        SESSION_FORM,  # a GET goes to the debrief
    ),
    # SCORM packages: files behind a signed token (none here: 404 for all), commits POST only
    "scorm:content": (lambda w: "/scorm/content/not-a-token/index.html", expect(404)),
    "scorm:commit": (lambda w: "/scorm/runtime/not-a-token/commit/", expect(405)),
    # public verification, language, health
    "verify_search": (lambda w: "/verify/", PUBLIC),
    "verify": (lambda w: f"/verify/{w.certificate.serial}/", PUBLIC),
    "set_language": (lambda w: "/i18n/setlang/", expect(302)),
    "healthz": (lambda w: "/healthz", PUBLIC),
    # learning records (xAPI): the cell's page and its resend; activity addresses lead on
    "xapi:statements": (lambda w: "/xapi/statements/", CELL_ONLY),
    "xapi:resend_failed": (lambda w: "/xapi/statements/resend-failed/", CELL_ONLY),
    "xapi:page_activity": (lambda w: f"/xapi/activities/page/{w.lesson.pk}/", expect(302)),
    "xapi:scenario_activity": (
        lambda w: f"/xapi/activities/scenario/{w.scenario.code}/",
        expect(302),
    ),
    "favicon": (lambda w: "/favicon.ico", expect(302)),  # to the static icon
    # Wagtail's own page views
    "wagtailcore_authenticate_with_password": (
        lambda w: f"/_util/authenticate_with_password/999/{w.course.pk}/",
        expect(404),
    ),
    "wagtailcore_login": (lambda w: "/_util/login/", PUBLIC),  # private pages' sign-in
    "wagtail_serve": (
        lambda w: w.lesson.url,
        expect(302, trainee=200, trainer=200, director=200, cell=200),
    ),
}

# URL names left out, each with the reason.
NOT_PAGES = {
    "api": "the JSON API: every endpoint x role in tests/api/test_permissions.py",
}


def url_names() -> set[str]:
    """Every named URL outside the Wagtail and Django admin sites."""
    names = set()

    def walk(patterns, namespace=None, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                route = prefix + str(pattern.pattern)
                if route.startswith(("admin/", "django-admin/", "documents/")):
                    continue
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                walk(pattern.url_patterns, inner, route)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns)
    return names


def admin_index_paths() -> list[str]:
    """The index page of every viewset in the Wagtail admin that this project registered."""
    from wagtail.admin.viewsets import viewsets

    viewsets.populate()
    paths = []
    for viewset in viewsets.viewsets:
        module = type(viewset).__module__
        if module.split(".")[0] not in {
            "lms",
            "courses",
            "nominations",
            "certificates",
            "compliance",
            "reports",
            "assessments",
            "simulator",
            "scorm",
            "api",
        }:
            continue
        for child in getattr(viewset, "viewsets", None) or [viewset]:
            try:
                from django.urls import reverse

                paths.append(reverse(child.get_url_name("index")))
            except Exception:  # a viewset without an index view
                continue
    return sorted(set(paths))


@pytest.fixture
def world(
    department, other_department, trainee, hod, other_hod, trainer, course_director, cell_admin
):
    cache.clear()
    course = build_course(modules=1, lessons_per_module=1)
    lesson = LessonPage.objects.descendant_of(course).live().get()
    enrol(user=trainee, course=course)
    programme = open_programme(course=course, coordinator=trainer)
    nomination = nominations.nominate(programme=programme, officer=trainee, actor=hod)
    bank = QuestionBank.objects.create(name="Matrix bank")
    question = Question.objects.create(
        bank=bank,
        type="single",
        stem="<p>Which?</p>",
        options=[{"id": "a", "text": "A"}, {"id": "b", "text": "B"}],
        key="a",
    )
    assessment = Assessment.objects.create(
        title="Pre-test", course=course, kind="pre_test", attempts_allowed=0
    )
    AssessmentQuestion.objects.create(assessment=assessment, question=question)
    attempt = assessment_services.start_attempt(assessment=assessment, user=trainee)
    certificate = certificate_services.issue(holder=trainee, course=course)
    seed_simulator()
    scenario = Scenario.objects.order_by("code").first()
    practice = simulator_services.start_session(trainee=trainee, scenario=scenario)
    return SimpleNamespace(
        scenario=scenario,
        practice=practice,
        course=course,
        lesson=lesson,
        programme=programme,
        session=programme.sessions.first(),
        nomination=nomination,
        assessment=assessment,
        attempt=attempt,
        certificate=certificate,
        trainee=trainee,
        users={
            "anonymous": None,
            "trainee": trainee,
            "hod_a": hod,
            "hod_b": other_hod,
            "trainer": trainer,
            "director": course_director,
            "cell": cell_admin,
        },
    )


def test_every_url_has_an_entry():
    from tests.api.test_permissions import READS, WRITES

    api_covered = {
        resolve(re.sub(r"\{[^}]+\}", "1", path.split("?")[0])).view_name
        for _name, _method, path, *_rest in READS + WRITES
    }
    names = url_names()
    api_names = {name for name in names if name.startswith("api:")}
    missing_pages = sorted(names - api_names - set(PAGES))
    assert missing_pages == [], "add these URLs to PAGES with the status each role gets"
    assert sorted(api_names - api_covered - {"api:schema", "api:docs"}) == [], (
        "add these API endpoints to tests/api/test_permissions.py"
    )
    assert sorted(set(PAGES) - names) == [], "PAGES names URLs that no longer exist"


@pytest.mark.parametrize("role", ROLES)
def test_pages_by_role(client, world, role):
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    wrong = {}
    for name, (build, statuses) in PAGES.items():
        path = build(world)
        status = client.get(path).status_code
        if status != statuses[role]:
            wrong[name] = (path, statuses[role], status)
    assert wrong == {}, "name: (path, expected, got)"


@pytest.mark.parametrize("role", ROLES)
def test_admin_entry_points_by_role(client, world, role):
    """Only the three admin roles reach the Wagtail admin at all; within it, each screen
    is gated by the model permissions courses/setup.py grants (tested per screen in the
    apps' own tests)."""
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    paths = ["/admin/"] + admin_index_paths()
    assert len(paths) > 10
    statuses = {path: client.get(path).status_code for path in paths}
    if role in ("anonymous", "trainee", "hod_a", "hod_b"):
        assert set(statuses.values()) <= {302}, statuses  # to the sign-in page
    else:
        assert statuses["/admin/"] == 200
        assert set(statuses.values()) <= {200, 302}, statuses  # 302: no permission there
    if role == "cell":
        for path in ("/admin/audit-log/", "/admin/failed-sign-ins/", "/admin/officers/"):
            assert statuses[path] == 200, path
