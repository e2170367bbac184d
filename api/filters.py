"""Query-string filters of the list endpoints. They narrow a queryset the selectors have
already scoped to the user; none of them widens it."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field

from courses.enums import ProgrammeMode, ProgrammeStatus
from lms.accounts import selectors as account_selectors
from lms.core.enums import Level
from lms.core.fy import financial_year_bounds
from nominations.enums import NominationState

from . import selectors

MAX_ID = 2**63 - 1
FY_PATTERN = r"^\d{4}-\d{2}$"


def validate_financial_year(value: str) -> None:
    try:
        financial_year_bounds(value)
    except ValueError as error:
        raise ValidationError("Write the financial year as 2024-25.") from error


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(django_filters.NumberFilter):
    """A database id: a positive whole number (never a decimal)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


@extend_schema_field({"type": "string", "pattern": FY_PATTERN, "example": "2024-25"})
class FinancialYearFilter(django_filters.CharFilter):
    """``?fy=2024-25``: the rows whose ``field_name`` date falls in that financial year."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 7)
        kwargs.setdefault("validators", [validate_financial_year])
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        first, last = financial_year_bounds(value)
        return qs.filter(**{f"{self.field_name}__gte": first, f"{self.field_name}__lte": last})


class ProgrammeFilter(django_filters.FilterSet):
    open_for_nomination = django_filters.BooleanFilter(
        method="filter_open",
        label="Taking nominations now; for an HOD, only programmes their department may "
        "nominate to.",
    )
    fy = FinancialYearFilter(
        field_name="ends_on", label="Financial year of the last day, e.g. 2024-25."
    )
    mode = django_filters.ChoiceFilter(choices=ProgrammeMode.choices)
    status = django_filters.ChoiceFilter(
        choices=ProgrammeStatus.choices,
        label="Status (others than open, closed and running reach the cell only).",
    )
    course = IdFilter(field_name="course_id", label="The course's id.")
    topic = django_filters.CharFilter(
        field_name="course__topic__slug", max_length=50, label="The topic's slug."
    )
    upcoming = django_filters.BooleanFilter(
        method="filter_upcoming", label="Not over yet (last day today or later)."
    )

    def filter_open(self, queryset, name, value):
        if value is None:
            return queryset
        open_now = selectors.open_for_nomination(queryset, user=self.request.user)
        return open_now if value else queryset.exclude(pk__in=open_now.values("pk"))

    def filter_upcoming(self, queryset, name, value):
        if value is None:
            return queryset
        today = timezone.localdate()
        return queryset.filter(ends_on__gte=today) if value else queryset.filter(ends_on__lt=today)


class NominationFilter(django_filters.FilterSet):
    programme = IdFilter(field_name="programme_id", label="The programme's id.")
    state = django_filters.ChoiceFilter(choices=NominationState.choices)
    department = django_filters.CharFilter(
        field_name="department__code", max_length=16, label="The department's code."
    )
    officer = IdFilter(field_name="officer_id", label="The officer's id.")
    q = django_filters.CharFilter(
        method="filter_q", max_length=100, label="Officer's name or employee code contains."
    )
    fy = FinancialYearFilter(
        field_name="programme__ends_on", label="Financial year of the programme's last day."
    )

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(officer__first_name__icontains=value)
            | Q(officer__last_name__icontains=value)
            | Q(officer__employee_code__icontains=value)
        )


class OfficerFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q",
        max_length=100,
        label="Name, user name, employee code, designation or email contains.",
    )
    level = django_filters.ChoiceFilter(choices=Level.choices)
    department = django_filters.CharFilter(
        field_name="department__code", max_length=16, label="The department's code."
    )
    employee_code = django_filters.CharFilter(field_name="employee_code", max_length=32)

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return account_selectors.matching_officers(queryset, query=value)
