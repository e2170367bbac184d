"""The cell's programme desk: decide nominations, move a programme through its states,
mark attendance (also the programme's coordinator), open self check-in, finalise.

Views collect input, call ``nominations.services`` and show the outcome as a message; the
reads are in ``selectors``."""

import base64
import io

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from courses.enums import ProgrammeStatus
from courses.models import Programme, ProgrammeSession
from lms.core.csv import csv_response
from lms.core.decorators import role_required
from lms.core.roles import is_cell_admin
from nominations import services as nomination_services
from nominations.enums import NominationState
from nominations.models import Nomination

from . import selectors, services
from .enums import CLOSED_STATUSES

S = NominationState
PAGE_SIZE = 25
DECISIONS = (S.APPROVED, S.WAITLISTED, S.REJECTED)

cell_required = role_required(is_cell_admin)


def _programme(programme_id) -> Programme:
    return get_object_or_404(
        Programme.objects.select_related("course", "coordinator"), pk=programme_id
    )


# ------------------------------------------------------------------ programmes
@cell_required
def programme_list(request):
    status = request.GET.get("status", "")
    programmes = selectors.cell_programmes(status=status)
    page = Paginator(programmes, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = selectors.with_pending_counts(page.object_list)
    return render(
        request,
        "programmes/cell/programme_list.html",
        {"page": page, "statuses": ProgrammeStatus.choices, "status": status},
    )


@cell_required
def programme_detail(request, programme_id):
    programme = _programme(programme_id)
    if request.GET.get("format") == "csv":
        return _nominations_csv(programme)
    return render(
        request,
        "programmes/cell/programme_detail.html",
        {"programme": programme, "desk": selectors.programme_desk(programme)},
    )


def _nominations_csv(programme):
    nominations = selectors.programme_nominations(programme)
    return csv_response(
        filename=f"nominations-{programme.code.replace('/', '-') or programme.pk}.csv",
        header=[
            _("Employee code"),
            _("Officer"),
            _("Designation"),
            _("Level"),
            _("Department"),
            _("State"),
            _("Nominated"),
            _("Reason"),
            _("Note"),
        ],
        rows=(
            [
                n.officer.employee_code,
                n.officer.get_full_name() or n.officer.username,
                n.officer.designation,
                n.officer.get_level_display(),
                n.department.name,
                n.get_state_display(),
                f"{n.created_at:%d/%m/%Y}",
                n.reason,
                n.note,
            ]
            for n in nominations
        ),
    )


@cell_required
@require_POST
def decide(request, nomination_id):
    nomination = get_object_or_404(Nomination.objects.select_related("officer"), pk=nomination_id)
    decision = request.POST.get("decision", "")
    if decision not in DECISIONS:
        messages.error(request, _("Choose approve, waitlist or reject."))
        return redirect("cell:programme", nomination.programme_id)
    try:
        nomination_services.decide(
            nomination=nomination,
            decision=decision,
            actor=request.user,
            reason=request.POST.get("reason", "").strip()[:500],
        )
    except nomination_services.NominationError as error:
        messages.error(request, f"{nomination.officer}: {error}")
    else:
        messages.success(
            request,
            _("%(officer)s: %(state)s.")
            % {"officer": nomination.officer, "state": S(decision).label},
        )
    return redirect("cell:programme", nomination.programme_id)


@cell_required
@require_POST
def confirm_for_officer(request, nomination_id):
    """The cell confirms an approved nomination for an officer who confirmed off-line."""
    nomination = get_object_or_404(Nomination.objects.select_related("officer"), pk=nomination_id)
    try:
        nomination_services.confirm_for_officer(
            nomination=nomination, actor=request.user, note=request.POST.get("note", "")[:300]
        )
    except nomination_services.NominationError as error:
        messages.error(request, f"{nomination.officer}: {error}")
    else:
        messages.success(
            request, _("%(officer)s: confirmed on their behalf.") % {"officer": nomination.officer}
        )
    return redirect("cell:programme", nomination.programme_id)


@cell_required
def change_status(request, programme_id):
    """POST ``status`` moves the programme; cancelling asks first (GET, or POST without
    ``sure=yes``, shows the confirmation page)."""
    programme = _programme(programme_id)
    to_status = request.POST.get("status") or request.GET.get("status", "")
    if to_status not in ProgrammeStatus.values:
        messages.error(request, _("Unknown status."))
        return redirect("cell:programme", programme.pk)
    if request.method != "POST" or (
        to_status == ProgrammeStatus.CANCELLED and request.POST.get("sure") != "yes"
    ):
        return render(
            request,
            "programmes/cell/confirm_status.html",
            {
                "programme": programme,
                "to_status": to_status,
                "label": ProgrammeStatus(to_status).label,
                "live": selectors.cancellable_nominations(programme),
            },
        )
    try:
        services.change_programme_status(
            programme=programme,
            to_status=to_status,
            actor=request.user,
            note=request.POST.get("note", "").strip()[:500],
        )
    except services.ProgrammeError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The programme is now: %(status)s.") % {"status": ProgrammeStatus(to_status).label},
        )
    return redirect("cell:programme", programme.pk)


