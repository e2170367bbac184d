"""Thin tasks: take ids, call a service, retry on transient errors."""

import io
import zipfile

from celery import shared_task
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from courses.models import Enrolment, Programme
from lms.accounts.models import User

from . import services
from .enums import IssueRunState
from .models import Certificate, IssueRun


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def email_certificate(certificate_id: int) -> None:
    """Email a certificate to its holder (``services.email_certificate``, through
    ``notify``). Issuing no longer queues this task: it stays for messages queued, or kept
    in the outbox, before that."""
    certificate = Certificate.objects.select_related("holder", "course").get(pk=certificate_id)
    services.email_certificate(certificate=certificate)


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def issue_programme_certificates(
    self, programme_id: int, actor_id: int | None = None, run_id: int | None = None
) -> dict:
    """Issue every certificate of a programme (idempotent), reporting progress, then pack
    the PDFs into one ZIP. Progress, outcome and ZIP are written to the ``IssueRun``
    (``run_id``, or a new one) as they come, for the desk to read whoever ran the task.
    Returns {"issued": n, "skipped": [...], "zip": storage name, "run": run id}."""
    programme = Programme.objects.select_related("course").get(pk=programme_id)
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    run = _start_run(self, programme=programme, actor=actor, run_id=run_id)

    def progress(done, total):
        IssueRun.objects.filter(pk=run.pk).update(done=done, total=total)
        if self.request.id and not self.request.is_eager:
            self.update_state(state="PROGRESS", meta={"done": done, "total": total})

    try:
        result = services.issue_for_programme(programme=programme, actor=actor, progress=progress)
        certificates = result.issued
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for certificate in certificates:
                with certificate.pdf.open("rb") as pdf:
                    archive.writestr(f"{certificate.number.replace('/', '-')}.pdf", pdf.read())
        name = default_storage.save(
            f"certificates/zips/{(programme.code or str(programme.pk)).replace('/', '-')}.zip",
            ContentFile(buffer.getvalue()),
        )
        _drop_older_zips(run)
    except Exception:
        IssueRun.objects.filter(pk=run.pk).update(
            state=IssueRunState.FAILED, finished_at=timezone.now()
        )
        raise
    skipped = [
        {"officer": str(nomination.officer), "reason": why} for nomination, why in result.skipped
    ]
    IssueRun.objects.filter(pk=run.pk).update(
        state=IssueRunState.DONE,
        issued=len(certificates),
        skipped=skipped,
        zip_name=name,
        finished_at=timezone.now(),
    )
    return {"issued": len(certificates), "skipped": skipped, "zip": name, "run": run.pk}


def _start_run(task, *, programme, actor, run_id) -> IssueRun:
    """The run this task reports to: the desk's (``run_id``), the one a retry of this task
    started, or a new one (finalising a programme queues the task without a run)."""
    task_id = task.request.id or ""
    run = IssueRun.objects.filter(pk=run_id, programme=programme).first() if run_id else None
    if run is None and task_id:
        run = IssueRun.objects.filter(task_id=task_id, programme=programme).first()
    if run is None:
        run = IssueRun.objects.create(programme=programme, started_by=actor, task_id=task_id)
    IssueRun.objects.filter(pk=run.pk).update(
        state=IssueRunState.RUNNING, task_id=task_id or run.task_id, finished_at=None
    )
    return run


def _drop_older_zips(run: IssueRun) -> None:
    """Only the latest run's ZIP is offered: older ones are deleted (they hold every
    certificate of the programme)."""
    older = IssueRun.objects.filter(programme_id=run.programme_id).exclude(pk=run.pk)
    for old in older.exclude(zip_name=""):
        default_storage.delete(old.zip_name)
    older.exclude(zip_name="").update(zip_name="")


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def issue_online_certificate(enrolment_id: int) -> int | None:
    try:
        return services.issue_for_enrolment(
            enrolment=Enrolment.objects.select_related("user", "course").get(pk=enrolment_id)
        ).pk
    except services.CertificateRevoked:  # stays revoked until the cell re-issues it
        return None
