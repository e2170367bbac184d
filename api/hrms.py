"""A departmental HRMS pushing officers through the API: one row, or a batch of rows each
checked and applied on its own (``services.upsert_officer`` does the write). The view
(``views.OfficerView``) answers with the body and status ``push`` returns."""

from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import ValidationError

from . import selectors, services
from . import serializers as api

MAX_PUSH_ROWS = 500
OUTCOMES = ("created", "updated", "unchanged", "error")


def push(data, *, actor) -> tuple[dict, int]:
    """One officer (an object) or a batch (a list): the response body and its status."""
    if isinstance(data, list):
        if len(data) > MAX_PUSH_ROWS:
            raise ValidationError(
                {"detail": _("Push at most %(n)d officers at once.") % {"n": MAX_PUSH_ROWS}}
            )
        report = push_batch(data, actor=actor)
        return api.OfficerPushReportSerializer(report).data, status.HTTP_200_OK
    serializer = api.OfficerPushSerializer(data=data)
    serializer.is_valid(raise_exception=True)
    try:
        officer, outcome = services.upsert_officer(data=serializer.validated_data, actor=actor)
    except services.OfficerSyncError as error:
        return (
            {"detail": str(error), "errors": error.errors},
            status.HTTP_403_FORBIDDEN if error.forbidden else status.HTTP_400_BAD_REQUEST,
        )
    officer = selectors.officer_by_code(code=officer.employee_code)
    body = api.OfficerPushOutcomeSerializer({"outcome": outcome, "officer": officer}).data
    created = outcome == services.CREATED
    return body, status.HTTP_201_CREATED if created else status.HTTP_200_OK


def push_batch(rows: list, *, actor) -> dict:
    """Apply every row of a batch (at most MAX_PUSH_ROWS, checked by the caller) and report
    the counts and each row's result, as ``api.OfficerPushReportSerializer`` reads it."""
    results = [push_row(index, row, actor=actor) for index, row in enumerate(rows)]
    counts = dict.fromkeys(OUTCOMES, 0)
    for result in results:
        counts[result["outcome"]] += 1
    return {
        "created": counts["created"],
        "updated": counts["updated"],
        "unchanged": counts["unchanged"],
        "failed": counts["error"],
        "results": results,
    }


def push_row(index: int, row, *, actor) -> dict:
    """One row of a batch: validated, then created or updated; a refused row is reported with
    its messages (by field) and the status it would have had on its own."""
    code = row.get("employee_code") if isinstance(row, dict) else None
    result = {
        "index": index,
        "employee_code": code if isinstance(code, str) else None,
        "outcome": "error",
        "status": status.HTTP_400_BAD_REQUEST,
        "id": None,
        "detail": "",
        "errors": {},
    }
    if not isinstance(row, dict):
        result["detail"] = _("Each row must be an object.")
        return result
    serializer = api.OfficerPushSerializer(data=row)
    if not serializer.is_valid():
        result["detail"] = _("The row does not pass validation.")
        result["errors"] = {
            field: " ".join(str(m) for m in messages)
            for field, messages in serializer.errors.items()
        }
        return result
    try:
        officer, outcome = services.upsert_officer(data=serializer.validated_data, actor=actor)
    except services.OfficerSyncError as error:
        result.update(
            detail=str(error),
            errors=error.errors,
            status=status.HTTP_403_FORBIDDEN if error.forbidden else 400,
        )
        return result
    result.update(
        outcome=outcome,
        id=officer.pk,
        status=status.HTTP_201_CREATED if outcome == "created" else status.HTTP_200_OK,
    )
    return result
