"""Certificates: the bilingual PDF names the course by its Hindi version in the Hindi text,
a Hindi-only layout carries no English labels, and the holder is emailed in their language."""

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


def test_the_holder_is_emailed_in_their_language(course, hindi_catalogue):
    from certificates.tasks import email_certificate

    translate(course, subtree=True, title="नागरिक चार्टर")
    hindi_holder = make_user(Role.TRAINEE, preferred_language="hi")
    english_holder = make_user(Role.TRAINEE, preferred_language="en")
    mail.outbox.clear()
    for holder in (hindi_holder, english_holder):
        certificate, _template = issue(holder, course)
        email_certificate(certificate.pk)
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects[hindi_holder.email] == "आपका प्रमाणपत्र: नागरिक चार्टर"
    assert subjects[english_holder.email] == "Your certificate: Citizen's Charter"
