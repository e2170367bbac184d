from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from .setup import ensure_site_and_roles

        post_migrate.connect(ensure_site_and_roles, dispatch_uid="courses.ensure_site_and_roles")
