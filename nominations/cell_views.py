"""The cell's programme desk: decide nominations, move a programme through its states,
mark attendance (also the programme's coordinator), open self check-in, finalise."""

import base64
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.enums import PROGRAMME_TRANSITIONS, ProgrammeStatus
from courses.models import Programme, ProgrammeSession
from lms.core.csv import csv_response
from lms.core.decorators import role_required
from lms.core.roles import Role, has_role, is_cell_admin

from . import services
from .enums import SEAT_STATES, NominationState
from .models import Attendance, Nomination

S = NominationState


cell_required = role_required(is_cell_admin)


def _programme_for_marking(request, programme_id):
    """Cell administrators, or the programme's coordinator, may mark attendance."""
    programme = get_object_or_404(Programme, pk=programme_id)
    if not (has_role(request.user, Role.CELL_ADMIN) or programme.coordinator_id == request.user.pk):
        raise PermissionDenied
    return programme


@cell_required
def programme_list(request):
    status = request.GET.get("status", "")
    programmes = Programme.objects.select_related("course").annotate(
        submitted=Count("nominations", filter=Q(nominations__state=S.SUBMITTED)),
        waitlisted=Count("nominations", filter=Q(nominations__state=S.WAITLISTED)),
        seats=Count("nominations", filter=Q(nominations__state__in=SEAT_STATES)),
    )
    if status in ProgrammeStatus.values:
        programmes = programmes.filter(status=status)
    page = Paginator(programmes.order_by("-starts_on", "pk"), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "nominations/cell/programme_list.html",
        {"page": page, "statuses": ProgrammeStatus.choices, "status": status},
    )


@cell_required
def programme_detail(request, programme_id):
    programme = get_object_or_404(
        Programme.objects.select_related("course", "coordinator"), pk=programme_id
    )
    nominations = list(
        Nomination.objects.filter(programme=programme)
        .select_related("officer", "department")
        .order_by("created_at", "pk")
    )
    if request.GET.get("format") == "csv":
        return csv_response(
            filename=f"nominations-{programme.code.replace('/', '-')}.csv",
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
                    n.officer.get_full_name(),
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
    counts = services.seat_counts(programme)
    quotas = [
        {
            "department": quota.department,
            "seats": quota.seats,
            "used": counts["per_department"].get(quota.department_id, 0),
        }
        for quota in programme.quotas.select_related("department")
    ]
    groups = [
        (state, label, [n for n in nominations if n.state == state]) for state, label in S.choices
    ]
    return render(
        request,
        "nominations/cell/programme_detail.html",
        {
            "programme": programme,
            "groups": [g for g in groups if g[2]],
            "counts": counts,
            "quotas": quotas,
            "next_statuses": [
                (s, ProgrammeStatus(s).label)
                for s in ProgrammeStatus.values
                if s in PROGRAMME_TRANSITIONS[programme.status] and s != ProgrammeStatus.COMPLETED
            ],
            "sessions": programme.sessions.all(),
        },
    )


@cell_required
@require_POST
def decide(request, nomination_id):
    nomination = get_object_or_404(Nomination, pk=nomination_id)
    decision = request.POST.get("decision", "")
    try:
        services.decide(
            nomination=nomination,
            decision=decision,
            actor=request.user,
            reason=request.POST.get("reason", "").strip()[:500],
        )
    except services.NominationError as error:
        messages.error(request, f"{nomination.officer}: {error}")
    else:
        messages.success(
            request,
            _("%(officer)s: %(state)s.")
            % {"officer": nomination.officer, "state": S(decision).label},
        )
    return redirect("cell:programme", nomination.programme_id)


@cell_required
def change_status(request, programme_id):
    programme = get_object_or_404(Programme, pk=programme_id)
    to_status = request.POST.get("status") or request.GET.get("status", "")
    if to_status not in ProgrammeStatus.values:
        messages.error(request, _("Unknown status."))
        return redirect("cell:programme", programme.pk)
    if request.method == "GET" or (
        to_status == ProgrammeStatus.CANCELLED and request.POST.get("sure") != "yes"
    ):
        return render(
            request,
            "nominations/cell/confirm_status.html",
            {
                "programme": programme,
                "to_status": to_status,
                "label": ProgrammeStatus(to_status).label,
            },
        )
    try:
        services.change_programme_status(
            programme=programme,
            to_status=to_status,
            actor=request.user,
            note=request.POST.get("note", "")[:500],
        )
    except services.NominationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The programme is now: %(status)s.") % {"status": ProgrammeStatus(to_status).label},
        )
    return redirect("cell:programme", programme.pk)


def _qr_data_uri(text: str) -> str:
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


@login_required
def attendance(request, programme_id, session_id):
    programme = _programme_for_marking(request, programme_id)
    session = get_object_or_404(ProgrammeSession, pk=session_id, programme=programme)
    nominations = list(
        Nomination.objects.filter(programme=programme, state__in=(S.APPROVED, S.CONFIRMED))
        .select_related("officer")
        .order_by("officer__first_name", "pk")
    )
    if request.method == "POST" and request.POST.get("action") == "check-in":
        try:
            services.open_check_in(session=session, actor=request.user)
        except services.NominationError as error:
            messages.error(request, str(error))
        return redirect("cell:attendance", programme.pk, session.pk)
    if request.method == "POST":
        saved, errors = 0, []
        for nomination in nominations:
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
                saved += 1
            except services.NominationError as error:
                errors.append(f"{nomination.officer}: {error}")
        for error in errors[:5]:
            messages.error(request, error)
        if saved:
            messages.success(request, _("Attendance saved for %(n)d officers.") % {"n": saved})
        return redirect("cell:attendance", programme.pk, session.pk)
    marks = dict(Attendance.objects.filter(session=session).values_list("nomination_id", "present"))
    for nomination in nominations:
        nomination.mark = marks.get(nomination.pk)
    check_in_url = request.build_absolute_uri(reverse("nominations:check_in"))
    return render(
        request,
        "nominations/cell/attendance.html",
        {
            "programme": programme,
            "session": session,
            "nominations": nominations,
            "check_in_url": check_in_url,
            "qr": _qr_data_uri(f"{check_in_url}?code={session.check_in_code}")
            if session.check_in_code
            else "",
        },
    )


@cell_required
def finalise(request, programme_id):
    programme = get_object_or_404(Programme, pk=programme_id)
    if request.method == "POST":
        try:
            counts = services.finalise_programme(programme=programme, actor=request.user)
        except services.NominationError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _(
                    "Finalised: %(a)d completed, %(n)d did not complete, %(w)d withdrawn (never confirmed)."
                )
                % {"a": counts[S.ATTENDED], "n": counts[S.NO_SHOW], "w": counts[S.WITHDRAWN]},
            )
        return redirect("cell:programme", programme.pk)
    total = programme.sessions.count()
    rows = []
    for nomination in (
        Nomination.objects.filter(programme=programme, state__in=(S.APPROVED, S.CONFIRMED))
        .select_related("officer", "programme")
        .annotate(present_count=Count("attendance", filter=Q(attendance__present=True)))
    ):
        if nomination.state == S.APPROVED:
            outcome = S.WITHDRAWN
        elif services.completion_rule_met(
            nomination=nomination, total_sessions=total, present=nomination.present_count
        ):
            outcome = S.ATTENDED
        else:
            outcome = S.NO_SHOW
        rows.append(
            {
                "nomination": nomination,
                "outcome": S(outcome).label,
                "present": nomination.present_count,
            }
        )
    return render(
        request,
        "nominations/cell/finalise.html",
        {"programme": programme, "rows": rows, "total": total},
    )
