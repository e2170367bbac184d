from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("<str:serial>/pdf/", views.download, name="download"),
    path("<str:serial>/revoke/", views.revoke, name="revoke"),
    path("programmes/<int:programme_id>/", views.programme_certificates, name="programme"),
    path("programmes/<int:programme_id>/progress/", views.programme_progress, name="progress"),
    path("programmes/<int:programme_id>/zip/", views.programme_zip, name="zip"),
]
