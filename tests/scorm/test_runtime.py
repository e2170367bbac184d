"""The lesson page, the package's files and the runtime's commits."""

import json
import re
import time

import pytest

from courses.models import Enrolment, LessonCompletion
from courses.services import enrol
from scorm import tokens, views
from scorm.models import ScormAttempt
from tests.scorm.builders import scorm_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(trainer, trainee):
    course, lesson, text = scorm_course(actor=trainer)
    enrol(user=trainee, course=course)
    return course, lesson, text


def open_lesson(client, lesson):
    response = client.get(lesson.url)
    assert response.status_code == 200
    html = response.content.decode()
    src = re.search(r'data-src="([^"]+)"', html).group(1)
    commit = re.search(r'data-commit-url="([^"]+)"', html)
    return html, src.replace("&amp;", "&"), commit.group(1) if commit else None


def post(client, url, cmi, seq=1, **extra):
    return client.post(
        url, json.dumps({"seq": seq, "cmi": cmi}), content_type="text/plain", **extra
    )


def core(**values):
    return {"core": values}


def test_lesson_page_frames_the_package_sandboxed(client, world, trainee):
    _course, lesson, _text = world
    client.force_login(trainee)
    html, src, commit = open_lesson(client, lesson)
    frame = re.search(r"<iframe[^>]*>", html).group(0)
    assert 'sandbox="allow-scripts allow-forms"' in frame
    assert "allow-same-origin" not in frame
    assert src.startswith("/scorm/content/") and src.endswith("/index.html")
    assert commit.startswith("/scorm/runtime/")
    assert "Mark as complete" not in html
    data = json.loads(re.search(r'id="scorm-cmi"[^>]*>(.*?)</script>', html, re.S).group(1))
    assert data["cmi.core.entry"] == "ab-initio"
    assert data["cmi.core.student_id"] == str(trainee.pk)


def test_package_files_carry_their_own_policy(client, world, trainee):
    _course, lesson, _text = world
    client.force_login(trainee)
    _html, src, _commit = open_lesson(client, lesson)
    client.logout()  # the frame sends no cookies: the token alone opens the files
    launch = client.get(src)
    assert launch.status_code == 200
    policy = launch["Content-Security-Policy"]
    assert policy.startswith("sandbox allow-scripts allow-forms;")
    assert "allow-same-origin" not in policy
    assert "frame-ancestors 'self'" in policy
    assert launch["X-Content-Type-Options"] == "nosniff"
    assert launch["Content-Type"] == "text/html"
    assert launch["Cache-Control"] == "no-store"  # it holds the learner's data
    page = launch.content.decode()
    # The runtime comes first in <head>, before the package's own script.
    assert page.index("cross-frame-api.min.js") < page.index("js/scorm-frame.js")
    assert page.index("js/scorm-frame.js") < page.index('src="quiz.js"')
    script = client.get(src.replace("index.html", "quiz.js"))
    assert script["Content-Type"] == "text/javascript"
    assert script["Cache-Control"] == "private, max-age=3600"
    assert b"LMSInitialize" in b"".join(script.streaming_content)
    assert client.get(src.replace("index.html", "styles/site.css"))["Content-Type"] == "text/css"


def test_package_files_refused(client, world, trainee, hod):
    course, lesson, _text = world
    client.force_login(trainee)
    _html, src, _commit = open_lesson(client, lesson)
    token = src.split("/")[3]
    assert client.get(f"/scorm/content/{token}/nothing.html").status_code == 404
    assert client.get(f"/scorm/content/{token}/imsmanifest.xml").status_code == 200
    assert client.get(f"/scorm/content/{token}/../{token}/index.html").status_code == 404
    assert client.get(f"/scorm/content/{token}/%2e%2e/etc/passwd").status_code == 404
    assert client.get(f"/scorm/content/{token}x/index.html").status_code == 404
    # Someone not enrolled, with a token of their own making, gets nothing.
    forged = tokens.content_token(
        package_key=lesson.package.key, user_id=hod.pk, lesson_id=lesson.pk
    )
    assert client.get(f"/scorm/content/{forged}/index.html").status_code == 404
    # Enrolment withdrawn: the learner's token stops working.
    Enrolment.objects.filter(user=trainee, course=course).delete()
    assert client.get(src).status_code == 404


def test_expired_content_token(client, world, trainee, settings):
    _course, lesson, _text = world
    client.force_login(trainee)
    _html, src, _commit = open_lesson(client, lesson)
    settings.SCORM_CONTENT_TOKEN_SECONDS = -1
    assert client.get(src).status_code == 404


