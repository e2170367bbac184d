"""Public verification, the holder's certificates, and the cell's certificate desk."""

from email.utils import parseaddr

from celery.result import AsyncResult
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import Programme
from lms.core.decorators import role_required
from lms.core.fy import financial_year_label
from lms.core.roles import Role, has_role, is_cell_admin
from lms.core.services import BROKER_ERRORS, enqueue

from . import services, tasks
from .enums import IssueRunState
from .models import Certificate, IssueRun
from .verification import verify_rate_limited

cell_required = role_required(is_cell_admin)


def _help() -> dict:
    """What the verification page tells someone whose number is not found: a number in the
    form printed on certificates (the prefix and this financial year), and the address the
    cell's emails come from (DEFAULT_FROM_EMAIL) to write to."""
    prefix = settings.CERTIFICATE_NUMBER_PREFIX
    return {
        "example_number": f"{prefix}/{financial_year_label(timezone.localdate())}/000123",
        "cell_email": parseaddr(settings.DEFAULT_FROM_EMAIL)[1],
    }


def verify(request, serial=None):
    """Anyone can check a certificate by its serial (QR code) or number. An unknown one
    gets the same page and work as a known one, with no detail."""
    query = ""
    if serial is None and request.GET.get("q"):
        # A NUL character is refused by PostgreSQL in any query: strip control characters.
        query = "".join(ch for ch in request.GET["q"] if ch.isprintable()).strip()[:64]
        found = Certificate.objects.filter(number=query).values_list("serial", flat=True).first()
        serial = found or query
    if serial is None:
        return render(request, "certificates/verify.html", {"searched": False, **_help()})
    if verify_rate_limited(request):
        return HttpResponse(_("Too many look-ups. Try again in a minute."), status=429)
    serial = "".join(ch for ch in str(serial) if ch.isprintable())[:64]
    certificate = Certificate.objects.filter(serial=serial).first()
    response = render(
        request,
        "certificates/verify.html",
        {"searched": True, "certificate": certificate, "query": query or serial, **_help()},
        status=200 if certificate else 404,
    )
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
def mine(request):
    certificates = (
        Certificate.objects.filter(holder=request.user)
        .select_related("programme")
        .order_by("-issued_on", "-pk")
    )
    return render(request, "certificates/mine.html", {"certificates": certificates})


@login_required
def download(request, serial):
    certificate = get_object_or_404(Certificate.objects.select_related("holder"), serial=serial)
    user = request.user
    allowed = (
        certificate.holder_id == user.pk
        or has_role(user, Role.CELL_ADMIN)
        or (
            has_role(user, Role.HOD)
            and user.department_id
            and user.department_id == certificate.holder.department_id
        )
    )
    if not allowed:
        raise Http404
    services.ensure_pdf(certificate)  # one whose issue stopped before its PDF was stored
    return FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=f"{certificate.number.replace('/', '-')}.pdf",
        content_type="application/pdf",
    )


@cell_required
def programme_certificates(request, programme_id):
    programme = get_object_or_404(Programme.objects.select_related("course"), pk=programme_id)
    if request.method == "POST":
        run = IssueRun.objects.create(programme=programme, started_by=request.user)
        try:
            result = tasks.issue_programme_certificates.delay(
                programme.pk, request.user.pk, run_id=run.pk
            )
        except BROKER_ERRORS:  # Redis is down: keep the run in the outbox, say so
            enqueue(
                tasks.issue_programme_certificates,
                programme_id=programme.pk,
                actor_id=request.user.pk,
                run_id=run.pk,
            )
            messages.warning(
                request,
                _(
                    "The task queue is not reachable; the certificates will be issued when it is back."
                ),
            )
            return redirect("certificates:programme", programme.pk)
        IssueRun.objects.filter(pk=run.pk, task_id="").update(task_id=result.id)
        return redirect("certificates:programme", programme.pk)
    certificates = (
        Certificate.objects.filter(programme=programme)
        .select_related("replaced_by")
        .order_by("holder_name", "pk")
    )
    run = IssueRun.objects.filter(programme=programme).first()  # the latest
    return render(
        request,
        "certificates/programme.html",
        {
            "programme": programme,
            "certificates": certificates,
            "run": run,
            "zip_ready": _latest_zip(programme.pk) is not None,
        },
    )


def _latest_zip(programme_id) -> str | None:
    """The storage name of the ZIP of the programme's latest finished run, if it is there."""
    name = (
        IssueRun.objects.filter(programme_id=programme_id, state=IssueRunState.DONE)
        .exclude(zip_name="")
        .values_list("zip_name", flat=True)
        .first()
    )
    return name if name and default_storage.exists(name) else None


# The progress endpoint speaks Celery's state names (static/js/certificate-progress.js).
_PROGRESS_STATE = {
    IssueRunState.QUEUED: "PENDING",
    IssueRunState.RUNNING: "PROGRESS",
    IssueRunState.DONE: "SUCCESS",
    IssueRunState.FAILED: "FAILURE",
}


@cell_required
def programme_progress(request, programme_id):
    """The latest issue run of the programme as the task recorded it (so an eager run, or
    one another cell member started, reads the same); a run whose worker task failed
    without recording it is reported failed from the result backend."""
    run = IssueRun.objects.filter(programme_id=programme_id).first()
    if run is None:
        return JsonResponse({"state": "NONE"})
    payload = {"state": _PROGRESS_STATE[run.state], "done": run.done, "total": run.total}
    if not run.finished and run.task_id and AsyncResult(run.task_id).state == "FAILURE":
        IssueRun.objects.filter(pk=run.pk).update(
            state=IssueRunState.FAILED, finished_at=timezone.now()
        )
        payload["state"] = "FAILURE"
    if run.state == IssueRunState.DONE:
        payload.update(issued=run.issued, skipped=run.skipped, zip=bool(run.zip_name))
    return JsonResponse(payload)


@cell_required
def programme_zip(request, programme_id):
    name = _latest_zip(programme_id)
    if name is None:
        raise Http404
    return FileResponse(
        default_storage.open(name, "rb"),
        as_attachment=True,
        filename=name.rsplit("/", 1)[-1],
        content_type="application/zip",
    )


@cell_required
def revoke(request, serial):
    certificate = get_object_or_404(Certificate, serial=serial)
    if request.method == "POST":
        reason = request.POST.get("reason", "").strip()[:1000]
        try:
            if request.POST.get("action") == "reissue":
                new = services.reissue(certificate=certificate, reason=reason, actor=request.user)
                messages.success(request, _("Re-issued as %(number)s.") % {"number": new.number})
            else:
                services.revoke(certificate=certificate, reason=reason, actor=request.user)
                messages.success(
                    request, _("Certificate %(number)s revoked.") % {"number": certificate.number}
                )
        except services.CertificateError as error:
            messages.error(request, str(error))
            return render(
                request, "certificates/revoke.html", {"certificate": certificate, "reason": reason}
            )
        if certificate.programme_id:
            return redirect("certificates:programme", certificate.programme_id)
        return redirect(reverse("verify", args=[certificate.serial]))
    return render(request, "certificates/revoke.html", {"certificate": certificate})
