"""The trainee's assessment pages. Every attempt page belongs to its owner only (404 for
anyone else); keys and explanations appear only when the review policy allows."""

import datetime
import math
from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from courses.selectors import can_open_lesson

from . import grading, selectors, services
from .enums import AttemptStatus, QuestionType
from .forms import parse_responses, with_saved_choices
from .models import Assessment, Attempt

# A save that set off before the deadline may arrive a moment after it (the page's last
# save when the countdown ends, a slow network): it is still taken within this grace.
SAVE_GRACE = services.SAVE_GRACE


def _assessment_for(request, assessment_id) -> Assessment:
    assessment = get_object_or_404(
        Assessment.objects.select_related("course"), pk=assessment_id, course__live=True
    )
    if not can_open_lesson(user=request.user, course=assessment.course):
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


def _save_clock(attempt: Attempt) -> datetime.datetime:
    """The time a save counts as made: a save within the grace after the deadline counts
    as made at the deadline; any later one is late (and the service refuses it)."""
    now = timezone.now()
    if attempt.deadline and attempt.deadline < now <= attempt.deadline + SAVE_GRACE:
        return attempt.deadline
    return now


def _page_url(attempt: Attempt, number: int, anchor: str = "") -> str:
    url = f"{reverse('assessments:attempt', args=[attempt.pk])}?page={number}"
    return f"{url}#{anchor}" if anchor else url


@login_required
@require_http_methods(["GET", "POST"])
def attempt_page(request, attempt_id):
    """One page of questions. A POST saves the page's answers and goes where the pressed
    button says; the page's script also posts every ``ASSESSMENT_AUTOSAVE_SECONDS`` with
    ``autosave=1`` and gets JSON back (never a redirect: the page stays)."""
    attempt = _own_attempt(request, attempt_id)
    autosave = request.method == "POST" and request.POST.get("autosave") == "1"
    if attempt.status != AttemptStatus.IN_PROGRESS:
        if autosave:
            return _autosave_refused(attempt, _("This attempt is already submitted."))
        return redirect("assessments:review", attempt.pk)
    if (
        request.method == "GET"
        and attempt.deadline
        and timezone.now() > attempt.deadline + SAVE_GRACE
    ):
        return redirect("assessments:review", attempt.pk)  # submits it as it stood
    shown = selectors.attempt_questions(attempt)
    pages = Paginator(shown, attempt.assessment.questions_per_page)
    page = pages.get_page(request.GET.get("page"))
    if request.method == "POST":
        now = _save_clock(attempt)
        try:
            services.save_answers(
                attempt=attempt,
                user=request.user,
                answers=parse_responses(request.POST, page.object_list),
                now=now,
            )
        except services.AssessmentError as error:
            if autosave:
                return _autosave_refused(attempt, str(error))
            messages.error(request, str(error))
            return redirect("assessments:review", attempt.pk)
        if autosave:
            saved_at = date_format(timezone.localtime(now), "H:i")
            return JsonResponse(
                {"saved": True, "message": _("Saved at %(time)s") % {"time": saved_at}}
            )
        target = request.POST.get("go", "")
        if target == "submit":
            return redirect("assessments:submit", attempt.pk)
        if target.isdigit():
            return redirect(_page_url(attempt, pages.get_page(target).number))
        return redirect(_page_url(attempt, page.number))
    remaining = None
    if attempt.deadline:
        # Rounded up, so that the page's countdown never ends before the server's deadline
        # (its last save then lands within the grace, and the review finds the time over).
        remaining = max(0, math.ceil((attempt.deadline - timezone.now()).total_seconds()))
    return render(
        request,
        "assessments/attempt.html",
        {
            "attempt": attempt,
            "page": page,
            "questions": with_saved_choices(page.object_list),
            "remaining": remaining,
            "remaining_text": (
                f"{remaining // 60}:{remaining % 60:02d}" if remaining is not None else ""
            ),
            "autosave_seconds": getattr(settings, "ASSESSMENT_AUTOSAVE_SECONDS", 30),
        },
    )


