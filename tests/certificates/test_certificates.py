"""Certificates: issued once on completion, PDF, verification, revocation, permissions."""

import datetime
import io
import re
import zipfile

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from certificates import services, tasks
from certificates.enums import CertificateStatus
from certificates.models import Certificate
from courses.enums import ProgrammeStatus
from courses.models import LessonPage
from courses.services import complete_lesson, enrol
from lms.core.fy import financial_year_label
from lms.core.models import AuditEntry
from lms.core.pdf import missing_fonts
from lms.core.roles import Role
from nominations import services as nominations
from nominations.enums import NominationState
from programmes import services as programme_services
from tests.factories import build_course, make_user
from tests.nominations.factories import open_programme

S = NominationState
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(bool(missing_fonts()), reason="fonts-noto-core is not installed"),
]


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


@pytest.fixture
def finished(department, hod, cell_admin):
    """A programme that ended yesterday: two officers completed, one did not."""
    programme = open_programme(capacity=5, sessions=2, title="Charter workshop")
    officers = [
        make_user(Role.TRAINEE, department=department, level="cutting_edge") for _ in range(3)
    ]
    items = [nominations.nominate(programme=programme, officer=o, actor=hod) for o in officers]
    for item, officer in zip(items, officers, strict=True):
        nominations.decide(nomination=item, decision=S.APPROVED, actor=cell_admin)
        nominations.respond(nomination=item, accept=True, actor=officer)
    shift = datetime.timedelta(days=12)
    type(programme).objects.filter(pk=programme.pk).update(
        starts_on=programme.starts_on - shift,
        ends_on=programme.ends_on - shift,
        status=ProgrammeStatus.RUNNING,
    )
    for session in programme.sessions.all():
        session.date -= shift
        session.save()
    programme.refresh_from_db()
    for index, item in enumerate(items):
        for session in programme.sessions.all():
            programme_services.mark_attendance(
                session=session, nomination=item, present=index < 2, actor=cell_admin
            )
    return programme, officers


def test_finalising_issues_exactly_one_certificate_per_completer(
    finished, cell_admin, mailoutbox, django_capture_on_commit_callbacks
):
    programme, officers = finished
    with django_capture_on_commit_callbacks(execute=True):
        programme_services.finalise_programme(programme=programme, actor=cell_admin)
    certificates = Certificate.objects.filter(programme=programme)
    assert sorted(c.holder_id for c in certificates) == sorted(o.pk for o in officers[:2])
    again = tasks.issue_programme_certificates(programme.pk, cell_admin.pk)
    assert again["issued"] == 2 and Certificate.objects.count() == 2
    certificate = certificates.first()
    assert re.fullmatch(r"HIPA/SEV/\d{4}-\d{2}/\d{6}", certificate.number)
    assert len(certificate.serial) >= 22 and certificate.pdf.read(4) == b"%PDF"
    assert certificate.holder_name and certificate.course_title == programme.course.title
    assert certificate.starts_on == programme.starts_on
    attached = [m for m in mailoutbox if m.attachments]
    assert len(attached) == 2 and attached[0].attachments[0][2] == "application/pdf"


def test_bulk_zip_holds_every_pdf(finished, cell_admin):
    from django.core.files.storage import default_storage

    programme, _officers = finished
    programme_services.finalise_programme(programme=programme, actor=cell_admin)
    result = tasks.issue_programme_certificates(programme.pk, cell_admin.pk)
    with default_storage.open(result["zip"], "rb") as handle:
        names = zipfile.ZipFile(io.BytesIO(handle.read())).namelist()
    assert len(names) == 2 and all(name.endswith(".pdf") for name in names)


def test_only_completers_get_certificates(finished, cell_admin):
    programme, officers = finished
    programme_services.finalise_programme(programme=programme, actor=cell_admin)
    nomination = programme.nominations.get(officer=officers[2])
    assert nomination.state == S.NO_SHOW
    with pytest.raises(services.CertificateError):
        services.issue_for_nomination(nomination=nomination)


