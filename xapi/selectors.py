"""Reads for the cell's page of learning records."""

from django.db.models import Count

from .enums import StatementStatus
from .models import Statement


def statements(*, status: str = "", verb: str = "", actor: str = ""):
    rows = Statement.objects.defer("payload")
    if status in StatementStatus.values:
        rows = rows.filter(status=status)
    if verb:
        rows = rows.filter(verb=verb)
    if actor:
        rows = rows.filter(actor__icontains=actor)
    return rows.order_by("-created_at", "-pk")


def counts() -> dict:
    """{status: n} for every status (one query)."""
    found = dict(Statement.objects.values_list("status").annotate(n=Count("pk")).order_by())
    return {status: found.get(status, 0) for status in StatementStatus.values}


def verbs() -> list[str]:
    return list(Statement.objects.values_list("verb", flat=True).distinct().order_by("verb"))
