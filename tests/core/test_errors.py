"""Every app's domain error has one base, which the API maps to 400 once."""

import pytest

from api.exceptions import exception_handler
from api.services import OfficerSyncError
from assessments.question_import import ImportFileError
from assessments.services import AssessmentError
from certificates.services import CertificateError, CertificateRevoked
from courses.services import CourseError
from lms.accounts.services import AccountError
from lms.core.errors import DomainError
from lms.core.spreadsheets import SpreadsheetError
from nominations.bulk import BulkFileError
from nominations.services import NominationBatchError, NominationError
from reports.services import ReportError
from simulator.services import SimulatorError

ERRORS = [
    OfficerSyncError("x"),
    ImportFileError("x"),
    AssessmentError("x"),
    CertificateError("x"),
    CourseError("x"),
    AccountError("x"),
    SpreadsheetError("empty", "x"),
    BulkFileError("x"),
    NominationError("x"),
    ReportError("x"),
    SimulatorError("x"),
]


@pytest.mark.parametrize("error", ERRORS, ids=lambda e: type(e).__name__)
def test_every_domain_error_is_a_400_with_its_message(error):
    assert isinstance(error, DomainError)
    response = exception_handler(error, {})
    assert (response.status_code, response.data) == (400, {"detail": "x"})


def test_a_refused_batch_names_each_officer():
    class Officer:
        pk = 7

        def __str__(self):
            return "Asha"

    response = exception_handler(NominationBatchError([(Officer(), "No seats.")]), {})
    assert response.data == {
        "detail": "Asha: No seats.",
        "errors": [{"officer": 7, "detail": "No seats."}],
    }
    assert issubclass(CertificateRevoked, DomainError)


def test_other_exceptions_are_left_to_the_framework():
    assert exception_handler(ValueError("x"), {}) is None
