"""The programme tests share the nomination tests' fixtures (a programme's roll is made of
nominations)."""

from tests.nominations.conftest import *  # noqa: F403
