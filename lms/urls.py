from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from certificates import views as certificate_views
from courses import views as course_views
from lms.accounts.views import set_language
from lms.core import views as core_views
from lms.departments import urls as department_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("lms.accounts.urls")),
    path(
        "department/",
        include(
            (
                [
                    *department_urls.urlpatterns,
                    path("officers/<int:officer_id>/", course_views.officer_detail, name="officer"),
                ],
                department_urls.app_name,
            )
        ),
    ),
    path("learning/", include("courses.urls")),
    path("programmes/", include("programmes.urls_public")),
    path("nominations/", include("nominations.urls")),
    path("cell/", include("programmes.urls_cell")),
    path("certificates/", include("certificates.urls")),
    path("reports/", include("reports.urls")),
    path("compliance/", include("compliance.urls")),
    path("assessments/", include("assessments.urls")),
    path("simulator/", include("simulator.urls")),
    path("scorm/", include("scorm.urls")),
    path("api/", include("api.urls")),
    path("xapi/", include("xapi.urls")),
    path("verify/", certificate_views.verify, name="verify_search"),
    path("verify/<str:serial>/", certificate_views.verify, name="verify"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("healthz", core_views.healthz, name="healthz"),
    path("favicon.ico", core_views.favicon, name="favicon"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's URLs, its page view (last: it matches any path) behind the page cache
# (courses/pagecache.py) under the same pattern and name.
urlpatterns += [
    *(pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"),
    re_path(wagtail_urls.serve_pattern, course_views.serve_page, name="wagtail_serve"),
]
