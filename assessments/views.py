"""The trainee's assessment pages. Every attempt page belongs to its owner only (404 for
anyone else); keys and explanations appear only when the review policy allows."""

import math

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.selectors import can_open_lesson

from . import selectors, services
from .enums import AttemptStatus
from .forms import parse_responses
from .models import Assessment, Attempt


def _assessment_for(request, assessment_id) -> Assessment:
    assessment = get_object_or_404(
        Assessment.objects.select_related("course"), pk=assessment_id, course__live=True
    )
    if not can_open_lesson(user=request.user, course=assessment.course):
        from django.http import Http404

        raise Http404
    return assessment


def _own_attempt(request, attempt_id) -> Attempt:
    return get_object_or_404(
        Attempt.objects.select_related("assessment", "assessment__course"),
        pk=attempt_id,
        user=request.user,
    )


@login_required
def detail(request, assessment_id):
    assessment = _assessment_for(request, assessment_id)
    attempts = list(
        Attempt.objects.filter(assessment=assessment, user=request.user).order_by("number")
    )
    override = services._override(assessment, request.user)
    allowed = services.attempts_allowed(assessment, override)
    minutes = None
    if assessment.time_limit_minutes:
        factor = max(1.0, float(request.user.extra_time_factor or 1)) * (
            max(1.0, float(override.time_factor)) if override else 1
        )
        minutes = math.floor(assessment.time_limit_minutes * factor)
    return render(
        request,
        "assessments/detail.html",
        {
            "assessment": assessment,
            "attempts": attempts,
            "allowed": allowed,
            "minutes": minutes,
            "open_attempt": next(
                (a for a in attempts if a.status == AttemptStatus.IN_PROGRESS), None
            ),
            "result": services.result_for(assessment=assessment, user=request.user),
        },
    )


@login_required
@require_POST
def start(request, assessment_id):
    assessment = _assessment_for(request, assessment_id)
    try:
        attempt = services.start_attempt(assessment=assessment, user=request.user)
    except services.AssessmentError as error:
        messages.error(request, str(error))
        return redirect("assessments:detail", assessment.pk)
    return redirect("assessments:attempt", attempt.pk)


@login_required
def attempt_page(request, attempt_id):
    attempt = _own_attempt(request, attempt_id)
    if attempt.status != AttemptStatus.IN_PROGRESS:
        return redirect("assessments:review", attempt.pk)
    shown = selectors.attempt_questions(attempt)
    pages = Paginator(shown, attempt.assessment.questions_per_page)
    page = pages.get_page(request.GET.get("page"))
    if request.method == "POST":
        try:
            services.save_answers(
                attempt=attempt,
                user=request.user,
                answers=parse_responses(request.POST, page.object_list),
            )
        except services.AssessmentError as error:
            messages.error(request, str(error))
            return redirect("assessments:review", attempt.pk)
        target = request.POST.get("go", "")
        if target == "submit":
            return redirect("assessments:submit", attempt.pk)
        if target.isdigit():
            return redirect(f"{reverse('assessments:attempt', args=[attempt.pk])}?page={target}")
        return redirect(f"{reverse('assessments:attempt', args=[attempt.pk])}?page={page.number}")
    remaining = (
        int((attempt.deadline - timezone.now()).total_seconds()) if attempt.deadline else None
    )
    return render(
        request,
        "assessments/attempt.html",
        {
            "attempt": attempt,
            "page": page,
            "remaining": max(remaining, 0) if remaining is not None else None,
        },
    )


@login_required
def submit(request, attempt_id):
    attempt = _own_attempt(request, attempt_id)
    if attempt.status != AttemptStatus.IN_PROGRESS:
        return redirect("assessments:review", attempt.pk)
    if request.method == "POST":
        services.submit_attempt(attempt=attempt, user=request.user)
        messages.success(request, _("Your answers are submitted."))
        return redirect("assessments:review", attempt.pk)
    shown = selectors.attempt_questions(attempt)
    return render(
        request,
        "assessments/submit.html",
        {
            "attempt": attempt,
            "unanswered": selectors.unanswered(shown),
            "total": len(shown),
        },
    )


@login_required
def review(request, attempt_id):
    attempt = _own_attempt(request, attempt_id)
    if attempt.status == AttemptStatus.IN_PROGRESS:
        if attempt.deadline and timezone.now() > attempt.deadline:
            attempt = services.submit_attempt(attempt=attempt, timed_out=True)
        else:
            return redirect("assessments:attempt", attempt.pk)
    show = services.can_review(attempt=attempt)
    return render(
        request,
        "assessments/review.html",
        {
            "attempt": attempt,
            "show_answers": show,
            "questions": selectors.attempt_questions(attempt) if show else [],
        },
    )
