import pytest

from lms.core.roles import Role
from tests.factories import make_user


@pytest.fixture
def staff(department, other_department, hod, other_hod):
    """Officers in two departments, one of them retired (inactive)."""
    return {
        "ours": [
            make_user(Role.TRAINEE, department=department, first_name=f"Ours{n}", last_name="Rev")
            for n in range(3)
        ],
        "theirs": [
            make_user(
                Role.TRAINEE, department=other_department, first_name=f"Theirs{n}", last_name="Hlt"
            )
            for n in range(2)
        ],
        "retired": make_user(
            Role.TRAINEE, department=department, first_name="Retired", is_active=False
        ),
    }
