"""Ralph for the xAPI tests: one store per test process (session-scoped), started and
stopped here; tests that use it are marked ``xapi`` (skipped with the reason when Ralph is
not installed, a failure under CI=true: tests/conftest.py)."""

import pytest

from .ralph import PASSWORD, USERNAME, Ralph, missing_reason

HOMEPAGE = "https://hrms.example.gov.in"


@pytest.fixture(scope="session")
def ralph_server():
    reason = missing_reason()
    if reason:  # the xapi marker has already failed (CI) or skipped the test
        pytest.skip(reason)
    server = Ralph()
    server.start()
    yield server
    server.close()


@pytest.fixture(autouse=True)
def scorm_root(settings, tmp_path):
    """SCORM packages of the tests unpack into a directory of the test's own."""
    settings.SCORM_ROOT = tmp_path / "scorm"


@pytest.fixture
def xapi_settings(settings):
    """xAPI on, pointed at an address where nothing listens (for tests without a store)."""
    settings.XAPI_ENDPOINT = "http://127.0.0.1:9/xAPI/"
    settings.XAPI_USERNAME = USERNAME
    settings.XAPI_PASSWORD = PASSWORD
    settings.XAPI_HOMEPAGE = HOMEPAGE
    settings.XAPI_ACTOR_BY_EMAIL = False
    settings.XAPI_TIMEOUT = 5
    return settings


@pytest.fixture
def ralph(ralph_server, xapi_settings):
    """Ralph running (a test before may have stopped it), and the platform pointed at it."""
    ralph_server.start()
    xapi_settings.XAPI_ENDPOINT = ralph_server.endpoint
    return ralph_server


@pytest.fixture
def events(django_capture_on_commit_callbacks):
    """``with events(): ...``: what the block does commits (the test's transaction stands
    in), so signals sent after commit, statements' sends and the tasks they queue all run."""

    def block():
        return django_capture_on_commit_callbacks(execute=True)

    return block
