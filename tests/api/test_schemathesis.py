"""Property-based tests of every operation in the OpenAPI schema (Schemathesis), loaded
from the WSGI application itself: a bounded number of generated requests per operation,
valid and invalid, as a cell administrator (token) and as an anonymous caller; none may
end in a server error (5xx)."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error, response_schema_conformance
from schemathesis.config import SchemathesisConfig

pytestmark = pytest.mark.django_db

CONFIG = {
    "generation": {"mode": "all", "max-examples": 10},
    # Examples and fuzzing; the coverage phase's exhaustive boundary values would multiply
    # the run time, and stateful runs need links the schema does not declare.
    "phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}},
}


# Loaded once, at collection, through the WSGI application (as /api/schema/ serves it; no
# database access is needed to build it).
schema = schemathesis.openapi.from_wsgi(
    "/api/schema/", get_wsgi_application(), config=SchemathesisConfig.from_dict(CONFIG)
)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Requests through the real WSGI handler close the database connection when they end
    (``close_old_connections``); Django's test client disconnects that, and so must a test
    that calls the WSGI application directly, or the test's transaction is lost."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def cell_token(cell_admin):
    return {"Authorization": f"Token {Token.objects.get_or_create(user=cell_admin)[0].key}"}


BOUNDED = settings(
    max_examples=10,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
    database=None,
)


@schema.parametrize()
@BOUNDED
def test_no_server_errors_as_cell_admin(case, world, cell_token):
    case.call_and_validate(
        headers=cell_token, checks=[not_a_server_error, response_schema_conformance]
    )


@schema.parametrize()
@BOUNDED
def test_no_server_errors_anonymous(case, world):
    case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])
