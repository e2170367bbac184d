from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from demo.seed import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = (
        "Load the demo: curriculum, departments, one demo user per role, programmes, tests and "
        "attempts, surveys, simulator practice, certificates and past years (idempotent)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--password", default=DEMO_PASSWORD, help="Password for demo users.")
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Run even with DEBUG off (demo users have known passwords: never on a live site).",
        )

    def handle(self, *args, password, allow_production, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "seed_demo creates users with known passwords; it runs only with DEBUG on "
                "(or pass --allow-production on a throw-away server)."
            )
        # The demo's own state changes would print dozens of notification emails.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            report = seed_demo(password=password)
        created = ", ".join(f"{n} {what}" for what, n in report.created.items()) or "nothing new"
        self.stdout.write(self.style.SUCCESS(f"Demo data ready ({created})."))
        self.stdout.write("Demo log-ins (all with the same password):")
        for username, user_password, note in report.logins:
            self.stdout.write(f"  {username:<14} {user_password}   {note}")
