from django.contrib.auth.models import Permission
from wagtail import hooks


@hooks.register("register_permissions")
def register_api_permissions():
    """Lets the cell grant "push officers" (the HRMS integration) to a group in the admin."""
    return Permission.objects.filter(content_type__app_label="api", codename="push_officers")
