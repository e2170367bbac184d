from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate
from django.utils.translation import gettext_lazy as _

from courses.signals import collect_lesson_results


class ScormConfig(AppConfig):
    name = "scorm"
    verbose_name = _("SCORM packages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Models (and the modules that import them) load only after apps.py: import here.
        from . import receivers  # noqa: PLC0415
        from .models import ScormPackage  # noqa: PLC0415
        from .setup import grant_package_permissions  # noqa: PLC0415

        post_migrate.connect(grant_package_permissions, dispatch_uid="scorm.permissions")
        post_delete.connect(
            receivers.remove_package_files, sender=ScormPackage, dispatch_uid="scorm.files"
        )
        collect_lesson_results.connect(receivers.lesson_results, dispatch_uid="scorm.results")
