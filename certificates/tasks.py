"""Thin tasks: take ids, call a service, retry on transient errors."""

import io
import zipfile

from celery import shared_task
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def email_certificate(certificate_id: int) -> None:
    from .models import Certificate

    certificate = Certificate.objects.select_related("holder").get(pk=certificate_id)
    holder = certificate.holder
    with translation.override(holder.preferred_language or "en"):
        from lms.core.languages import localised

        course = localised(certificate.course)  # the course's title in the holder's language
        title = course.title if course.pk != certificate.course_id else certificate.course_title
        context = {"certificate": certificate, "recipient": holder, "course_title": title}
        subject = " ".join(
            render_to_string("emails/certificate_issued_subject.txt", context, using="text").split()
        )
        body = render_to_string("emails/certificate_issued.txt", context, using="text")
    message = EmailMessage(subject, body, to=[holder.email])
    with certificate.pdf.open("rb") as pdf:
        message.attach(f"{certificate.number.replace('/', '-')}.pdf", pdf.read(), "application/pdf")
    message.send()


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def issue_programme_certificates(self, programme_id: int, actor_id: int | None = None) -> dict:
    """Issue every certificate of a programme (idempotent), reporting progress, then pack
    the PDFs into one ZIP. Returns {"issued": n, "zip": storage name}."""
    from courses.models import Programme
    from lms.accounts.models import User

    from .services import issue_for_programme

    programme = Programme.objects.select_related("course").get(pk=programme_id)
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None

    def progress(done, total):
        if self.request.id and not self.request.is_eager:
            self.update_state(state="PROGRESS", meta={"done": done, "total": total})

    run = issue_for_programme(programme=programme, actor=actor, progress=progress)
    certificates = run.issued
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for certificate in certificates:
            with certificate.pdf.open("rb") as pdf:
                archive.writestr(f"{certificate.number.replace('/', '-')}.pdf", pdf.read())
    name = default_storage.save(
        f"certificates/zips/{(programme.code or str(programme.pk)).replace('/', '-')}.zip",
        ContentFile(buffer.getvalue()),
    )
    return {
        "issued": len(certificates),
        "skipped": [
            {"officer": str(nomination.officer), "reason": why} for nomination, why in run.skipped
        ],
        "zip": name,
    }


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def issue_online_certificate(enrolment_id: int) -> int | None:
    from courses.models import Enrolment

    from .services import CertificateRevoked, issue_for_enrolment

    try:
        return issue_for_enrolment(
            enrolment=Enrolment.objects.select_related("user", "course").get(pk=enrolment_id)
        ).pk
    except CertificateRevoked:  # stays revoked until the cell re-issues it
        return None
