"""API tokens in the Django admin (/django-admin/, Tokens): add one for a user, or delete
it to revoke access. ``manage.py issue_api_token`` does the same from the shell.

Django REST framework's own token admin links each row to the user's Django-admin page,
which this project does not have (officers are edited in Wagtail), so it is replaced."""

from django.contrib import admin
from rest_framework.authtoken import admin as drf_token_admin
from rest_framework.authtoken.models import TokenProxy

# Registered first by importing it (this app is discovered before rest_framework's), then
# replaced.
assert drf_token_admin.TokenAdmin
admin.site.unregister(TokenProxy)


@admin.register(TokenProxy)
class TokenAdmin(admin.ModelAdmin):
    list_display = ("user", "created", "key_start")
    list_filter = ("created",)
    search_fields = ("user__username", "user__employee_code")
    ordering = ("user__username",)
    fields = ("user",)
    list_select_related = ("user",)

    @admin.display(description="key")
    def key_start(self, token):
        return f"{token.key[:6]}…"
