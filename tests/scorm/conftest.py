import pytest


@pytest.fixture(autouse=True)
def scorm_root(settings, tmp_path):
    """Packages unpack into a directory of the test's own."""
    settings.SCORM_ROOT = tmp_path / "scorm"
    return settings.SCORM_ROOT
