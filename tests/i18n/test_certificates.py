"""Certificates: the bilingual PDF names the course by its Hindi version in the Hindi text,
a Hindi-only layout carries no English labels, and the holder is emailed in their language."""

import importlib
import re

import pytest
from django.core import mail

from certificates import services
from certificates.models import CertificateTemplate
from certificates.rendering import certificate_html
from lms.core.roles import Role
from tests.factories import build_course, make_user

from .conftest import translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(english_catalogue):
    return build_course(title="Citizen's Charter", slug="charter", modules=1, lessons_per_module=1)


def issue(holder, course, layout="bilingual"):
    template, _created = CertificateTemplate.objects.get_or_create(
        name=f"T-{layout}", defaults={"layout": layout}
    )
    return services.issue(holder=holder, course=course, template=template), template


def test_the_hindi_text_names_the_hindi_version_of_the_course(course, hindi_catalogue):
    translate(course, subtree=True, title="नागरिक चार्टर")
    certificate, template = issue(make_user(Role.TRAINEE), course)
    html = certificate_html(certificate, template)
    assert "नागरिक चार्टर" in html  # in the Hindi text
    assert "Citizen&#x27;s Charter" in html  # in the English text
    assert certificate.course_title == "Citizen's Charter"  # the record keeps the English


def test_without_a_hindi_version_both_texts_use_the_course_title(course):
    certificate, template = issue(make_user(Role.TRAINEE), course)
    assert certificate_html(certificate, template).count("Citizen&#x27;s Charter") == 2


def test_a_hindi_only_certificate_has_no_english_labels(course):
    certificate, template = issue(make_user(Role.TRAINEE), course, layout="hi")
    html = certificate_html(certificate, template)
    assert "प्रमाण पत्र संख्या:" in html and "सत्यापन:" in html
    for english in ("Certificate No.", "Issued on", "Verify:"):
        assert english not in html


def test_the_bilingual_certificate_labels_both_languages(course):
    certificate, template = issue(make_user(Role.TRAINEE), course)
    html = certificate_html(certificate, template)
    assert "प्रमाण पत्र संख्या / Certificate No.:" in html
    assert "सत्यापन / Verify:" in html


def test_the_holder_is_emailed_in_their_language(
    course, hindi_catalogue, django_capture_on_commit_callbacks
):
    from certificates.tasks import email_certificate

    translate(course, subtree=True, title="नागरिक चार्टर")
    hindi_holder = make_user(Role.TRAINEE, preferred_language="hi")
    english_holder = make_user(Role.TRAINEE, preferred_language="en")
    expected = {
        hindi_holder.email: "आपका प्रमाणपत्र: नागरिक चार्टर",
        english_holder.email: "Your certificate: Citizen's Charter",
    }
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        certificates = [issue(holder, course)[0] for holder in (hindi_holder, english_holder)]
    assert {m.to[0]: m.subject for m in mail.outbox} == expected
    # The task kept for emails queued before issuing went through notify: the same email.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for certificate in certificates:
            email_certificate(certificate.pk)
    assert {m.to[0]: m.subject for m in mail.outbox} == expected


def hindi_paragraph(html: str) -> str:
    return re.search(r'<p class="body">(प्रमाणित.*?)</p>', html, flags=re.S).group(1)


@pytest.fixture
def officer(department):
    department.name_hi = "राजस्व एवं आपदा प्रबंधन विभाग"
    department.save()
    return make_user(
        Role.TRAINEE,
        department=department,
        first_name="Ram",
        last_name="Kumar",
        name_hi="राम कुमार",
        designation="Naib Tehsildar",
        designation_hi="नायब तहसीलदार",
    )


def test_the_hindi_text_names_the_officer_post_department_and_course_in_hindi(
    course, hindi_catalogue, officer
):
    translate(course, subtree=True, title="नागरिक चार्टर")
    certificate, template = issue(officer, course)
    assert (
        certificate.holder_name_hi,
        certificate.designation_hi,
        certificate.department_name_hi,
        certificate.course_title_hi,
    ) == ("राम कुमार", "नायब तहसीलदार", "राजस्व एवं आपदा प्रबंधन विभाग", "नागरिक चार्टर")
    html = certificate_html(certificate, template)
    assert hindi_paragraph(html) == (
        "प्रमाणित किया जाता है कि राम कुमार, नायब तहसीलदार, राजस्व एवं आपदा प्रबंधन विभाग ने "
        "प्रशिक्षण कार्यक्रम &quot;नागरिक चार्टर&quot; (6 घंटे) सफलतापूर्वक पूर्ण किया है।"
    )
    english = re.search(r'<p class="body">(This is to certify.*?)</p>', html).group(1)
    assert "Ram Kumar, Naib Tehsildar, Revenue and Disaster Management, has" in english


