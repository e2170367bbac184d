"""The HOD's nomination pages and the officer's own nominations. Views collect input, call
``nominations.services`` and show the result; reads and scope come from the selectors.

HOD pages are for users with the HOD role and a department, and act on that department
only (anything outside it is a 404). A cell administrator uses the cell desk instead and
gets 403 here unless they also hold the HOD role."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lms.core.csv import csv_response
from lms.core.decorators import role_required
from lms.core.roles import is_hod

from . import bulk, selectors, services
from .enums import TRANSITIONS, NominationState
from .forms import NoteForm, SubstituteForm, UploadForm, WithdrawalRequestForm
from .models import Nomination

PAGE_SIZE = 25
OFFICERS_PAGE_SIZE = 50
SESSION_KEY = "nominations-upload-{}"
IMPORT_ALL, IMPORT_VALID = "all", "valid"
WITHDRAWABLE = frozenset(s for s in NominationState if NominationState.WITHDRAWN in TRANSITIONS[s])

# HODs and nodal officers with a department; the department is the scope.
hod_required = role_required(is_hod)


def _posted(request):
    """Bind forms on every POST, even one with no fields (an empty note is valid)."""
    return request.POST if request.method == "POST" else None


def _open_programme(request, programme_id):
    """An open programme the HOD's department may nominate to, or 404 (the services count
    seats and quotas themselves, under the programme's lock)."""
    programmes = selectors.programmes_taking_nominations_from(
        department_id=request.user.department_id
    )
    return get_object_or_404(programmes, pk=programme_id)


def _department_nomination(request, nomination_id) -> Nomination:
    scope = selectors.department_scope(department_id=request.user.department_id)
    return get_object_or_404(scope, pk=nomination_id)


def _posted_ids(request, name) -> list[int]:
    """Distinct ids posted under ``name``, in order; anything but digits is a 404."""
    ids = []
    for value in request.POST.getlist(name):
        if not value.isdigit():
            raise Http404
        if int(value) not in ids:
            ids.append(int(value))
    return ids


# ------------------------------------------------------------------ HOD
@hod_required
def programme_list(request):
    programmes = selectors.open_programme_rows(department_id=request.user.department_id)
    return render(request, "nominations/programme_list.html", {"programmes": programmes})


@hod_required
def nominate(request, programme_id):
    """Pick officers (search, pages of checkboxes) and nominate them all at once, or none:
    if the service refuses any, each refusal is shown and the selection is kept."""
    programme = _open_programme(request, programme_id)
    department_id = request.user.department_id
    query = request.GET.get("q", "").strip()[:100]
    form = NoteForm(_posted(request))
    selection, refusals = [], {}
    # Shown in the page's error summary (role="alert", focused on load) and beside the
    # fields they concern, not as a passing message.
    selection_error = batch_error = ""
    if request.method == "POST":
        ids = _posted_ids(request, "officers")
        # The officers must be the department's (a stale or forged id is out of scope).
        by_pk = {
            o.pk: o
            for o in selectors.department_officers(department_id=department_id).filter(pk__in=ids)
        }
        if len(by_pk) != len(ids):
            raise Http404
        selection = [by_pk[pk] for pk in ids]
        if not selection:
            selection_error = _("Select at least one officer.")
        elif form.is_valid():
            note = form.cleaned_data["note"]
            try:
                created = services.nominate_many(
                    programme=programme,
                    entries=[(officer, note) for officer in selection],
                    actor=request.user,
                )
            except services.NominationBatchError as error:
                refusals = {officer.pk: message for officer, message in error.errors}
                batch_error = _("Nothing was nominated: correct the selection below and try again.")
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(n)d officer nominated to %(programme)s.",
                        "%(n)d officers nominated to %(programme)s.",
                        len(created),
                    )
                    % {"n": len(created), "programme": programme.title},
                )
                return redirect("nominations:department")
    officers = selectors.eligible_officers(
        programme=programme, department_id=department_id, query=query
    )
    page = Paginator(officers, OFFICERS_PAGE_SIZE).get_page(request.GET.get("page"))
    for officer in selection:
        officer.refusal = refusals.get(officer.pk, "")
    return render(
        request,
        "nominations/nominate.html",
        {
            "programme": programme,
            "page": page,
            "form": form,
            "query": query,
            "selection": selection,
            "selection_ids": {officer.pk for officer in selection},
            "selection_error": selection_error,
            "batch_error": batch_error,
        },
    )


def _import_rows(request, programme, rows):
    """Import the checked rows if the HOD's confirmation still matches them; the redirect
    after an import, or None to show the preview again."""
    good = [row for row in rows if row.ok]
    mode = request.POST.get("import")
    if request.POST.get("fingerprint") != bulk.fingerprint(rows):
        messages.error(
            request,
            _(
                "The rows changed since you checked the file (an officer may have been "
                "nominated meanwhile). Nothing was imported: review the preview again."
            ),
        )
        return None
    if not good:
        messages.error(request, _("No row can be imported."))
        return None
    if len(good) < len(rows) and mode != IMPORT_VALID:
        messages.error(
            request, _("Some rows have errors: fix the file, or import only the valid rows.")
        )
        return None
    try:
        created = services.nominate_many(
            programme=programme,
            entries=[(row.officer, row.note) for row in good],
            actor=request.user,
        )
    except services.NominationError as error:
        messages.error(request, _("Nothing was imported. %(error)s") % {"error": error})
        return None
    request.session.pop(SESSION_KEY.format(programme.pk), None)
    messages.success(
        request,
        ngettext("%(n)d nomination imported.", "%(n)d nominations imported.", len(created))
        % {"n": len(created)},
    )
    return redirect("nominations:department")


