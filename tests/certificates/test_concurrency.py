"""On PostgreSQL, certificates issued at once: numbers stay gapless and unique while the
PDFs are drawn side by side, and one certificate issued twice at once is one certificate,
one PDF, one email and one announcement."""

import re

import pytest

from certificates import services
from certificates.models import Certificate, CertificateSequence
from certificates.signals import certificate_issued
from lms.core.roles import Role
from tests.factories import build_course, make_user
from tests.integration.test_services import _in_threads

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def announced():
    heard = []

    def listen(sender, certificate_id, **kwargs):
        heard.append(certificate_id)

    certificate_issued.connect(listen)
    yield heard
    certificate_issued.disconnect(listen)


def test_concurrent_issues_number_without_gaps_or_repeats(announced, mailoutbox):
    course = build_course()
    holders = [make_user(Role.TRAINEE, email=f"officer{i}@example.gov.in") for i in range(8)]
    results, errors = _in_threads(8, lambda i: services.issue(holder=holders[i], course=course))
    assert errors == []
    numbers = sorted(int(re.search(r"(\d+)$", c.number).group(1)) for c in results)
    assert numbers == list(range(1, 9))
    assert CertificateSequence.objects.get().last == 8
    assert all(c.pdf for c in Certificate.objects.all())
    assert sorted(announced) == sorted(c.pk for c in results)
    assert len(mailoutbox) == 8


def test_one_certificate_issued_twice_at_once_is_delivered_once(announced, mailoutbox):
    course = build_course()
    holder = make_user(Role.TRAINEE, email="pooja@example.gov.in")
    results, errors = _in_threads(4, lambda i: services.issue(holder=holder, course=course))
    assert errors == []
    assert len({c.pk for c in results}) == 1
    certificate = Certificate.objects.get()
    assert certificate.pdf and CertificateSequence.objects.get().last == 1
    assert announced == [certificate.pk]
    assert len(mailoutbox) == 1
