"""Issuing, revoking and re-issuing certificates.

A certificate is issued once per holder and programme (or per holder and online course):
``issue`` returns the existing valid one when there is one, and the database's partial
unique constraints settle concurrent attempts.

Issuing is two steps. The number and the row are made in one short transaction, which
holds the financial year's number lock only for that: numbers stay gapless and in order
(a failure there uses up nothing). The PDF is drawn afterwards, outside the lock, so
several workers render at once. The row is the certificate (verification reads it); the
PDF is made from it and can be made again: a worker stopped before the PDF was stored
leaves a valid certificate without one, which the next ``issue`` for it (a re-run of the
programme's issue) completes, PDF, email and announcement, and which a download draws
on the spot."""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.completion import post_test_outcome
from lms.core.errors import DomainError
from lms.core.fy import financial_year_label
from lms.core.roles import Role, has_role
from lms.core.services import notify, record_audit
from lms.core.signals import send_after_commit
from nominations.enums import NominationState
from nominations.models import Nomination
from programmes.completion import passed_post_tests

from . import rendering, signals
from .enums import CertificateStatus
from .models import Certificate, CertificateSequence, CertificateTemplate


class CertificateError(DomainError):
    """A certificate action the rules refuse."""


def default_template() -> CertificateTemplate:
    template = (
        CertificateTemplate.objects.filter(is_default=True).first()
        or CertificateTemplate.objects.first()
    )
    if template is None:  # get_or_create settles two workers creating it at once
        template, _created = CertificateTemplate.objects.get_or_create(
            name="Sevottam (bilingual)", defaults={"is_default": True}
        )
    return template


def _next_number(issued_on) -> str:
    label = financial_year_label(issued_on)
    sequence, _created = CertificateSequence.objects.select_for_update().get_or_create(
        financial_year=label
    )
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return f"{settings.CERTIFICATE_NUMBER_PREFIX}/{label}/{sequence.last:06d}"


class CertificateRevoked(CertificateError):
    """The holder's certificate for this programme (or online course) was revoked and not
    re-issued: only the explicit re-issue gives a new one."""

    def __init__(self, certificate: Certificate):
        self.certificate = certificate
        super().__init__(
            _(
                "Certificate %(number)s was revoked on %(date)s (%(reason)s); re-issue it to give a new one."
            )
            % {
                "number": certificate.number,
                "date": timezone.localtime(certificate.revoked_at).strftime("%d/%m/%Y"),
                "reason": certificate.revoked_reason,
            }
        )


def _scope(*, holder, course, programme):
    """The holder's certificates for one programme, or for one online course."""
    mine = Certificate.objects.filter(holder=holder)
    if programme is not None:
        return mine.filter(programme=programme)
    return mine.filter(course=course, programme__isnull=True)


def _existing(*, holder, course, programme):
    return (
        _scope(holder=holder, course=course, programme=programme)
        .filter(status=CertificateStatus.VALID)
        .first()
    )


def issue(
    *, holder, course, programme=None, grade: str = "", actor=None, template=None
) -> Certificate:
    """Issue (or return the already issued) certificate for ``holder``. A revoked one that
    was not re-issued stays revoked: ``CertificateRevoked`` (use ``reissue``)."""
    existing = _existing(holder=holder, course=course, programme=programme)
    if existing:
        if not existing.pdf:  # an earlier issue stopped before its PDF was stored
            _deliver(existing)
        return existing
    revoked = (
        _scope(holder=holder, course=course, programme=programme)
        .filter(status=CertificateStatus.REVOKED, replaced_by__isnull=True)
        .order_by("-pk")
        .first()
    )
    if revoked is not None:
        raise CertificateRevoked(revoked)
    try:
        return _issue(
            holder=holder,
            course=course,
            programme=programme,
            grade=grade,
            actor=actor,
            template=template,
        )
    except IntegrityError:  # a concurrent request issued it first
        certificate = _existing(holder=holder, course=course, programme=programme)
        if certificate is None:
            raise
        return certificate


