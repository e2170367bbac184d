from django.core.management.base import BaseCommand

from simulator.seed import seed_simulator


class Command(BaseCommand):
    help = (
        "Load the grievance simulator's rulebooks (CPGRAMS, CM Window + RTS, Bihar ULBs) "
        "and practice scenarios (idempotent: existing rows are left as they are)."
    )

    def handle(self, *args, **options):
        report = seed_simulator()
        created = ", ".join(f"{n} {what}" for what, n in report.created.items()) or "nothing new"
        self.stdout.write(self.style.SUCCESS(f"Simulator data ready ({created})."))
