from django.urls import path

from . import views

app_name = "department"

urlpatterns = [
    path("officers/", views.officer_list, name="officers"),
    path("officers/export.csv", views.officer_export, name="officers_export"),
    path("officers/<int:officer_id>/", views.officer_detail, name="officer"),
]
