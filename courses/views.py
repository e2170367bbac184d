from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail import views as wagtail_views

from lms.accounts.selectors import officers_visible_to
from lms.core.decorators import role_required
from lms.core.roles import is_cell_admin, is_hod

from . import pagecache, selectors, services
from .localisation import uniform_routing
from .models import CoursePage, LessonPage


def serve_page(request, path):
    """Wagtail's page view, with the route, site and view restrictions taken from the page
    cache where it can (courses/pagecache.py)."""
    if uniform_routing():
        pagecache.route(request, path)
    return wagtail_views.serve(request, path)


@login_required
def dashboard(request):
    """My learning: every enrolment with its progress and where to continue."""
    enrolments = selectors.lesson_results(
        user=request.user, enrolments=selectors.my_learning(user=request.user)
    )
    return render(
        request,
        "courses/dashboard.html",
        {
            "enrolments": enrolments,
            "summary": selectors.learning_summary(user=request.user),
            "catalogue_courses": selectors.catalogue_courses()[:4] if not enrolments else [],
        },
    )


@login_required
@require_POST
def enrol(request, course_id):
    course = get_object_or_404(CoursePage.objects.live().public(), pk=course_id)
    try:
        services.enrol(user=request.user, course=course)
    except services.CourseError as error:
        messages.error(request, str(error))
        return redirect(course.get_url(request))
    messages.success(request, _("You are enrolled in %(course)s.") % {"course": course.title})
    outline = selectors.course_outline(course=course, user=request.user)
    first = outline.next_lesson()
    return redirect(first.get_url(request) if first else course.get_url(request))


@login_required
@require_POST
def complete_lesson(request, lesson_id):
    lesson = get_object_or_404(LessonPage.objects.live().public(), pk=lesson_id)
    if not lesson.specific_class.completed_by_learner:  # completed by its content
        messages.error(request, _("This lesson is completed by working through it."))
        return redirect(lesson.get_url(request))
    try:
        _completion, course_completed = services.complete_lesson(user=request.user, lesson=lesson)
    except services.CourseError as error:
        messages.error(request, str(error))
        return redirect(lesson.get_url(request))
    course = selectors.course_of_lesson(lesson)
    if course_completed:
        messages.success(request, _("You have completed %(course)s.") % {"course": course.title})
        return redirect(course.get_url(request))
    nav = selectors.lesson_navigation(lesson=lesson, course=course, user=request.user)
    target = nav["next_lesson"] or nav["outline"].next_lesson() or course
    return redirect(target.get_url(request))


@role_required(lambda user: is_cell_admin(user) or is_hod(user))
def officer_detail(request, officer_id):
    """One officer's particulars and learning, for their HOD or the cell (scope from
    ``officers_visible_to``: another department's officer is a 404)."""
    officer = get_object_or_404(officers_visible_to(user=request.user), pk=officer_id)
    return render(
        request,
        "departments/officer_detail.html",
        {
            "officer": officer,
            "enrolments": selectors.lesson_results(
                user=officer, enrolments=selectors.my_learning(user=officer)
            ),
        },
    )
