"""Errors as JSON: the services' domain errors become 400 with their message, so that an
API client reads the same rule the HTML pages show as a message."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from certificates.services import CertificateError
from courses.services import CourseError
from lms.accounts.services import AccountError
from nominations.services import NominationBatchError, NominationError

from .services import OfficerSyncError

DOMAIN_ERRORS = (NominationError, CourseError, CertificateError, AccountError, OfficerSyncError)


def exception_handler(exc, context):
    if isinstance(exc, NominationBatchError):
        return Response(
            {
                "detail": str(exc),
                "errors": [
                    {"officer": getattr(officer, "pk", None), "detail": message}
                    for officer, message in exc.errors
                ],
            },
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, DOMAIN_ERRORS):
        return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        return Response(detail, status=status.HTTP_400_BAD_REQUEST)
    return drf_exception_handler(exc, context)
