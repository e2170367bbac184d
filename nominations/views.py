"""The HOD's nomination pages and the officer's own nominations. Views collect input, call
``nominations.services`` and show the result; scope comes from the selectors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from lms.core.csv import csv_response
from lms.core.decorators import role_required
from lms.core.roles import is_hod

from . import bulk, selectors, services
from .enums import NominationState
from .forms import CheckInForm, NoteForm, SubstituteForm, UploadForm
from .models import Nomination

PAGE_SIZE = 25


# HODs and nodal officers with a department; the department is the scope.
hod_required = role_required(is_hod)


def _posted(request):
    """Bind forms on every POST, even one with no fields (an empty note is valid)."""
    return request.POST if request.method == "POST" else None


def _open_programme(request, programme_id):
    """An open programme the HOD's department may nominate to, or 404."""
    programmes = selectors.programmes_open_for(department_id=request.user.department_id)
    return get_object_or_404(programmes, pk=programme_id)


def _department_nomination(request, nomination_id):
    return get_object_or_404(
        Nomination.objects.select_related("officer", "programme"),
        pk=nomination_id,
        department_id=request.user.department_id,
    )


# ------------------------------------------------------------------ HOD
@hod_required
def programme_list(request):
    programmes = list(selectors.programmes_open_for(department_id=request.user.department_id))
    for programme in programmes:
        programme.department_quota = selectors.quota_of(programme, request.user.department_id)
        programme.seats_left = max(programme.capacity - programme.seats_taken, 0)
    return render(request, "nominations/programme_list.html", {"programmes": programmes})


@hod_required
def nominate(request, programme_id):
    programme = _open_programme(request, programme_id)
    query = request.GET.get("q", "").strip()[:100]
    officers = selectors.eligible_officers(
        programme=programme, department_id=request.user.department_id, query=query
    )
    form = NoteForm(_posted(request))
    selected = request.POST.getlist("officers")
    if request.method == "POST" and form.is_valid():
        chosen = list(
            selectors.eligible_officers(
                programme=programme, department_id=request.user.department_id
            ).filter(pk__in=[pk for pk in selected if pk.isdigit()])
        )
        if not chosen:
            messages.error(request, _("Select at least one officer."))
        else:
            try:
                created = services.nominate_many(
                    programme=programme,
                    entries=[(officer, form.cleaned_data["note"]) for officer in chosen],
                    actor=request.user,
                )
            except services.NominationError as error:
                messages.error(request, _("Nothing was nominated. %(error)s") % {"error": error})
            else:
                messages.success(
                    request,
                    _("%(n)d officer(s) nominated to %(programme)s.")
                    % {"n": len(created), "programme": programme.title},
                )
                return redirect("nominations:department")
    page = Paginator(officers, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "nominations/nominate.html",
        {
            "programme": programme,
            "page": page,
            "form": form,
            "query": query,
            "selected": set(selected),
        },
    )


SESSION_KEY = "bulk-nominations-{}"


@hod_required
def upload(request, programme_id):
    """Bulk nominations: upload -> preview with row errors -> confirm (all, or valid rows)."""
    programme = _open_programme(request, programme_id)
    key = SESSION_KEY.format(programme.pk)
    rows = None
    if request.method == "POST" and "file" in request.FILES:
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                parsed = bulk.parse(form.cleaned_data["file"])
            except bulk.BulkFileError as error:
                form.add_error("file", str(error))
            else:
                request.session[key] = parsed
                rows = bulk.check_rows(
                    programme=programme, department_id=request.user.department_id, rows=parsed
                )
    elif request.method == "POST" and key in request.session:
        form = UploadForm()
        rows = bulk.check_rows(
            programme=programme,
            department_id=request.user.department_id,
            rows=request.session[key],
        )
        good = [row for row in rows if row.ok]
        only_valid = request.POST.get("import") == "valid"
        if not good:
            messages.error(request, _("No row can be imported."))
        elif len(good) < len(rows) and not only_valid:
            messages.error(
                request, _("Some rows have errors: fix the file, or import only the valid rows.")
            )
        else:
            try:
                created = services.nominate_many(
                    programme=programme,
                    entries=[(row.officer, row.note) for row in good],
                    actor=request.user,
                )
            except services.NominationError as error:
                messages.error(request, _("Nothing was imported. %(error)s") % {"error": error})
            else:
                del request.session[key]
                messages.success(request, _("%(n)d nominations imported.") % {"n": len(created)})
                return redirect("nominations:department")
    else:
        form = UploadForm()
        request.session.pop(key, None)
    context = {"programme": programme, "form": form, "rows": rows}
    if rows is not None:
        context["good"] = sum(1 for row in rows if row.ok)
        context["bad"] = len(rows) - context["good"]
    return render(request, "nominations/upload.html", context)


