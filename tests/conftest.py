from __future__ import annotations

import pytest

from tests.factories import AgencyFactory, MembershipFactory, UserFactory


@pytest.fixture
def tree(db):
    """A government with two departments and a sub-unit under the first, and a
    second, unrelated government."""
    gov = AgencyFactory(government=True, name="甲市人民政府")
    dept_a = AgencyFactory(name="甲市司法局", parent=gov)
    dept_b = AgencyFactory(name="甲市民政局", parent=gov)
    sub_a = AgencyFactory(name="甲市司法局公证处", parent=dept_a, kind="subunit")
    other_gov = AgencyFactory(government=True, name="乙市人民政府")
    return {"gov": gov, "a": dept_a, "b": dept_b, "sub_a": sub_a, "other": other_gov}


@pytest.fixture
def member():
    """member(agency, role) -> a user holding that role in that agency."""

    def make(agency, role="clerk", username=None):
        kwargs = {"username": username} if username else {}
        return MembershipFactory(
            agency=agency, role=role, user=UserFactory(**kwargs)
        ).user

    return make


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The cache outlives a test's rolled-back database; every test starts empty."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """A request in English leaves English active in the thread (the locale
    middleware does not reset it): every test starts in the default language."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
