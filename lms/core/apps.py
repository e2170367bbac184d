from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_save
from wagtail.images import get_image_model

from .ratelimit import create_cache_tables


class CoreConfig(AppConfig):
    name = "lms.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        # .images imports Wagtail's image forms and models, which load only after apps.py.
        from .images import reencode_uploaded_image  # noqa: PLC0415

        pre_save.connect(
            reencode_uploaded_image, sender=get_image_model(), dispatch_uid="reencode-image"
        )
        # The database cache's table (the shared cache without Redis) after every migrate.
        post_migrate.connect(create_cache_tables, sender=self, dispatch_uid="create-cache-tables")
