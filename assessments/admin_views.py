"""Wagtail admin views of the assessments app: importing questions from a file."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.permission_policies import ModelPermissionPolicy

from . import question_import, services
from .forms import QuestionImportForm
from .models import Question, QuestionBank
from .services import AssessmentError

SESSION_KEY = "assessments.question_import"


def import_questions(request):
    """Upload -> preview (every row checked, nothing written) -> confirm -> import all rows
    in one transaction. The rows wait in the session between the preview and the import;
    the confirmation must carry the preview's fingerprint."""
    if not ModelPermissionPolicy(Question).user_has_permission(request.user, "add"):
        raise PermissionDenied
    if request.method == "POST" and "import" in request.POST:
        return _confirm(request)
    form = QuestionImportForm(request.POST or None, request.FILES or None)
    context = {"form": form, "rows": None}
    if request.method == "POST" and form.is_valid():
        bank, upload = form.cleaned_data["bank"], form.cleaned_data["file"]
        try:
            rows = question_import.read_rows(upload)
        except question_import.ImportFileError as error:
            form.add_error("file", str(error))
        else:
            checked = question_import.check_rows(bank=bank, rows=rows)
            stamp = question_import.fingerprint(rows)
            request.session[SESSION_KEY] = {"bank": bank.pk, "rows": rows, "fingerprint": stamp}
            bad = sum(1 for row in checked if not row.ok)
            context.update(
                rows=checked,
                bank=bank,
                file_name=upload.name,
                fingerprint=stamp,
                good=len(checked) - bad,
                bad=bad,
            )
    return TemplateResponse(request, "assessments/question_import.html", context)


def _confirm(request):
    stored = request.session.get(SESSION_KEY) or {}
    bank = QuestionBank.objects.filter(pk=stored.get("bank")).first()
    if not bank or request.POST.get("fingerprint") != stored.get("fingerprint"):
        messages.error(request, _("The preview has expired: upload the file again."))
        return redirect("assessments_import_questions")
    try:
        created = services.import_questions(bank=bank, rows=stored["rows"], actor=request.user)
    except AssessmentError as error:
        messages.error(request, _("Nothing was imported. %(error)s") % {"error": error})
        return redirect("assessments_import_questions")
    del request.session[SESSION_KEY]
    messages.success(
        request,
        ngettext(
            "%(n)d question imported into %(bank)s.",
            "%(n)d questions imported into %(bank)s.",
            len(created),
        )
        % {"n": len(created), "bank": bank.name},
    )
    return redirect(f"{reverse('questions:index')}?bank={bank.pk}")
