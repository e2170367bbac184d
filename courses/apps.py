from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _
from wagtail.signals import (
    copy_for_translation_done,
    page_published,
    page_unpublished,
    post_page_move,
)


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        # Models (and the modules that import them) load only after apps.py: import here.
        from wagtail.models import Locale, PageViewRestriction  # noqa: PLC0415

        from lms.accounts.particulars import particulars_changed  # noqa: PLC0415
        from lms.core import languages  # noqa: PLC0415

        from . import localisation, pagecache, receivers  # noqa: PLC0415
        from .setup import ensure_site_and_roles  # noqa: PLC0415

        post_migrate.connect(ensure_site_and_roles, dispatch_uid="courses.ensure_site_and_roles")
        for signal in (post_save, post_delete):
            signal.connect(
                languages.forget_locales, sender=Locale, dispatch_uid="courses.forget_locales"
            )
        # Any change to a page, site, locale or view restriction moves the page cache on.
        for signal in (post_save, post_delete):
            signal.connect(pagecache.bump_for, dispatch_uid="courses.pagecache")
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(pagecache.bump, dispatch_uid="courses.pagecache")
        m2m_changed.connect(
            pagecache.bump,
            sender=PageViewRestriction.groups.through,
            dispatch_uid="courses.pagecache",
        )
        particulars_changed.connect(receivers.refresh_open_facts, dispatch_uid="courses.facts")
        copy_for_translation_done.connect(
            localisation.copy_permissions_to_translation,
            dispatch_uid="courses.copy_permissions_to_translation",
        )
