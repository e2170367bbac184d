from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("import/", views.import_figures, name="import"),
    path("department/", views.department, name="department"),
    path("years/<str:fy>/counting/", views.year_counting, name="year_counting"),
]