def test_numbers_follow_the_financial_year_sequence(trainee):
    course = build_course()
    first = services.issue(holder=trainee, course=course)
    second = services.issue(holder=make_user(Role.TRAINEE), course=course)
    assert int(second.number[-6:]) == int(first.number[-6:]) + 1
    assert services.issue(holder=trainee, course=course).pk == first.pk


def test_self_paced_course_completion_issues_an_online_certificate(
    trainee, django_capture_on_commit_callbacks
):
    course = build_course(modules=1, lessons_per_module=2)
    enrol(user=trainee, course=course)
    with django_capture_on_commit_callbacks(execute=True):
        for lesson in LessonPage.objects.live().descendant_of(course):
            complete_lesson(user=trainee, lesson=lesson)
    certificate = Certificate.objects.get(holder=trainee)
    assert certificate.programme is None and certificate.course_id == course.pk


def test_revoke_and_reissue(trainee, cell_admin, hod):
    certificate = services.issue(holder=trainee, course=build_course())
    with pytest.raises(services.CertificateError):
        services.revoke(certificate=certificate, reason="Wrong name", actor=hod)
    with pytest.raises(services.CertificateError):
        services.revoke(certificate=certificate, reason=" ", actor=cell_admin)
    new = services.reissue(certificate=certificate, reason="Name misspelt", actor=cell_admin)
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.REVOKED and certificate.replaced_by_id == new.pk
    assert new.status == CertificateStatus.VALID and new.number != certificate.number
    assert AuditEntry.objects.filter(action="certificate.revoked", note="Name misspelt").exists()
    with pytest.raises(services.CertificateError, match="already revoked"):
        services.revoke(certificate=certificate, reason="again", actor=cell_admin)


def test_verify_page_valid_revoked_unknown(client, trainee, cell_admin):
    trainee.mobile = "9876543210"
    trainee.save(update_fields=["mobile"])
    certificate = services.issue(holder=trainee, course=build_course(title="Grievance Redress"))
    page = client.get(reverse("verify", args=[certificate.serial])).content.decode()
    assert (
        "Valid certificate" in page
        and certificate.holder_name in page
        and "Grievance Redress" in page
    )
    assert trainee.email not in page and trainee.mobile not in page
    by_number = client.get(reverse("verify_search"), {"q": certificate.number}).content.decode()
    assert "Valid certificate" in by_number
    services.revoke(certificate=certificate, reason="Issued in error", actor=cell_admin)
    page = client.get(reverse("verify", args=[certificate.serial])).content.decode()
    assert "Revoked certificate" in page and "Issued in error" not in page
    unknown = client.get(reverse("verify", args=["x" * 22]))
    assert unknown.status_code == 404 and "No certificate was found" in unknown.content.decode()
    assert certificate.holder_name not in unknown.content.decode()


def test_an_unknown_number_says_what_to_check_and_whom_to_ask(client, settings):
    settings.DEFAULT_FROM_EMAIL = "Sevottam Cell <sevottam@hipa.example.gov.in>"
    response = client.get(reverse("verify_search"), {"q": "HIPA/SEV/1999-00/000001"})
    assert response.status_code == 404
    page = response.content.decode()
    assert "Not found." not in page
    fy = financial_year_label(timezone.localdate())
    assert (
        f"exactly as it is printed on the certificate, with its slashes, for example HIPA/SEV/{fy}/000123"
        in page
    )
    assert "scan the QR code" in page
    assert 'href="mailto:sevottam@hipa.example.gov.in"' in page and "Sector 18, Gurugram" in page
    # the form again, with what was typed, to correct it
    assert 'value="HIPA/SEV/1999-00/000001"' in page and 'aria-describedby="q-help"' in page


def test_verify_is_rate_limited(client, settings):
    settings.VERIFY_RATE_LIMIT = 3
    codes = [client.get(reverse("verify", args=[f"guess{n}"])).status_code for n in range(5)]
    assert codes == [404, 404, 404, 429, 429]


