from django.urls import path

from . import views

app_name = "department"

# The officer's own page (particulars and learning) is composed by lms/urls.py from the
# courses app, which sits above this one.

urlpatterns = [
    path("officers/", views.officer_list, name="officers"),
    path("officers/export.csv", views.officer_export, name="officers_export"),
]
