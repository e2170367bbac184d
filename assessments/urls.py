from django.urls import path

from . import views

app_name = "assessments"

urlpatterns = [
    path("<int:assessment_id>/", views.detail, name="detail"),
    path("<int:assessment_id>/start/", views.start, name="start"),
    path("attempts/<int:attempt_id>/", views.attempt_page, name="attempt"),
    path("attempts/<int:attempt_id>/submit/", views.submit, name="submit"),
    path("attempts/<int:attempt_id>/review/", views.review, name="review"),
]

# Staff analytics and the reaction survey (assessments/staff_views.py, feedback_views.py).
from . import feedback_views, staff_views  # noqa: E402

urlpatterns += [
    path(
        "<int:assessment_id>/analytics/",
        staff_views.assessment_analytics,
        name="analytics",
    ),
    path("feedback/", feedback_views.results_index, name="feedback_index"),
    path(
        "feedback/programmes/<int:programme_id>/",
        feedback_views.programme_survey,
        name="programme_feedback",
    ),
    path(
        "feedback/programmes/<int:programme_id>/results/",
        feedback_views.programme_results,
        name="programme_feedback_results",
    ),
    path("feedback/courses/<int:course_id>/", feedback_views.course_survey, name="course_feedback"),
    path(
        "feedback/courses/<int:course_id>/results/",
        feedback_views.course_results,
        name="course_feedback_results",
    ),
]
