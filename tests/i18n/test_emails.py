"""Emails go out in each recipient's preferred language, with the course named by its
version in that language."""

import pytest
from django.core import mail

from courses import services as course_services
from courses.models import LessonPage
from lms.core.roles import Role
from nominations import services as nomination_services
from tests.factories import build_course, make_user
from tests.nominations.factories import open_programme

from .conftest import translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(db):
    return build_course(title="Citizen's Charter", slug="charter", modules=1, lessons_per_module=1)


def sent(callbacks_fixture, action):
    with callbacks_fixture(execute=True):
        action()
    return list(mail.outbox)


def test_a_hindi_officer_is_emailed_in_hindi(course, django_capture_on_commit_callbacks):
    officer = make_user(Role.TRAINEE, preferred_language="hi")
    [message] = sent(
        django_capture_on_commit_callbacks,
        lambda: course_services.enrol(user=officer, course=course),
    )
    assert message.subject == "पंजीकृत: Citizen's Charter"  # no Hindi version: English title
    assert message.body.startswith(f"प्रिय {officer.get_full_name()},")
    assert "सेवोत्तम प्रकोष्ठ" in message.body and "Dear" not in message.body


def test_an_english_officer_is_emailed_in_english(course, django_capture_on_commit_callbacks):
    officer = make_user(Role.TRAINEE, preferred_language="en")
    [message] = sent(
        django_capture_on_commit_callbacks,
        lambda: course_services.enrol(user=officer, course=course),
    )
    assert message.subject == "Enrolled: Citizen's Charter"
    assert message.body.startswith("Dear ")


def test_the_email_names_the_hindi_version_of_the_course(
    course, hindi_catalogue, django_capture_on_commit_callbacks
):
    translate(course, subtree=True, title="नागरिक चार्टर")
    officer = make_user(Role.TRAINEE, preferred_language="hi")
    colleague = make_user(Role.TRAINEE, preferred_language="en")

    def enrol_both():
        course_services.enrol(user=officer, course=course)
        course_services.enrol(user=colleague, course=course)

    messages = {m.to[0]: m.subject for m in sent(django_capture_on_commit_callbacks, enrol_both)}
    assert messages == {
        officer.email: "पंजीकृत: नागरिक चार्टर",
        colleague.email: "Enrolled: Citizen's Charter",
    }


def test_completing_a_course_is_congratulated_in_hindi(course, django_capture_on_commit_callbacks):
    officer = make_user(Role.TRAINEE, preferred_language="hi")
    course_services.enrol(user=officer, course=course)
    mail.outbox.clear()
    lesson = LessonPage.objects.descendant_of(course).get()
    messages = sent(
        django_capture_on_commit_callbacks,
        lambda: course_services.complete_lesson(user=officer, lesson=lesson),
    )
    subjects = [m.subject for m in messages]
    assert "पाठ्यक्रम पूरा हुआ: Citizen's Charter" in subjects
    assert "आपका प्रमाणपत्र: Citizen's Charter" in subjects  # the online certificate


def test_a_nomination_email_reaches_each_recipient_in_their_own_language(
    department, django_capture_on_commit_callbacks
):
    hod = make_user(Role.HOD, department=department, level="top", preferred_language="en")
    officer = make_user(Role.TRAINEE, department=department, preferred_language="hi")
    programme = open_programme(title="Sevottam batch")
    messages = sent(
        django_capture_on_commit_callbacks,
        lambda: nomination_services.nominate(programme=programme, officer=officer, actor=hod),
    )
    by_recipient = {m.to[0]: m for m in messages}
    hindi = by_recipient[officer.email]
    assert hindi.subject == "नामांकन जमा किया गया: Sevottam batch"
    assert "तिथियाँ:" in hindi.body and "स्थान: HIPA Gurugram" in hindi.body
    assert by_recipient[hod.email].subject == "Nomination Submitted: Sevottam batch"
