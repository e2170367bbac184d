from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiPermission(models.Model):
    """No table: the holder of the API's own permissions, granted to a user or a group
    (Wagtail admin: Settings > Groups, or ``manage.py issue_api_token --hrms``)."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("push_officers", _("Can push officers from a departmental HRMS"))]
        verbose_name = _("API permission")

    def __str__(self):
        return str(self._meta.verbose_name)