def test_hindi_facts_not_entered_are_printed_as_entered_in_english(course, officer):
    officer.name_hi = officer.designation_hi = ""
    officer.save()
    officer.department.name_hi = ""
    officer.department.save()
    certificate, template = issue(officer, course)
    text = hindi_paragraph(certificate_html(certificate, template))
    assert "कि Ram Kumar, Naib Tehsildar, Revenue and Disaster Management ने" in text
    assert "&quot;Citizen&#x27;s Charter&quot;" in text


def test_an_issued_certificate_keeps_its_hindi_facts(course, hindi_catalogue, officer):
    """A later change of name, post, department or course title rewrites nothing issued."""
    hindi_course = translate(course, subtree=True, title="नागरिक चार्टर")
    certificate, template = issue(officer, course)
    before = hindi_paragraph(certificate_html(certificate, template))
    officer.name_hi, officer.designation_hi = "राम कुमार शर्मा", "तहसीलदार"
    officer.save()
    officer.department.name_hi = "राजस्व विभाग"
    officer.department.save()
    hindi_course.title = "नागरिक अधिकार पत्र"
    hindi_course.save_revision().publish()
    certificate = type(certificate).objects.get(pk=certificate.pk)
    assert hindi_paragraph(certificate_html(certificate, template)) == before
    assert "राम कुमार," in before and "नागरिक चार्टर" in before


def test_the_verification_page_shows_the_hindi_name_in_hindi(client, course, officer):
    certificate, _template = issue(officer, course)
    hindi = client.get(f"/verify/{certificate.serial}/", HTTP_ACCEPT_LANGUAGE="hi")
    english = client.get(f"/verify/{certificate.serial}/", HTTP_ACCEPT_LANGUAGE="en")
    assert "राम कुमार" in hindi.content.decode()
    assert "Ram Kumar" in english.content.decode() and "राम कुमार" not in english.content.decode()
    # The course has no Hindi title: shown as entered, marked as English.
    assert '<span lang="en">Citizen&#x27;s Charter</span>' in hindi.content.decode()


def test_the_migration_rewords_old_default_templates_and_keeps_hindi_course_titles(
    course, hindi_catalogue, officer
):
    from django.apps import apps

    from certificates.models import BODY_EN, BODY_HI, OLD_BODY_EN, OLD_BODY_HI

    migration = importlib.import_module("certificates.migrations.0003_hindi_facts_and_wording")
    old = CertificateTemplate.objects.create(name="Old", body_en=OLD_BODY_EN, body_hi=OLD_BODY_HI)
    custom = CertificateTemplate.objects.create(name="Own", body_en="Awarded to {holder}.")
    migration.reword_templates(apps, None)
    old.refresh_from_db()
    custom.refresh_from_db()
    assert (old.body_en, old.body_hi) == (BODY_EN, BODY_HI)
    assert custom.body_en == "Awarded to {holder}."

    translate(course, subtree=True, title="नागरिक चार्टर")
    certificate, _template = issue(officer, course)
    type(certificate).objects.filter(pk=certificate.pk).update(course_title_hi="")
    migration.hindi_course_titles(apps, None)
    certificate.refresh_from_db()
    assert certificate.course_title_hi == "नागरिक चार्टर"
    assert certificate.holder_name == "Ram Kumar"


def test_a_hindi_holder_is_greeted_by_their_hindi_name(
    course, officer, mailoutbox, django_capture_on_commit_callbacks
):
    officer.preferred_language = "hi"
    officer.save()
    with django_capture_on_commit_callbacks(execute=True):
        issue(officer, course)
    (message,) = mailoutbox
    assert message.body.startswith("प्रिय राम कुमार,\n")
