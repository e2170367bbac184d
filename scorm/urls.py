from django.urls import path

from . import views

app_name = "scorm"

urlpatterns = [
    path("content/<str:token>/<path:path>", views.content, name="content"),
    path("runtime/<str:token>/commit/", views.commit, name="commit"),
]
