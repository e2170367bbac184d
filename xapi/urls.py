from django.urls import path

from . import views

app_name = "xapi"

urlpatterns = [
    path("statements/", views.statement_list, name="statements"),
    path("statements/resend-failed/", views.resend_failed, name="resend_failed"),
    path("activities/page/<int:page_id>/", views.page_activity, name="page_activity"),
    path("activities/scenario/<slug:code>/", views.scenario_activity, name="scenario_activity"),
]
