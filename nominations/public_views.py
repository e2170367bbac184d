"""The public programme calendar and its iCal feeds."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from courses.enums import ProgrammeStatus
from courses.models import Programme, Topic

from . import ical

PUBLIC_STATUSES = (ProgrammeStatus.OPEN, ProgrammeStatus.CLOSED, ProgrammeStatus.RUNNING)


def _public():
    return Programme.objects.filter(status__in=PUBLIC_STATUSES).select_related(
        "course", "course__topic"
    )


def calendar(request):
    programmes = _public().filter(ends_on__gte=timezone.localdate())
    topic = request.GET.get("topic", "")
    month = request.GET.get("month", "")  # YYYY-MM
    if topic:
        programmes = programmes.filter(course__topic__slug=topic)
    if len(month) == 7 and month[4] == "-" and month[:4].isdigit() and month[5:].isdigit():
        programmes = programmes.filter(
            starts_on__year=int(month[:4]), starts_on__month=int(month[5:])
        )
    page = Paginator(programmes.order_by("starts_on", "pk"), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "nominations/public/calendar.html",
        {
            "page": page,
            "topics": Topic.objects.all(),
            "topic": topic,
            "month": month,
            "now": timezone.now(),
        },
    )


def detail(request, programme_id):
    programme = get_object_or_404(_public(), pk=programme_id)
    return render(
        request,
        "nominations/public/detail.html",
        {
            "programme": programme,
            "sessions": programme.sessions.all(),
            "window_open": programme.status == ProgrammeStatus.OPEN and programme.is_window_open(),
        },
    )


def _ics(request, programmes, filename):
    body = ical.calendar(
        programmes,
        host=request.get_host().split(":")[0],
        url_for=lambda p: request.build_absolute_uri(f"/programmes/{p.pk}/"),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def programme_ics(request, programme_id):
    programme = get_object_or_404(_public().prefetch_related("sessions"), pk=programme_id)
    return _ics(request, [programme], f"{programme.code.replace('/', '-') or programme.pk}.ics")


def calendar_ics(request):
    programmes = _public().filter(ends_on__gte=timezone.localdate()).prefetch_related("sessions")
    return _ics(request, programmes, "sevottam-programmes.ics")
