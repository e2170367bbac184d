from django.urls import path

from . import staff_views, views

app_name = "simulator"

urlpatterns = [
    path("", views.scenario_list, name="scenarios"),
    path("scenarios/<int:pk>/start/", views.start, name="start"),
    path("sessions/<int:pk>/", views.desk, name="desk"),
    path("sessions/<int:pk>/act/", views.act, name="act"),
    path("sessions/<int:pk>/clock/", views.clock, name="clock"),
    path("sessions/<int:pk>/finish/", views.finish, name="finish"),
    path("sessions/<int:pk>/debrief/", views.debrief, name="debrief"),
    path("programmes/<int:programme_id>/leaderboard/", staff_views.leaderboard, name="leaderboard"),
    path("review/", staff_views.review, name="review"),
    path("stats/", staff_views.stats, name="stats"),
    path("scenarios/<int:pk>/audit/", staff_views.scenario_audit, name="scenario_audit"),
    path(
        "sessions/<int:pk>/reply-score/",
        views.override_reply_score,
        name="override_reply_score",
    ),
]
