"""The reaction survey: trainees answer it once per programme (or per online course), and
the cell, trainers, course directors and the programme's coordinator read the anonymous
results (no names, no ids; comments only from three responses up) with the programme's
pre/post learning gain.

Views collect input, call ``services.submit_feedback`` and render; reads are in
``selectors``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.enums import ProgrammeStatus
from courses.models import CoursePage, Programme
from lms.core.csv import csv_response
from lms.core.decorators import role_required
from lms.core.roles import is_staff_author

from . import selectors, services
from .feedback_forms import FeedbackForm

PAGE_SIZE = 25


# ------------------------------------------------------------------ trainee: the survey
def _survey(request, *, programme=None, course, done_url):
    already = selectors.has_given_feedback(user=request.user, programme=programme, course=course)
    refusal = (
        None
        if already
        else services.feedback_refusal(user=request.user, programme=programme, course=course)
    )
    context = {"programme": programme, "course": course, "done_url": done_url}
    if already or refusal:
        return render(
            request,
            "assessments/feedback/closed.html",
            {**context, "already": already, "refusal": refusal},
            status=200 if already else 403,
        )
    form = FeedbackForm(
        request.POST if request.method == "POST" else None,
        items=services.feedback_items(programme=programme),
        venue_optional=services.venue_optional(programme=programme),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_feedback(
                user=request.user,
                programme=programme,
                course=None if programme else course,
                ratings=form.ratings(),
                what_worked=form.cleaned_data["what_worked"],
                what_to_improve=form.cleaned_data["what_to_improve"],
            )
        except services.AssessmentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Thank you: your feedback is recorded anonymously."))
            return redirect(done_url)
    return render(request, "assessments/feedback/form.html", {**context, "form": form})


@login_required
def programme_survey(request, programme_id):
    programme = get_object_or_404(Programme.objects.select_related("course"), pk=programme_id)
    return _survey(
        request,
        programme=programme,
        course=programme.course,
        done_url=reverse("nominations:mine"),
    )


@login_required
def course_survey(request, course_id):
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    return _survey(request, course=course, done_url=course.url)


# ------------------------------------------------------------------ staff: the results
def can_read_results(user, programme) -> bool:
    """Cell administrators, trainers and course directors, and the programme's own
    coordinator (anonymous figures only)."""
    return is_staff_author(user) or (programme is not None and programme.coordinator_id == user.pk)


def _results_rows(summary, gain):
    """The CSV rows: no names, no ids, comments only from three responses up."""
    rows = [
        [_("Responses"), summary.responses],
        [_("Participants"), summary.eligible],
        [_("Response rate (%)"), round(100 * summary.rate, 1) if summary.rate is not None else ""],
        [],
        [_("Statement"), _("Rated by"), _("Mean (1-5)"), "1", "2", "3", "4", "5"],
    ]
    for item in summary.items:
        rows.append(
            [item.label, item.answered, item.mean if item.mean is not None else ""]
            + (item.counts if summary.show_detail else [""] * 5)
        )
    if gain is not None:
        rows += [
            [],
            [_("Learning gain")],
            [_("Officers with both tests"), gain.n],
            [_("Mean pre-test (%)"), gain.pre_mean if gain.pre_mean is not None else ""],
            [_("Mean post-test (%)"), gain.post_mean if gain.post_mean is not None else ""],
            [_("Normalised gain"), round(gain.gain, 3) if gain.gain is not None else ""],
        ]
    rows.append([])
    if summary.show_detail:
        rows.append([_("What worked well")])
        rows += [[text] for text in summary.what_worked]
        rows += [[], [_("What could be improved")]]
        rows += [[text] for text in summary.what_to_improve]
    else:
        rows.append(
            [
                _("Comments and the spread of ratings are shown from %(n)d responses.")
                % {"n": selectors.MIN_RESPONSES_FOR_DETAIL}
            ]
        )
    return rows


def _results(request, *, programme=None, course, filename):
    summary = selectors.feedback_summary(programme=programme, course=course)
    gain = selectors.learning_gain(programme) if programme is not None else None
    if request.GET.get("format") == "csv":
        return csv_response(
            filename=filename, header=[_("Feedback"), ""], rows=_results_rows(summary, gain)
        )
    return render(
        request,
        "assessments/feedback/results.html",
        {
            "programme": programme,
            "course": course,
            "summary": summary,
            "gain": gain,
            "min_responses": selectors.MIN_RESPONSES_FOR_DETAIL,
            "can_open_analytics": is_staff_author(request.user),
        },
    )


@login_required
def programme_results(request, programme_id):
    programme = get_object_or_404(Programme.objects.select_related("course"), pk=programme_id)
    if not can_read_results(request.user, programme):
        raise PermissionDenied
    code = (programme.code or str(programme.pk)).replace("/", "-")
    return _results(
        request, programme=programme, course=programme.course, filename=f"feedback-{code}.csv"
    )


@role_required(is_staff_author)
def course_results(request, course_id):
    course = get_object_or_404(CoursePage, pk=course_id)
    return _results(request, course=course, filename=f"feedback-course-{course.pk}.csv")


@login_required
def results_index(request):
    """Programmes that have started (newest first) with their response count, mean overall
    rating and learning gain; a coordinator who is not staff sees their own programmes."""
    staff = is_staff_author(request.user)
    programmes = (
        Programme.objects.filter(starts_on__lte=timezone.localdate())
        .exclude(status=ProgrammeStatus.CANCELLED)
        .select_related("course")
        .order_by("-starts_on", "pk")
    )
    if not staff:
        programmes = programmes.filter(coordinator=request.user)
        if not programmes.exists():
            raise PermissionDenied
    page = Paginator(programmes, PAGE_SIZE).get_page(request.GET.get("page"))
    ids = [p.pk for p in page.object_list]
    counts = selectors.feedback_response_counts(ids)
    means = selectors.average_feedback_by_programme(ids)
    gains = selectors.learning_gain_by_programme(ids)
    rows = [
        {
            "programme": p,
            "responses": counts.get(p.pk, 0),
            "mean": means.get(p.pk),
            "gain": gains.get(p.pk),
        }
        for p in page.object_list
    ]
    return render(
        request,
        "assessments/feedback/index.html",
        {
            "page": page,
            "rows": rows,
            "courses": selectors.course_feedback_counts() if staff else [],
        },
    )
