import pytest

from tests.factories import build_course


@pytest.fixture
def course(db):
    return build_course(modules=1, lessons_per_module=1, title="Right to Service")


@pytest.fixture
def other_course(db):
    return build_course(modules=1, lessons_per_module=1, title="Grievance redress")
