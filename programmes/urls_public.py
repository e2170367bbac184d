from django.urls import path

from . import public_views, views

app_name = "programmes"

urlpatterns = [
    path("", public_views.calendar, name="calendar"),
    path("calendar.ics", public_views.calendar_ics, name="calendar_ics"),
    path("check-in/", views.check_in, name="check_in"),
    path("<int:programme_id>/", public_views.detail, name="detail"),
    path("<int:programme_id>.ics", public_views.programme_ics, name="ics"),
]
