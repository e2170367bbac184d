from django.urls import path

from . import cell_views

app_name = "cell"

urlpatterns = [
    path("programmes/", cell_views.programme_list, name="programmes"),
    path("programmes/<int:programme_id>/", cell_views.programme_detail, name="programme"),
    path("programmes/<int:programme_id>/status/", cell_views.change_status, name="status"),
    path("programmes/<int:programme_id>/finalise/", cell_views.finalise, name="finalise"),
    path(
        "programmes/<int:programme_id>/sessions/<int:session_id>/attendance/",
        cell_views.attendance,
        name="attendance",
    ),
    path("nominations/<int:nomination_id>/decide/", cell_views.decide, name="decide"),
    path(
        "nominations/<int:nomination_id>/confirm/", cell_views.confirm_for_officer, name="confirm"
    ),
    path("coordinating/", cell_views.coordinating, name="coordinating"),
]