# ------------------------------------------------------------------ attendance
def _qr_data_uri(text: str) -> str:
    """An SVG QR code of ``text`` as a data: URI, drawn on the server."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


@login_required
def attendance(request, programme_id, session_id):
    """Cell administrators, or the programme's coordinator: the attendance grid of one
    session day, and its self check-in code."""
    programme = _programme(programme_id)
    if not selectors.can_mark_attendance(request.user, programme):
        raise PermissionDenied
    session = get_object_or_404(ProgrammeSession, pk=session_id, programme=programme)
    session.programme = programme
    here = redirect("cell:attendance", programme.pk, session.pk)
    if request.method == "POST" and request.POST.get("action") == "check-in":
        try:
            code = services.open_check_in(session=session, actor=request.user)
        except services.ProgrammeError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("Self check-in is open with code %(code)s.") % {"code": code}
            )
        return here
    if request.method == "POST" and request.POST.get("action") == "all-present":
        try:
            count = services.mark_unmarked_present(session=session, actor=request.user)
        except services.ProgrammeError as error:
            messages.error(request, str(error))
        else:
            if count:
                messages.success(
                    request,
                    ngettext(
                        "%(n)d officer marked present.", "%(n)d officers marked present.", count
                    )
                    % {"n": count},
                )
            else:
                messages.info(request, _("Every officer on the roll is already marked."))
        return here
    roll = selectors.attendance_roll(session)
    if request.method == "POST":
        saved, errors = 0, []
        for nomination in roll:
            value = request.POST.get(f"n{nomination.pk}")
            if value not in ("present", "absent"):
                continue
            try:
                services.mark_attendance(
                    session=session,
                    nomination=nomination,
                    present=value == "present",
                    actor=request.user,
                )
            except services.ProgrammeError as error:
                errors.append((nomination.officer, str(error)))
            else:
                saved += 1
        # The same refusal for everyone (e.g. a future session) is shown once.
        reasons = list(dict.fromkeys(reason for _officer, reason in errors))
        if len(reasons) == 1 and len(errors) > 1:
            messages.error(request, reasons[0])
        else:
            for officer, reason in errors[:5]:
                messages.error(request, f"{officer}: {reason}")
        if saved:
            messages.success(
                request,
                ngettext(
                    "Attendance saved for %(n)d officer.",
                    "Attendance saved for %(n)d officers.",
                    saved,
                )
                % {"n": saved},
            )
        elif not errors:
            messages.error(request, _("Mark each officer present or absent, then save."))
        return here
    check_in_url = request.build_absolute_uri(reverse("programmes:check_in"))
    check_in_closed = services.check_in_refusal(session)
    return render(
        request,
        "programmes/cell/attendance.html",
        {
            "programme": programme,
            "session": session,
            "sessions": programme.sessions.all(),
            "nominations": roll,
            "check_in_url": check_in_url,
            "qr": _qr_data_uri(f"{check_in_url}?code={session.check_in_code}")
            if session.check_in_code and not check_in_closed
            else "",
            "check_in_closed": check_in_closed,
            "final": programme.status in CLOSED_STATUSES,
            "is_cell": is_cell_admin(request.user),
        },
    )


@login_required
def coordinating(request):
    """The programmes the signed-in user coordinates, with a link to each session's
    attendance."""
    return render(
        request,
        "programmes/cell/coordinating.html",
        {"programmes": selectors.coordinated_programmes(request.user)},
    )


# ------------------------------------------------------------------ finalise
@cell_required
def finalise(request, programme_id):
    programme = _programme(programme_id)
    if request.method == "POST":
        try:
            counts = services.finalise_programme(programme=programme, actor=request.user)
        except services.ProgrammeError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _(
                    "Finalised: %(a)d completed, %(n)d did not complete, "
                    "%(w)d withdrawn (never confirmed, no attendance marked)."
                )
                % {"a": counts[S.ATTENDED], "n": counts[S.NO_SHOW], "w": counts[S.WITHDRAWN]},
            )
        return redirect("cell:programme", programme.pk)
    return render(
        request,
        "programmes/cell/finalise.html",
        {"programme": programme, "preview": selectors.finalise_preview(programme)},
    )