def test_behind_the_proxy_the_limit_is_per_client_not_per_proxy(client, settings):
    settings.VERIFY_RATE_LIMIT = 2
    settings.PROXY_COUNT = 1

    def look_up(forwarded_for):
        return client.get(
            reverse("verify", args=["guess"]),
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=forwarded_for,
        ).status_code

    assert [look_up("203.0.113.1") for _ in range(3)] == [404, 404, 429]
    assert look_up("203.0.113.2") == 404  # another client behind the same proxy
    # A client cannot dodge its limit by writing its own X-Forwarded-For entry first.
    assert look_up("198.51.100.77, 203.0.113.1") == 429


@pytest.mark.parametrize("serial", ["abc\x00def", "\x00"])
def test_verify_survives_control_characters(client, serial):
    serial = serial.encode().decode("unicode_escape")
    assert client.get(reverse("verify", args=[serial])).status_code == 404
    assert client.get(reverse("verify_search"), {"q": serial}).status_code == 404


def test_download_permissions(client, trainee, hod, other_hod, cell_admin, department):
    certificate = services.issue(holder=trainee, course=build_course())
    url = reverse("certificates:download", args=[certificate.serial])
    expected = {
        trainee: 200,
        hod: 200,
        cell_admin: 200,
        other_hod: 404,
        make_user(Role.TRAINEE, department=department): 404,
    }
    for user, status in expected.items():
        client.force_login(user)
        assert client.get(url).status_code == status, user
    client.logout()
    assert client.get(url).status_code == 302


def test_my_certificates_lists_only_mine(client, trainee):
    mine = services.issue(holder=trainee, course=build_course(title="Mine"))
    services.issue(holder=make_user(Role.TRAINEE), course=build_course(title="Theirs"))
    client.force_login(trainee)
    page = client.get(reverse("certificates:mine")).content.decode()
    assert mine.number in page and "Theirs" not in page


def test_my_certificates_tell_an_online_and_a_programme_certificate_apart(
    client, trainee, django_assert_max_num_queries
):
    """The same course completed online and in a programme: each row says which, and the
    programme's title and dates."""
    course = build_course(title="Citizen's Charter")
    programme = open_programme(course=course, title="Charter workshop, Gurugram")
    online = services.issue(holder=trainee, course=course)
    in_programme = services.issue(holder=trainee, course=course, programme=programme)
    client.force_login(trainee)
    page = client.get(reverse("certificates:mine")).content.decode()
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", page, re.S)
    assert len(rows) == 2 and rows[0] != rows[1]
    by_number = {row: row for row in rows}
    online_row = next(r for r in by_number if online.number in r)
    programme_row = next(r for r in by_number if in_programme.number in r)
    assert "Online course" in online_row and "Charter workshop" not in online_row
    assert "Charter workshop, Gurugram" in programme_row
    dates = f"{in_programme.starts_on:%d/%m/%Y} – {in_programme.ends_on:%d/%m/%Y}"
    assert dates in programme_row
    # the programme comes with the certificates: no query per row
    services.issue(holder=trainee, course=build_course(title="Another"), programme=open_programme())
    with django_assert_max_num_queries(8):
        client.get(reverse("certificates:mine"))


@pytest.mark.parametrize("fixture", ["trainee", "hod", "trainer", "course_director"])
def test_cell_certificate_desk_refuses_other_roles(client, request, fixture, trainee):
    certificate = services.issue(holder=trainee, course=build_course())
    programme = open_programme()
    client.force_login(request.getfixturevalue(fixture))
    for url in (
        reverse("certificates:programme", args=[programme.pk]),
        reverse("certificates:revoke", args=[certificate.serial]),
        reverse("certificates:zip", args=[programme.pk]),
    ):
        assert client.get(url).status_code == 403


