import pytest

from tests.factories import UserFactory


@pytest.fixture
def sysadmin(db):
    """A system administrator (superuser), the only one who edits the calendar."""
    return UserFactory(username="sysadmin", is_superuser=True)
