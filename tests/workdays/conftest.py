import pytest

from gongkai.workdays.packaged import package_calendar


@pytest.fixture(scope="session")
def cal():
    """The State Council schedules 2004–2026 as shipped in ``chinesecalendar``."""
    return package_calendar()