@hod_required
def upload(request, programme_id):
    """Bulk nominations: upload -> preview with row errors -> confirm all rows (every row
    valid) or only the valid rows. The parsed rows wait in the session, never in the form,
    and are checked again on confirmation; the import is one transaction."""
    programme = _open_programme(request, programme_id)
    key = SESSION_KEY.format(programme.pk)
    form = UploadForm()
    stored = None
    if request.method == "POST" and request.POST.get("import") in (IMPORT_ALL, IMPORT_VALID):
        stored = request.session.get(key)
        if stored is None:
            messages.error(request, _("Upload the file again: its checked rows have expired."))
    elif request.method == "POST":
        request.session.pop(key, None)  # a new upload replaces the previous preview
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload_file = form.cleaned_data["file"]
            try:
                parsed = bulk.parse(upload_file)
            except bulk.BulkFileError as error:
                form.add_error("file", str(error))
            else:
                stored = {"name": upload_file.name[:100], "rows": parsed}
                request.session[key] = stored
                form = UploadForm()
    else:
        request.session.pop(key, None)
    context = {"programme": programme, "form": form, "rows": None}
    if stored is not None:
        rows = bulk.check_rows(
            programme=programme, department_id=request.user.department_id, rows=stored["rows"]
        )
        if request.POST.get("import") in (IMPORT_ALL, IMPORT_VALID):
            response = _import_rows(request, programme, rows)
            if response is not None:
                return response
        good = sum(1 for row in rows if row.ok)
        context.update(
            rows=rows,
            good=good,
            bad=len(rows) - good,
            file_name=stored["name"],
            fingerprint=bulk.fingerprint(rows),
        )
    return render(request, "nominations/upload.html", context)


@hod_required
def department(request):
    department_id = request.user.department_id
    programme_id = request.GET.get("programme", "")
    filters = {
        "programme_id": int(programme_id) if programme_id.isdigit() else None,
        "state": request.GET.get("state", ""),
        "query": request.GET.get("q", "").strip()[:100],
    }
    nominations = selectors.department_nominations(department_id=department_id, **filters)
    if request.GET.get("format") == "csv":
        return csv_response(
            filename="nominations.csv",
            header=[
                _("Programme code"),
                _("Programme"),
                _("Starts"),
                _("Ends"),
                _("Employee code"),
                _("Officer"),
                _("Designation"),
                _("State"),
                _("Nominated"),
                _("Note"),
                _("Reason"),
            ],
            rows=(
                [
                    n.programme.code,
                    n.programme.title,
                    f"{n.programme.starts_on:%d/%m/%Y}",
                    f"{n.programme.ends_on:%d/%m/%Y}",
                    n.officer.employee_code,
                    n.officer.get_full_name() or n.officer.username,
                    n.officer.designation,
                    n.get_state_display(),
                    f"{n.created_at:%d/%m/%Y}",
                    n.note,
                    n.reason,
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
            "programmes": selectors.department_programmes(department_id=department_id),
            "withdrawable": WITHDRAWABLE,
            "substitutable": selectors.SUBSTITUTABLE_STATES,
        },
    )


@hod_required
def withdraw(request, nomination_id):
    nomination = _department_nomination(request, nomination_id)
    if nomination.state not in WITHDRAWABLE:
        messages.error(
            request,
            _("A nomination that is %(state)s cannot be withdrawn.")
            % {"state": nomination.get_state_display().lower()},
        )
        return redirect("nominations:department")
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
    if nomination.state not in selectors.SUBSTITUTABLE_STATES:
        messages.error(request, _("Only an approved or confirmed nomination can be substituted."))
        return redirect("nominations:department")
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
    """One table of the officer's nominations: each row its state and, once approved, the
    officer's answer (Confirm / Decline, or what they answered and when)."""
    nominations = list(selectors.nominations_of(officer=request.user))
    return render(
        request,
        "nominations/mine.html",
        {"nominations": nominations, "today": timezone.localdate()},
    )


@login_required
def respond(request, nomination_id):
    """Confirm or decline one's own approved nomination (POST); declining asks first."""
    nomination = get_object_or_404(
        Nomination.objects.select_related("programme"), pk=nomination_id, officer=request.user
    )
    if request.method != "POST":
        return redirect("nominations:mine")
    answer = request.POST.get("answer")
    if answer not in ("confirm", "decline"):
        raise Http404
    accept = answer == "confirm"
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


@login_required
def ask_to_withdraw(request, nomination_id):
    """A confirmed officer asks their HOD to withdraw them, with a reason (a form first,
    then the request)."""
    nomination = get_object_or_404(
        Nomination.objects.select_related("programme"), pk=nomination_id, officer=request.user
    )
    form = WithdrawalRequestForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.ask_to_withdraw(
                nomination=nomination, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except services.NominationError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Your HOD has been asked to withdraw you. You stay confirmed until then."),
            )
        return redirect("nominations:mine")
    return render(
        request, "nominations/ask_to_withdraw.html", {"nomination": nomination, "form": form}
    )
