"""Issue (or rotate) the API token of a user, optionally creating an HRMS service account.

    manage.py issue_api_token celladmin
    manage.py issue_api_token hrms.revenue --create --hrms --department REV
    manage.py issue_api_token hrms.revenue --rotate

The key is printed on standard output (only that line), for the integration's secret
store. Tokens can also be added and deleted in the Django admin (/django-admin/, Tokens)."""

from django.contrib.auth.models import Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from rest_framework.authtoken.models import Token

from lms.accounts.models import User
from lms.core.services import record_audit
from lms.departments.models import Department


class Command(BaseCommand):
    help = "Print a user's API token, creating it (or a new one with --rotate) if needed."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--rotate", action="store_true", help="Replace the user's token with a new one."
        )
        parser.add_argument(
            "--create",
            action="store_true",
            help="Create the user as a service account (no password) if it does not exist.",
        )
        parser.add_argument(
            "--hrms",
            action="store_true",
            help='Grant the "push officers" and "roles held" permissions (HRMS integration).',
        )
        parser.add_argument(
            "--department",
            metavar="CODE",
            help="With --create: tie the new service account to this department (its scope).",
        )

    @transaction.atomic
    def handle(self, *args, username, rotate, create, hrms, department, **options):
        user = User.objects.filter(username=username).first()
        if department and not (create and user is None):
            raise CommandError("--department applies only when --create makes a new account.")
        if user is None:
            if not create:
                raise CommandError(f"No user named {username!r} (add --create to make one).")
            user = self._create(username, department)
        if not user.is_active:
            raise CommandError(f"{username} is inactive: tokens of inactive users do not work.")
        if hrms:
            for app_label, codename in (
                ("api", "push_officers"),
                ("compliance", "add_roleheld"),
                ("compliance", "change_roleheld"),  # roles held sent with the officers
            ):
                user.user_permissions.add(
                    Permission.objects.get(content_type__app_label=app_label, codename=codename)
                )
            record_audit(actor=None, action="api.permission_granted", obj=user, note="hrms")
        if rotate:
            Token.objects.filter(user=user).delete()
        token, created = Token.objects.get_or_create(user=user)
        if created:
            record_audit(actor=None, action="api.token_issued", obj=user)
        self.stdout.write(token.key)

    def _create(self, username, department_code):
        department = None
        if department_code:
            department = Department.objects.filter(code=department_code).first()
            if department is None:
                raise CommandError(f"No department has the code {department_code!r}.")
        user = User(username=username, first_name="Service account", department=department)
        user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
        record_audit(actor=None, action="api.service_account_created", obj=user)
        self.stderr.write(f"Created the service account {username}.")
        return user
