from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "nominations"

urlpatterns = [
    path("programmes/", views.programme_list, name="programmes"),
    path("programmes/<int:programme_id>/nominate/", views.nominate, name="nominate"),
    path("programmes/<int:programme_id>/upload/", views.upload, name="upload"),
    path("department/", views.department, name="department"),
    path("<int:nomination_id>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:nomination_id>/substitute/", views.substitute, name="substitute"),
    path("mine/", views.mine, name="mine"),
    path("<int:nomination_id>/respond/", views.respond, name="respond"),
    path("<int:nomination_id>/ask-to-withdraw/", views.ask_to_withdraw, name="ask_to_withdraw"),
    # Check-in moved to the programmes app; codes printed or scanned from the old address
    # still work.
    path(
        "check-in/",
        RedirectView.as_view(pattern_name="programmes:check_in", permanent=True, query_string=True),
    ),
]