def _issue(*, holder, course, programme, grade, actor, template) -> Certificate:
    certificate = _record(
        holder=holder,
        course=course,
        programme=programme,
        grade=grade,
        actor=actor,
        template=template or default_template(),
    )
    _deliver(certificate)
    return certificate


@transaction.atomic
def _record(*, holder, course, programme, grade, actor, template) -> Certificate:
    """The number (under the financial year's lock) and the row, audited."""
    today = timezone.localdate()
    department = holder.department if holder.department_id else None
    certificate = Certificate(
        number=_next_number(today),
        holder=holder,
        holder_name=holder.get_full_name() or holder.username,
        holder_name_hi=holder.name_hi,
        designation=holder.designation,
        designation_hi=holder.designation_hi,
        department_name=department.name if department else "",
        department_name_hi=department.name_hi if department else "",
        course=course,
        course_title=course.title,
        course_title_hi=rendering.course_title_in_hindi(course),
        programme=programme,
        starts_on=programme.starts_on if programme else None,
        ends_on=programme.ends_on if programme else None,
        hours=course.duration_hours,
        grade=grade,
        issued_on=today,
        issued_by=actor,
        template=template,
    )
    certificate.save()
    record_audit(
        actor=actor, action="certificate.issued", obj=certificate, to_state=CertificateStatus.VALID
    )
    return certificate


def ensure_pdf(certificate: Certificate) -> bool:
    """Draw and store ``certificate``'s PDF if it has none. Returns whether it drew one."""
    if certificate.pdf:
        return False
    certificate.pdf.save(
        f"{certificate.serial}.pdf",
        ContentFile(rendering.certificate_pdf(certificate, certificate.template)),
        save=False,
    )
    Certificate.objects.filter(pk=certificate.pk).update(pdf=certificate.pdf.name)
    return True


@transaction.atomic
def _deliver(certificate: Certificate) -> None:
    """The PDF, then the email with it attached and the announcement (after commit), under
    the certificate's row lock (this certificate's alone: others render meanwhile), so that
    a concurrent issue of the same certificate waits and then finds it delivered."""
    locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if locked.pdf:  # delivered by a concurrent issue while this one waited
        certificate.pdf = locked.pdf
        return
    locked.template = certificate.template
    ensure_pdf(locked)
    certificate.pdf = locked.pdf
    email_certificate(certificate=certificate)
    send_after_commit(signals.certificate_issued, sender=Certificate, certificate_id=certificate.pk)


def email_certificate(*, certificate: Certificate) -> None:
    """Email the holder their certificate, the PDF attached, in their language, once the
    transaction commits (``lms.core.services.notify``; a holder without an email address
    gets none)."""
    notify(
        recipient=certificate.holder,
        template="certificate_issued",
        # The course is named by its version in the holder's language (notify localises it).
        context={"certificate": certificate, "course": certificate.course},
        attachments=[
            (
                f"{certificate.number.replace('/', '-')}.pdf",
                certificate.pdf.name,
                "application/pdf",
            )
        ],
    )


def issue_for_nomination(*, nomination, actor=None, grade: str | None = None) -> Certificate:
    """The certificate of an officer who completed a programme. When the programme requires
    a passed post-test, the post-test grade is printed (``grade`` if the caller already
    computed it for the whole roll)."""
    if nomination.state != NominationState.ATTENDED:
        raise CertificateError(
            _("Only officers who completed the programme receive a certificate.")
        )
    programme = nomination.programme
    if grade is None:
        grade = _post_test_grade(programme, [nomination.officer_id]).get(nomination.officer_id, "")
    return issue(
        holder=nomination.officer,
        course=programme.course,
        programme=programme,
        grade=grade,
        actor=actor,
    )


