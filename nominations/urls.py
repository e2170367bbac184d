from django.urls import path

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
    path("check-in/", views.check_in, name="check_in"),
]
