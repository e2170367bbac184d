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
