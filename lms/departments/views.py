"""The HOD's view of their department's officers (cell administrators see every
department). Scope comes from ``lms.accounts.selectors.officers_visible_to``."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from lms.accounts import selectors as officer_selectors
from lms.core.csv import csv_response
from lms.core.decorators import role_required
from lms.core.enums import Level
from lms.core.roles import Role, has_role, is_cell_admin, is_hod

from .models import Department

PAGE_SIZE = 25


department_scope_required = role_required(lambda user: is_cell_admin(user) or is_hod(user))


def _filtered(request):
    is_cell = has_role(request.user, Role.CELL_ADMIN)
    department_id = request.GET.get("department", "") if is_cell else ""
    filters = {
        "query": request.GET.get("q", "").strip()[:100],
        "level": request.GET.get("level", "") if request.GET.get("level") in Level.values else "",
        "department_id": department_id if department_id.isdigit() else None,
    }
    return officer_selectors.search_officers(user=request.user, **filters), filters, is_cell


@department_scope_required
def officer_list(request):
    officers, filters, is_cell = _filtered(request)
    page = Paginator(officers, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "departments/officer_list.html",
        {
            "page": page,
            "filters": filters,
            "levels": Level.choices,
            "departments": Department.objects.filter(is_active=True) if is_cell else None,
            "department": request.user.department,
            "querystring": request.GET.copy(),
        },
    )


@department_scope_required
def officer_export(request):
    officers, _filters, _is_cell = _filtered(request)
    header = [
        _("Employee code"),
        _("Name"),
        _("Designation"),
        _("Level"),
        _("Department"),
        _("Office"),
        _("District"),
        _("Gender"),
        _("Mobile"),
        _("Email"),
    ]
    rows = (
        [
            officer.employee_code,
            officer.get_full_name(),
            officer.designation,
            officer.get_level_display(),
            officer.department or "",
            officer.office or "",
            officer.district or "",
            officer.get_gender_display(),
            officer.mobile,
            officer.email,
        ]
        for officer in officers.iterator(chunk_size=500)
    )
    return csv_response(filename="officers.csv", header=header, rows=rows)