def test_staff_preview_stores_nothing(client, world, trainer):
    _course, lesson, _text = world
    client.force_login(trainer)
    html, src, commit = open_lesson(client, lesson)
    assert commit is None
    assert "Preview: what you do in this package is not saved." in html
    assert client.get(src).status_code == 200


def test_commit_stores_and_resumes(client, world, trainee):
    _course, lesson, _text = world
    client.force_login(trainee)
    _html, _src, url = open_lesson(client, lesson)
    cmi = {
        "suspend_data": "six|",
        "core": {
            "lesson_status": "incomplete",
            "lesson_location": "question-2",
            "exit": "suspend",
            "session_time": "0000:02:30.00",
            "total_time": "0000:00:00",
            "score": {"raw": "", "min": "", "max": "100"},
        },
    }
    response = post(client, url, cmi)
    assert response.status_code == 200
    assert response.json() == {
        "result": "true",
        "errorCode": 0,
        "lessonStatus": "incomplete",
        "lessonCompleted": False,
    }
    attempt = ScormAttempt.objects.get(user=trainee, lesson=lesson)
    assert (attempt.suspend_data, attempt.lesson_location) == ("six|", "question-2")
    assert attempt.total_time == "0000:02:30.00"
    assert attempt.score_raw is None and attempt.score_max == 100
    # Opened again: the runtime starts where the learner left.
    html, src, _url = open_lesson(client, lesson)
    data = json.loads(re.search(r'id="scorm-cmi"[^>]*>(.*?)</script>', html, re.S).group(1))
    assert data["cmi.suspend_data"] == "six|"
    assert data["cmi.core.lesson_location"] == "question-2"
    assert data["cmi.core.entry"] == "resume"
    assert data["cmi.core.total_time"] == "0000:02:30.00"
    # ... and so does the cache inside the frame.
    launch = client.get(src).content.decode()
    assert "six|" in launch and "question-2" in launch


def test_commit_retried_is_idempotent_and_time_counts_per_session(client, world, trainee):
    _course, lesson, _text = world
    client.force_login(trainee)
    _html, _src, first = open_lesson(client, lesson)
    for _retry in range(3):
        assert post(client, first, core(session_time="0000:01:00.00"), seq=1).status_code == 200
    attempt = ScormAttempt.objects.get(user=trainee, lesson=lesson)
    assert attempt.total_time == "0000:01:00.00"
    post(client, first, core(session_time="0000:02:00.00", lesson_location="b"), seq=2)
    post(client, first, core(session_time="0000:01:00.00", lesson_location="a"), seq=1)
    attempt.refresh_from_db()
    assert (attempt.total_time, attempt.lesson_location) == ("0000:02:00.00", "b")
    # A second visit is a new session: its time adds to the first's.
    time.sleep(0.002)
    _html, _src, second = open_lesson(client, lesson)
    assert post(client, second, core(session_time="0000:00:30.50"), seq=1).status_code == 200
    attempt.refresh_from_db()
    assert attempt.total_time == "0000:02:30.50"
    # The first window, still open, may no longer write.
    stale = post(client, first, core(lesson_location="old"), seq=3)
    assert stale.status_code == 409
    attempt.refresh_from_db()
    assert attempt.lesson_location == "b"


def test_passed_completes_the_lesson_and_the_course(client, world, trainee):
    course, lesson, text = world
    client.force_login(trainee)
    client.post(f"/learning/lessons/{text.pk}/complete/")
    _html, _src, url = open_lesson(client, lesson)
    cmi = core(lesson_status="passed", score={"raw": "100", "min": "0", "max": "100"})
    response = post(client, url, cmi)
    assert response.json()["lessonCompleted"] is True
    assert LessonCompletion.objects.filter(user=trainee, lesson=lesson).exists()
    enrolment = Enrolment.objects.get(user=trainee, course=course)
    assert enrolment.completed_at is not None
    # Sent again, nothing more happens; a later "incomplete" does not undo it.
    assert post(client, url, cmi, seq=2).json()["lessonCompleted"] is False
    post(client, url, core(lesson_status="incomplete"), seq=3)
    attempt = ScormAttempt.objects.get(user=trainee, lesson=lesson)
    assert attempt.lesson_status == "passed" and attempt.score_raw == 100
    assert LessonCompletion.objects.filter(user=trainee).count() == 2
    html = client.get(lesson.url).content.decode()
    assert "Your score: 100 of 100" in html
    assert "You have completed this lesson." in html


