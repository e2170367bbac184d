from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports.services import (
    HIPA_YEAR_TABLE,
    HIPA_YEAR_TABLE_SOURCE,
    ReportError,
    import_historical,
    parse_year_table,
)


class Command(BaseCommand):
    help = (
        "Import past years' programmes and participants from a year-wise table (text). "
        "Without a path, imports the table shipped with the product: HIPA's Sevottam Cell, "
        "2013-14 to 2023-24 (" + HIPA_YEAR_TABLE_SOURCE + ")."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            help="A text file with lines such as: 2013-14  5  78 (default: the shipped HIPA table)",
        )
        parser.add_argument(
            "--source",
            default="",
            help="Where the figures come from, stored with each year (default: the file name, "
            "or the brochure's title for the shipped table)",
        )

    def handle(self, *args, path=None, source="", **options):
        file = Path(path) if path else HIPA_YEAR_TABLE
        source = source or (HIPA_YEAR_TABLE_SOURCE if not path else file.name)
        try:
            rows = parse_year_table(file.read_text(encoding="utf-8"))
            import_historical(rows=rows, source=source)
        except (OSError, UnicodeDecodeError, ReportError) as error:
            raise CommandError(str(error)) from error
        programmes = sum(r[1] for r in rows)
        participants = sum(r[2] for r in rows)
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {len(rows)} years ({rows[0][0]} to {rows[-1][0]}): "
                f"{programmes} programmes, {participants} participants (computed totals)."
            )
        )