def test_cell_issues_from_the_desk_and_revokes(client, finished, cell_admin):
    programme, _officers = finished
    programme_services.finalise_programme(programme=programme, actor=cell_admin)
    client.force_login(cell_admin)
    client.post(reverse("certificates:programme", args=[programme.pk]))
    page = client.get(reverse("certificates:programme", args=[programme.pk])).content.decode()
    assert page.count("Revoke or re-issue") == 2 and "Download all as ZIP" in page
    assert (
        client.get(reverse("certificates:zip", args=[programme.pk]))["Content-Type"]
        == "application/zip"
    )
    certificate = Certificate.objects.filter(programme=programme).first()
    missing_reason = client.post(
        reverse("certificates:revoke", args=[certificate.serial]), {"reason": ""}
    )
    assert "Give a reason" in missing_reason.content.decode()
    client.post(
        reverse("certificates:revoke", args=[certificate.serial]),
        {"reason": "Duplicate", "action": "revoke"},
    )
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.REVOKED


def test_a_failure_while_rendering_keeps_the_number_and_a_rerun_completes_it(
    trainee, client, monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    """The number and row are made first (the number lock is not held while drawing): a
    worker stopped while drawing leaves a valid certificate with its number and no PDF,
    nothing emailed or announced; the next issue for it draws, emails and announces once,
    and a download in between draws it on the spot."""
    from certificates import rendering
    from certificates.models import CertificateSequence
    from certificates.signals import certificate_issued

    trainee.email = "pooja@example.gov.in"
    trainee.save()
    course = build_course()
    services.issue(holder=make_user(Role.TRAINEE), course=course)
    before = CertificateSequence.objects.get().last
    announced = []

    def listen(sender, certificate_id, **kwargs):
        announced.append(certificate_id)

    certificate_issued.connect(listen)

    def crash(*args, **kwargs):
        raise RuntimeError("worker killed while rendering")

    try:
        monkeypatch.setattr(rendering, "certificate_pdf", crash)
        with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
            services.issue(holder=trainee, course=course)
        stopped = Certificate.objects.get(holder=trainee)
        assert stopped.status == CertificateStatus.VALID and not stopped.pdf
        assert stopped.number.endswith(f"{before + 1:06d}")
        assert CertificateSequence.objects.get().last == before + 1
        assert announced == [] and not [m for m in mailoutbox if trainee.email in m.to]
        monkeypatch.undo()

        client.force_login(trainee)
        response = client.get(reverse("certificates:download", args=[stopped.serial]))
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF")
        stopped.refresh_from_db()
        assert stopped.pdf  # drawn on the download and kept

        Certificate.objects.filter(pk=stopped.pk).update(pdf="")
        with django_capture_on_commit_callbacks(execute=True):
            again = services.issue(holder=trainee, course=course)
            services.issue(holder=trainee, course=course)  # a third run changes nothing
        assert again.pk == stopped.pk and again.number == stopped.number
        assert Certificate.objects.get(pk=stopped.pk).pdf
        assert announced == [stopped.pk]
        mails = [m for m in mailoutbox if trainee.email in m.to]
        assert len(mails) == 1 and mails[0].attachments
        assert CertificateSequence.objects.get().last == before + 1, "no number used twice"
    finally:
        certificate_issued.disconnect(listen)


@pytest.mark.parametrize(
    ("layout", "present", "absent"),
    [
        ("en", "Certificate of Completion", "प्रमाण पत्र"),
        ("hi", "प्रमाण पत्र", "Certificate of Completion"),
        ("bilingual", "प्रमाण पत्र", None),
    ],
)
def test_layouts_and_escaped_placeholders(trainee, layout, present, absent):
    from certificates.models import CertificateTemplate
    from certificates.rendering import certificate_html

    template = CertificateTemplate.objects.create(
        name=f"T-{layout}",
        layout=layout,
        body_en="Awarded to {holder} for {course} {holder.__class__} {nope}",
    )
    trainee.first_name, trainee.last_name = "<b>Ram</b>", "Kumar"
    trainee.save()
    certificate = services.issue(
        holder=trainee, course=build_course(title="Charter & RTS"), template=template
    )
    html = certificate_html(certificate, template)
    assert present in html and (absent is None or absent not in html)
    assert "<b>Ram</b>" not in html and "&lt;b&gt;Ram&lt;/b&gt;" in html
    if layout != "hi":
        assert "Charter &amp; RTS" in html and "{nope}" in html
        assert "{holder.__class__}" in html and "class 'str'" not in html