def test_failed_does_not_complete(client, world, trainee):
    _course, lesson, _text = world
    client.force_login(trainee)
    _html, _src, url = open_lesson(client, lesson)
    post(client, url, core(lesson_status="failed", score={"raw": "50"}))
    assert not LessonCompletion.objects.filter(user=trainee, lesson=lesson).exists()


def test_the_button_cannot_complete_a_scorm_lesson(client, world, trainee):
    _course, lesson, _text = world
    client.force_login(trainee)
    response = client.post(f"/learning/lessons/{lesson.pk}/complete/", follow=True)
    assert "This lesson is completed by working through it." in response.content.decode()
    assert not LessonCompletion.objects.filter(user=trainee, lesson=lesson).exists()


@pytest.mark.parametrize(
    ("cmi", "message"),
    [
        (
            {"suspend_data": "x" * 4097},
            "cmi.suspend_data may hold at most 4096 characters; 4097 were sent.",
        ),
        (
            core(lesson_location="x" * 256),
            "cmi.core.lesson_location may hold at most 255 characters.",
        ),
        (
            core(lesson_status="done"),
            "cmi.core.lesson_status must be one of: not attempted, "
            "browsed, incomplete, failed, completed, passed.",
        ),
        (core(score={"raw": "101"}), "cmi.core.score.raw must be between 0 and 100."),
        (core(score={"min": "-1"}), "cmi.core.score.min must be between 0 and 100."),
        (core(score={"max": "ten"}), "cmi.core.score.max must be a decimal number."),
        (
            core(session_time="2:30"),
            "cmi.core.session_time must be a time span such as 0001:30:05.25 (HHHH:MM:SS.SS).",
        ),
        (
            core(session_time="0000:61:00"),
            "cmi.core.session_time must be a time span such as 0001:30:05.25 (HHHH:MM:SS.SS).",
        ),
        (core(exit="quit"), "cmi.core.exit must be time-out, suspend, logout or empty."),
        (core(lesson_location=12), "cmi.core.lesson_location must be a string."),
    ],
)
def test_commit_values_are_checked(client, world, trainee, cmi, message):
    _course, lesson, _text = world
    client.force_login(trainee)
    _html, _src, url = open_lesson(client, lesson)
    response = post(client, url, cmi)
    assert response.status_code == 400
    assert response.json()["detail"] == message
    assert response.json()["errorCode"] == 405
    assert not ScormAttempt.objects.filter(user=trainee).exists()


def test_suspend_data_at_the_limit_is_kept(client, world, trainee):
    _course, lesson, _text = world
    client.force_login(trainee)
    _html, _src, url = open_lesson(client, lesson)
    assert post(client, url, {"suspend_data": "é" * 4096}).status_code == 200
    assert ScormAttempt.objects.get(user=trainee).suspend_data == "é" * 4096


def test_commit_refused_to_others(client, world, trainee, hod):
    _course, lesson, _text = world
    client.force_login(trainee)
    _html, _src, url = open_lesson(client, lesson)
    client.logout()
    assert post(client, url, core(lesson_status="passed")).status_code == 403
    client.force_login(hod)
    assert post(client, url, core(lesson_status="passed")).status_code == 403
    client.force_login(trainee)
    assert post(client, url + "x", core()).status_code in (403, 404)
    assert post(client, url, core(), HTTP_ORIGIN="https://evil.example").status_code == 403
    assert client.post(url, "not json", content_type="text/plain").status_code == 400
    assert client.get(url).status_code == 405
    assert not ScormAttempt.objects.exists()


@pytest.mark.parametrize(
    ("page", "before"),
    [
        (b'<html><head><meta charset="utf-8"><script src="a.js"></script>', b'<script src="a.js">'),
        (b"<HTML><HEAD><script src='a.js'></script><meta charset=utf-8>", b"<script src='a.js'>"),
        (b"<p>no head</p><script>go()</script>", b"<script>go()"),
    ],
)
def test_the_runtime_goes_before_the_first_script(page, before):
    tags = b'<script src="/static/runtime.js"></script>'
    result = views._inject(page, tags)
    assert result.index(tags) < result.index(before)
    if b"<meta charset" in page[: page.lower().find(b"<script")]:
        assert result.index(b"<meta charset") < result.index(tags)
