from django.urls import path

from . import views

app_name = "compliance"

urlpatterns = [
    path("", views.department, name="department"),
    path("export/", views.export, name="export"),
    path("nominate/", views.nominate, name="nominate"),
    path("state/", views.state, name="state"),
    path("roles/upload/", views.roles_upload, name="roles_upload"),
    path("officers/<int:officer_id>/roles/", views.officer_roles, name="officer_roles"),
    path("officers/<int:officer_id>/roles/<int:role_id>/end/", views.end_role, name="end_role"),
]
