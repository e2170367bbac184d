from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from compliance import months
from compliance.services import ComplianceError, take_snapshot


class Command(BaseCommand):
    help = (
        "Take the compliance snapshot of a month (each department's officers by rule and "
        "state as of the month's last day), replacing that month's rows. Without --month: "
        "the month just ended; --months N backfills the last N months."
    )

    def add_arguments(self, parser):
        parser.add_argument("--month", help="YYYY-MM, a month that is over")
        parser.add_argument(
            "--months", type=int, default=0, dest="count", help="the last N months ended"
        )

    def handle(self, *args, month=None, count=0, **options):
        today = timezone.localdate()
        if month and count:
            raise CommandError("Give --month or --months, not both.")
        if month:
            try:
                wanted = [months.parse_month(month)]
            except ValueError as error:
                raise CommandError(f"--month {month}: write it as YYYY-MM.") from error
        else:
            wanted = months.months_before(today, max(count, 1))
        for each in wanted:
            try:
                rows = take_snapshot(month=each, today=today)
            except ComplianceError as error:
                raise CommandError(str(error)) from error
            self.stdout.write(f"{each:%Y-%m}: {rows} rows (department and rule).")