@hod_required
def department(request):
    programme_id = request.GET.get("programme", "")
    filters = {
        "programme_id": int(programme_id) if programme_id.isdigit() else None,
        "state": request.GET.get("state", ""),
        "query": request.GET.get("q", "").strip()[:100],
    }
    nominations = selectors.department_nominations(
        department_id=request.user.department_id, **filters
    )
    if request.GET.get("format") == "csv":
        return csv_response(
            filename="nominations.csv",
            header=[
                _("Programme"),
                _("Dates"),
                _("Employee code"),
                _("Officer"),
                _("Designation"),
                _("State"),
                _("Nominated"),
                _("Note"),
            ],
            rows=(
                [
                    n.programme.code,
                    f"{n.programme.starts_on:%d/%m/%Y}-{n.programme.ends_on:%d/%m/%Y}",
                    n.officer.employee_code,
                    n.officer.get_full_name(),
                    n.officer.designation,
                    n.get_state_display(),
                    f"{n.created_at:%d/%m/%Y}",
                    n.note,
                ]
                for n in nominations.iterator(chunk_size=500)
            ),
        )
    page = Paginator(nominations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "nominations/department.html",
        {
            "page": page,
            "filters": filters,
            "states": NominationState.choices,
            "programmes": selectors.programmes_open_for(department_id=request.user.department_id),
            "withdrawable": {
                s.value
                for s in NominationState
                if NominationState.WITHDRAWN in services.TRANSITIONS[s]
            },
            "substitutable": {NominationState.APPROVED, NominationState.CONFIRMED},
        },
    )


@hod_required
def withdraw(request, nomination_id):
    nomination = _department_nomination(request, nomination_id)
    form = NoteForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw(
                nomination=nomination, actor=request.user, note=form.cleaned_data["note"]
            )
        except services.NominationError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("The nomination of %(officer)s is withdrawn.") % {"officer": nomination.officer},
            )
        return redirect("nominations:department")
    return render(
        request, "nominations/confirm_withdraw.html", {"nomination": nomination, "form": form}
    )


@hod_required
def substitute(request, nomination_id):
    nomination = _department_nomination(request, nomination_id)
    officers = selectors.eligible_officers(
        programme=nomination.programme, department_id=request.user.department_id
    )
    form = SubstituteForm(_posted(request), officers=officers)
    if request.method == "POST" and form.is_valid():
        try:
            services.substitute(
                nomination=nomination,
                replacement=form.cleaned_data["replacement"],
                actor=request.user,
                note=form.cleaned_data["note"],
            )
        except services.NominationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(officer)s now holds the seat.")
                % {"officer": form.cleaned_data["replacement"]},
            )
            return redirect("nominations:department")
    return render(request, "nominations/substitute.html", {"nomination": nomination, "form": form})


# ------------------------------------------------------------------ the officer
@login_required
def mine(request):
    nominations = list(selectors.nominations_of(officer=request.user))
    return render(request, "nominations/mine.html", {"nominations": nominations})


@login_required
def respond(request, nomination_id):
    nomination = get_object_or_404(
        Nomination.objects.select_related("programme"), pk=nomination_id, officer=request.user
    )
    accept = request.POST.get("answer") == "confirm" if request.method == "POST" else None
    if request.method == "POST" and request.POST.get("answer") in ("confirm", "decline"):
        if not accept and request.POST.get("sure") != "yes":
            return render(request, "nominations/confirm_decline.html", {"nomination": nomination})
        try:
            services.respond(nomination=nomination, accept=accept, actor=request.user)
        except services.NominationError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Confirmed: see you at the programme.") if accept else _("You have declined."),
            )
        return redirect("nominations:mine")
    if request.method == "POST":
        raise Http404
    return redirect("nominations:mine")


@login_required
def check_in(request):
    form = CheckInForm(_posted(request), initial={"code": request.GET.get("code", "")[:6]})
    if request.method == "POST" and form.is_valid():
        try:
            attendance = services.check_in(officer=request.user, code=form.cleaned_data["code"])
        except services.NominationError as error:
            form.add_error("code", str(error))
        else:
            messages.success(
                request,
                _("You are checked in for %(programme)s, %(session)s.")
                % {"programme": attendance.session.programme.title, "session": attendance.session},
            )
            return redirect("nominations:mine")
    return render(request, "nominations/check_in.html", {"form": form})
