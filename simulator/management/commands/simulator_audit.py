from django.core.management.base import BaseCommand

from simulator.audit import MARGIN, audit, auditor
from simulator.models import Scenario
from simulator.rubric import HARD_FAIL_CAP


class Command(BaseCommand):
    help = (
        "Play every scenario's key and the wrong plays derived from it (simulator/audit.py); "
        "print the key's score, the closest wrong score, the margin and the highest score "
        f"of a hard-rule break (targets: margin >= {MARGIN}, hard-rule max <= {HARD_FAIL_CAP}). "
        "Nothing is kept: each play is rolled back."
    )

    def add_arguments(self, parser):
        parser.add_argument("codes", nargs="*", help="Scenario codes (default: every scenario)")
        parser.add_argument("-v2", "--details", action="store_true", help="Every mutation's score")

    def handle(self, *args, codes, details, **options):
        trainee = auditor()
        scenarios = Scenario.objects.order_by("code")
        if codes:
            scenarios = scenarios.filter(code__in=codes)
        margins, hards = [], []
        for scenario in scenarios:
            row = audit(scenario, trainee)
            closest, closest_score = row.closest
            hard_name, hard_score = row.hard_max
            margins.append(row.margin)
            hards.append(hard_score)
            self.stdout.write(
                f"{scenario.code:<40} key={row.key:g}  closest-wrong={closest_score:g} ({closest})  "
                f"margin={row.margin:g}  hard-rule-max={hard_score:g}"
                + (f" ({hard_name})" if hard_name else "")
            )
            if details:
                for name, score in sorted(row.scores.items(), key=lambda item: -item[1]):
                    flag = " [hard]" if name in row.hard else ""
                    self.stdout.write(f"    {score:>6g}  {name}{flag}")
        if margins:
            self.stdout.write(f"min margin {min(margins):g}, max hard-rule score {max(hards):g}")
