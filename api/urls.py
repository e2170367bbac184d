from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from . import views

app_name = "api"

router = SimpleRouter()
router.register("programmes", views.ProgrammeViewSet, basename="programme")
router.register("nominations", views.NominationViewSet, basename="nomination")
router.register("enrolments", views.EnrolmentViewSet, basename="enrolment")
router.register("certificates", views.CertificateViewSet, basename="certificate")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("certificates/verify/", views.VerifySearchView.as_view(), name="verify-search"),
    path("certificates/verify/<str:serial>/", views.VerifyBySerialView.as_view(), name="verify"),
    path("reports/yearly/", views.YearlyReportView.as_view(), name="report-yearly"),
    re_path(
        r"^reports/fy/(?P<fy>\d{4}-\d{2})/$",
        views.FinancialYearReportView.as_view(),
        name="report-fy",
    ),
    path("reports/department/", views.DepartmentReportView.as_view(), name="report-department"),
    path(
        "reports/department/never-trained/",
        views.NeverTrainedView.as_view(),
        name="report-never-trained",
    ),
    path("officers/", views.OfficerView.as_view(), name="officers"),
    *router.urls,
]
