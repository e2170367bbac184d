"""Public verification, the holder's certificates, and the cell's certificate desk."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from courses.models import Programme
from lms.core.decorators import role_required
from lms.core.roles import Role, has_role, is_cell_admin

from . import services, tasks
from .models import Certificate

cell_required = role_required(is_cell_admin)


def _client_address(request) -> str:
    from lms.core.net import client_address

    return client_address(request) or "unknown"


def _rate_limited(request) -> bool:
    """At most VERIFY_RATE_LIMIT look-ups per minute per address (shared cache)."""
    key = f"verify-rate:{_client_address(request)}"
    cache.add(key, 0, timeout=60)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=60)
        count = 1
    return count > settings.VERIFY_RATE_LIMIT


def _help() -> dict:
    """What the verification page tells someone whose number is not found: a number in the
    form printed on certificates (the prefix and this financial year), and the address the
    cell's emails come from (DEFAULT_FROM_EMAIL) to write to."""
    from email.utils import parseaddr

    from django.utils import timezone

    from lms.core.fy import financial_year_label

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
    if _rate_limited(request):
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
    if not certificate.pdf:
        raise Http404
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
        from lms.core.services import BROKER_ERRORS, enqueue

        try:
            result = tasks.issue_programme_certificates.delay(programme.pk, request.user.pk)
        except BROKER_ERRORS:  # Redis is down: keep the run in the outbox, say so
            enqueue(
                tasks.issue_programme_certificates,
                programme_id=programme.pk,
                actor_id=request.user.pk,
            )
            messages.warning(
                request,
                _(
                    "The task queue is not reachable; the certificates will be issued when it is back."
                ),
            )
            return redirect("certificates:programme", programme.pk)
        request.session[f"cert-task-{programme.pk}"] = result.id
        if result.ready():  # eager (no worker): done already
            request.session[f"cert-zip-{programme.pk}"] = result.get()["zip"]
        return redirect("certificates:programme", programme.pk)
    certificates = (
        Certificate.objects.filter(programme=programme)
        .select_related("replaced_by")
        .order_by("holder_name", "pk")
    )
    return render(
        request,
        "certificates/programme.html",
        {
            "programme": programme,
            "certificates": certificates,
            "task_id": request.session.get(f"cert-task-{programme.pk}"),
            "zip_ready": bool(request.session.get(f"cert-zip-{programme.pk}")),
        },
    )


@cell_required
def programme_progress(request, programme_id):
    from celery.result import AsyncResult

    task_id = request.session.get(f"cert-task-{programme_id}")
    if not task_id:
        return JsonResponse({"state": "NONE"})
    result = AsyncResult(task_id)
    payload = {"state": result.state}
    if result.state == "PROGRESS":
        payload.update(result.info or {})
    elif result.successful():
        payload.update(result.result)
        request.session[f"cert-zip-{programme_id}"] = result.result["zip"]
    return JsonResponse(payload)


@cell_required
def programme_zip(request, programme_id):
    name = request.session.get(f"cert-zip-{programme_id}")
    if not name or not default_storage.exists(name):
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
