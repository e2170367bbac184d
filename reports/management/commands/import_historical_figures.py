from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports.services import ReportError, import_historical, parse_year_table


class Command(BaseCommand):
    help = "Import past years' programmes and participants from a year-wise table (text)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="A text file with lines such as: 2013-14  5  78")

    def handle(self, *args, path, **options):
        try:
            rows = parse_year_table(Path(path).read_text(encoding="utf-8"))
            import_historical(rows=rows, source=Path(path).name)
        except (OSError, ReportError) as error:
            raise CommandError(str(error)) from error
        programmes = sum(r[1] for r in rows)
        participants = sum(r[2] for r in rows)
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {len(rows)} years ({rows[0][0]} to {rows[-1][0]}): "
                f"{programmes} programmes, {participants} participants (computed totals)."
            )
        )
