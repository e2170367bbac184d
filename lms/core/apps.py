from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "lms.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from django.db.models.signals import pre_save
        from wagtail.images import get_image_model

        from .images import reencode_uploaded_image

        pre_save.connect(
            reencode_uploaded_image, sender=get_image_model(), dispatch_uid="reencode-image"
        )