def _autosave_refused(attempt: Attempt, message: str) -> JsonResponse:
    return JsonResponse(
        {
            "saved": False,
            "message": message,
            "review_url": reverse("assessments:review", args=[attempt.pk]),
        },
        status=409,
    )


@login_required
@require_http_methods(["GET", "POST"])
def submit(request, attempt_id):
    attempt = _own_attempt(request, attempt_id)
    if attempt.status != AttemptStatus.IN_PROGRESS:
        return redirect("assessments:review", attempt.pk)
    if request.method == "POST":
        services.submit_attempt(attempt=attempt, user=request.user)
        messages.success(request, _("Your answers are submitted."))
        return redirect("assessments:review", attempt.pk)
    shown = selectors.attempt_questions(attempt)
    per_page = attempt.assessment.questions_per_page
    place = {id(item): index for index, item in enumerate(shown)}
    unanswered = [
        {
            "number": item.number,
            "page": place[id(item)] // per_page + 1,
            "url": _page_url(
                attempt, place[id(item)] // per_page + 1, f"question-{item.question.pk}"
            ),
        }
        for item in selectors.unanswered(shown)
    ]
    return render(
        request,
        "assessments/submit.html",
        {"attempt": attempt, "unanswered": unanswered, "total": len(shown)},
    )


def _readable(question, value, *, options: list, left: list, is_key: bool) -> str:
    """A response (or the key) in words: option texts, not ids."""
    if value is None or value in ("", [], {}):
        return "—"
    texts = {o["id"]: o["text"] for o in options}
    kind = question.type
    if kind == QuestionType.SINGLE:
        return texts.get(value, "—")
    if kind == QuestionType.MULTIPLE and isinstance(value, list):
        return "; ".join(texts[v] for v in value if v in texts) or "—"
    if kind == QuestionType.TRUE_FALSE:
        return _("True") if value is True else _("False") if value is False else "—"
    if kind == QuestionType.MATCHING and isinstance(value, dict):
        return "; ".join(
            f"{item['text']} → {texts.get(value.get(item['id']), '—')}" for item in left
        )
    if kind == QuestionType.ORDERING and isinstance(value, list):
        return ", ".join(f"{n}. {texts.get(v, '—')}" for n, v in enumerate(value, start=1))
    if kind == QuestionType.SHORT_TEXT and is_key and isinstance(value, list):
        return " / ".join(value)
    if kind == QuestionType.NUMERIC and is_key and isinstance(value, dict):
        tolerance = value.get("tolerance") or 0
        return f"{value.get('value')} ± {tolerance}" if tolerance else str(value.get("value"))
    return str(value)


@login_required
def review(request, attempt_id):
    attempt = _own_attempt(request, attempt_id)
    if attempt.status == AttemptStatus.IN_PROGRESS:
        if attempt.deadline and timezone.now() > attempt.deadline:
            attempt = services.submit_attempt(attempt=attempt, timed_out=True)
        else:
            return redirect("assessments:attempt", attempt.pk)
    show = services.can_review(attempt=attempt)
    rows = []
    if show:
        for item in selectors.attempt_questions(attempt):
            question = item.question
            share = grading.fraction(question.type, question.key, item.answer)
            rows.append(
                {
                    "item": item,
                    "earned": (question.marks * Decimal(str(share))).quantize(Decimal("0.01")),
                    "right": share == 1.0,
                    "answer": _readable(
                        question, item.answer, options=item.options, left=item.left, is_key=False
                    ),
                    "key": _readable(
                        question, question.key, options=item.options, left=item.left, is_key=True
                    ),
                }
            )
    return render(
        request,
        "assessments/review.html",
        {"attempt": attempt, "show_answers": show, "rows": rows},
    )