def _post_test_grade(programme, officer_ids) -> dict:
    """{officer_id: "86%"} for a programme assessed by its post-test; empty otherwise."""
    passed = passed_post_tests(programme, officer_ids) or {}
    return {user_id: outcome.label for user_id, outcome in passed.items()}


def issue_for_enrolment(*, enrolment, actor=None) -> Certificate:
    """The certificate of a self-paced online course; a passed post-test's grade is printed."""
    if enrolment.completed_at is None:
        raise CertificateError(_("The course is not completed."))
    outcome = post_test_outcome(course_id=enrolment.course_id, user_id=enrolment.user_id)
    grade = outcome.label if outcome and outcome.passed else ""
    return issue(holder=enrolment.user, course=enrolment.course, grade=grade, actor=actor)


@transaction.atomic
def revoke(*, certificate: Certificate, reason: str, actor) -> Certificate:
    if not has_role(actor, Role.CELL_ADMIN):
        raise CertificateError(_("Only the cell revokes certificates."))
    if not reason.strip():
        raise CertificateError(_("Give a reason."))
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.status == CertificateStatus.REVOKED:
        raise CertificateError(_("The certificate is already revoked."))
    certificate.status = CertificateStatus.REVOKED
    certificate.revoked_at = timezone.now()
    certificate.revoked_reason = reason.strip()
    certificate.save(update_fields=["status", "revoked_at", "revoked_reason"])
    record_audit(
        actor=actor,
        action="certificate.revoked",
        obj=certificate,
        from_state=CertificateStatus.VALID,
        to_state=CertificateStatus.REVOKED,
        note=reason,
    )
    return certificate


@transaction.atomic
def reissue(*, certificate: Certificate, reason: str, actor) -> Certificate:
    """Give a fresh certificate (new number, current particulars) in place of ``certificate``:
    a valid one is revoked first; a revoked one that was not re-issued yet is replaced. The
    only way a revoked certificate gets a successor. Reason required, audited."""
    if not has_role(actor, Role.CELL_ADMIN):
        raise CertificateError(_("Only the cell re-issues certificates."))
    if not reason.strip():
        raise CertificateError(_("Give a reason."))
    old = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if old.status == CertificateStatus.VALID:
        old = revoke(certificate=old, reason=reason, actor=actor)
    elif old.replaced_by_id:
        raise CertificateError(
            _("Certificate %(number)s was already re-issued as %(new)s.")
            % {"number": old.number, "new": old.replaced_by.number}
        )
    new = _issue(
        holder=old.holder,
        course=old.course,
        programme=old.programme,
        grade=old.grade,
        actor=actor,
        template=old.template,
    )
    old.replaced_by = new
    old.save(update_fields=["replaced_by"])
    record_audit(
        actor=actor,
        action="certificate.reissued",
        obj=new,
        note=reason,
        data={"replaces": old.number},
    )
    return new


@dataclass
class IssueResult:
    issued: list[Certificate] = field(default_factory=list)
    skipped: list[tuple] = field(default_factory=list)  # (nomination, why)


def issue_for_programme(*, programme, actor=None, progress=None) -> IssueResult:
    """Certificates for every officer who completed ``programme`` (idempotent). Each is its
    own transaction, so a stop half-way keeps what was issued and a re-run finishes it.
    Officers whose certificate was revoked are skipped, with the reason."""
    nominations = list(
        Nomination.objects.filter(programme=programme, state=NominationState.ATTENDED)
        .select_related("officer", "officer__department", "programme", "programme__course")
        .order_by("pk")
    )
    grades = _post_test_grade(programme, [n.officer_id for n in nominations])
    run = IssueResult()
    for index, nomination in enumerate(nominations, start=1):
        try:
            run.issued.append(
                issue_for_nomination(
                    nomination=nomination, actor=actor, grade=grades.get(nomination.officer_id, "")
                )
            )
        except CertificateRevoked as refusal:
            run.skipped.append((nomination, str(refusal)))
        if progress:
            progress(index, len(nominations))
    return run
