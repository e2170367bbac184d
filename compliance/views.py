"""The HOD's compliance page (their department only), its CSV/XLSX download and "nominate
these"; the cell's state-wide view. Thin: scope and reads from ``selectors``, writes
through ``services`` (and so through the nomination service)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lms.accounts.models import User
from lms.core.decorators import post_only, role_required
from lms.core.roles import is_cell_admin, is_hod
from lms.departments.models import Department
from nominations import selectors as nomination_selectors
from nominations.forms import UploadForm

from . import bulk, exports, forms, selectors, services
from .enums import NEEDS_TRAINING, ComplianceState
from .models import RoleHeld

PAGE_SIZE = 100
hod_required = role_required(is_hod)
cell_required = role_required(is_cell_admin)
scope_required = role_required(lambda user: is_cell_admin(user) or is_hod(user))


def _filters(params, rules_list):
    """The rule (one of ``rules_list``, or None) and the state asked for."""
    by_pk = {str(rule.pk): rule for rule in rules_list}
    rule = by_pk.get(params.get("rule", ""))
    state = params.get("state", "")
    return rule, state if state in ComplianceState.values else ""


def _open_programmes(rule, department_id):
    """Programmes of the rule's courses open now to the department's nominations."""
    return nomination_selectors.programmes_taking_nominations_from(
        department_id=department_id
    ).filter(course_id__in=rule.course_ids)


def _rows(request):
    today = timezone.localdate()
    department_id = request.user.department_id
    rules_list = selectors.rules_in_force(department_id=department_id)
    rule, state = _filters(request.GET, rules_list)
    rows = selectors.department_rows(
        department_id=department_id,
        today=today,
        rule_id=rule.pk if rule else None,
        state=state,
        rules_list=rules_list,
    )
    return today, rules_list, rule, state, rows


@hod_required
def department(request):
    today, rules_list, rule, state, rows = _rows(request)
    department_id = request.user.department_id
    by_rule = selectors.totals(
        selectors.state_counts(today=today, department_id=department_id, rules_list=rules_list),
        by=1,
    )
    for each in rules_list:
        each.counts = by_rule.get(each.pk, {"total": 0})
    return render(
        request,
        "compliance/department.html",
        {
            "today": today,
            "department": request.user.department,
            "rules": rules_list,
            "rule": rule,
            "state": state,
            "states": ComplianceState.choices,
            "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
            "programmes": list(_open_programmes(rule, department_id)) if rule else [],
            "querystring": request.GET.urlencode(),
        },
    )


@hod_required
def export(request):
    _today, _rules, _rule, _state, rows = _rows(request)
    fmt = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    return exports.download(rows, fmt=fmt, filename="training-compliance")


def _back(request):
    return reverse("compliance:department")


@hod_required
@post_only(_back)
def nominate(request):
    """Nominate the selected officers of the department to a programme of the rule's
    course, each through the nomination service: who was nominated, who was refused and
    why."""
    today = timezone.localdate()
    department_id = request.user.department_id
    rules_list = selectors.rules_in_force(department_id=department_id)
    rule, _state = _filters(request.POST, rules_list)
    if rule is None:
        raise Http404
    programme_id = request.POST.get("programme", "")
    programme = get_object_or_404(
        _open_programmes(rule, department_id), pk=int(programme_id) if programme_id.isdigit() else 0
    )
    ids = {int(v) for v in request.POST.getlist("officers") if v.isdigit()}
    posted = request.POST.getlist("officers")
    found = selectors.facts(rule, today=today, department_id=department_id, officer_ids=ids)
    if len(found) != len(ids) or len(ids) != len(posted):
        raise Http404  # an officer of another department, or not on this rule
    states = {fact.id: fact.state for fact in found}
    officers = User.objects.filter(pk__in=ids).order_by("first_name", "last_name", "pk")
    chosen = [officer for officer in officers if states[officer.pk] in NEEDS_TRAINING]
    skipped = [officer for officer in officers if states[officer.pk] not in NEEDS_TRAINING]
    outcome = services.nominate_these(
        programme=programme, rule=rule, officers=chosen, actor=request.user
    )
    return render(
        request,
        "compliance/nominated.html",
        {"rule": rule, "programme": programme, "outcome": outcome, "skipped": skipped},
    )


@cell_required
def state(request):
    """Every department by rule: officers covered and how many in each state."""
    today = timezone.localdate()
    rules_list = selectors.rules_in_force()
    counts = selectors.state_counts(today=today, rules_list=rules_list)
    by_rule = selectors.totals(counts, by=1)
    by_department = selectors.totals(counts, by=0)
    departments = Department.objects.filter(pk__in=by_department.keys()).order_by("name")
    table = [
        {
            "department": department,
            "cells": [counts.get((department.pk, rule.pk)) for rule in rules_list],
            "total": by_department[department.pk],
        }
        for department in departments
    ]
    for rule in rules_list:
        rule.counts = by_rule.get(rule.pk, {"total": 0})
    trend_rule, _state = _filters({"rule": request.GET.get("trend_rule", "")}, rules_list)
    return render(
        request,
        "compliance/state.html",
        {
            "today": today,
            "rules": rules_list,
            "table": table,
            "states": ComplianceState.choices,
            "trend": selectors.monthly_trend(
                today=today, rule_id=trend_rule.pk if trend_rule else None
            ),
            "trend_rule": trend_rule,
        },
    )


# ------------------------------------------------------------------ roles held
def _officer_in_scope(request, officer_id) -> User:
    """An officer the user may keep roles for: any for the cell, the department's for an
    HOD; anyone else is a 404."""
    officers = User.objects.filter(department__isnull=False).select_related("department")
    if not is_cell_admin(request.user):
        officers = officers.filter(department_id=request.user.department_id)
    return get_object_or_404(officers, pk=officer_id)


@scope_required
def officer_roles(request, officer_id):
    """The statutory roles an officer holds and held (history), and a form for a new one."""
    officer = _officer_in_scope(request, officer_id)
    form = forms.RoleForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_role(officer=officer, actor=request.user, **form.cleaned_data)
        except services.ComplianceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The role is recorded."))
            return redirect("compliance:officer_roles", officer_id=officer.pk)
    return render(
        request,
        "compliance/officer_roles.html",
        {
            "officer": officer,
            "roles": selectors.roles_of(officer_ids=[officer.pk]).get(officer.pk, []),
            "form": form,
            "end_form": forms.EndRoleForm(initial={"to_date": timezone.localdate()}),
        },
    )


def _roles_page(request, officer_id, role_id):
    return reverse("compliance:officer_roles", args=[officer_id])


@scope_required
@post_only(_roles_page)
def end_role(request, officer_id, role_id):
    officer = _officer_in_scope(request, officer_id)
    role = get_object_or_404(RoleHeld, pk=role_id, officer=officer)
    form = forms.EndRoleForm(request.POST)
    if form.is_valid():
        try:
            services.end_role(role=role, actor=request.user, to_date=form.cleaned_data["to_date"])
        except services.ComplianceError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The role is ended."))
    else:
        messages.error(request, _("Give the last day the role was held."))
    return redirect("compliance:officer_roles", officer_id=officer.pk)


@scope_required
def roles_upload(request):
    """A list of roles held (CSV or XLSX): checked row by row; recorded only when every
    row is right, in one go."""
    form = UploadForm(request.POST or None, request.FILES or None)
    rows = None
    if request.method == "POST" and form.is_valid():
        try:
            rows = bulk.check_rows(bulk.read(form.cleaned_data["file"]), actor=request.user)
        except bulk.RolesFileError as error:
            form.add_error("file", str(error))
        else:
            if all(row.ok for row in rows):
                changed = bulk.apply(rows, actor=request.user)
                messages.success(
                    request,
                    ngettext("%(n)d role recorded.", "%(n)d roles recorded.", changed)
                    % {"n": changed},
                )
                return redirect("compliance:roles_upload")
    return render(
        request,
        "compliance/roles_upload.html",
        {"form": form, "rows": rows, "bad": sum(1 for row in rows or [] if not row.ok)},
    )
