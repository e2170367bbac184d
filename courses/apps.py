from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from wagtail.models import Locale
        from wagtail.signals import copy_for_translation_done

        from lms.accounts.particulars import particulars_changed
        from lms.core import languages

        from . import localisation, receivers
        from .setup import ensure_site_and_roles

        post_migrate.connect(ensure_site_and_roles, dispatch_uid="courses.ensure_site_and_roles")
        for signal in (post_save, post_delete):
            signal.connect(
                languages.forget_locales, sender=Locale, dispatch_uid="courses.forget_locales"
            )
        particulars_changed.connect(receivers.refresh_open_facts, dispatch_uid="courses.facts")
        copy_for_translation_done.connect(
            localisation.copy_permissions_to_translation,
            dispatch_uid="courses.copy_permissions_to_translation",
        )
