from django.apps import AppConfig
from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_save
from wagtail.images import get_image_model

from .ratelimit import create_cache_tables
from .roles import forget_memberships, forget_roles, forget_roles_of_user


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
        from django.contrib.auth.models import Group  # noqa: PLC0415

        # Cached roles (lms/core/roles.py) are dropped when memberships or groups change, and
        # when a user is added or deleted (a new user may take a rolled-back user's id).
        user_model = get_user_model()
        m2m_changed.connect(
            forget_memberships, sender=user_model.groups.through, dispatch_uid="core.roles"
        )
        for signal in (post_save, post_delete):
            signal.connect(forget_roles, sender=Group, dispatch_uid="core.roles")
            signal.connect(forget_roles_of_user, sender=user_model, dispatch_uid="core.roles")
        # The database cache's table (the shared cache without Redis) after every migrate.
        post_migrate.connect(create_cache_tables, sender=self, dispatch_uid="create-cache-tables")
