import pytest

from gongkai.agencies.permissions import Perm
from gongkai.agencies.selectors import agency_descendant_ids, agency_ids_for_user

pytestmark = pytest.mark.django_db

ALL = {"gov", "a", "b", "sub_a", "other"}

# role, member of, perm -> agencies reached
CASES = [
    ("clerk", "a", Perm.VIEW, {"a"}),
    ("clerk", "a", Perm.HANDLE, {"a"}),
    ("clerk", "a", Perm.MANAGE, set()),
    ("clerk", "a", Perm.APPROVE, set()),
    ("reviewer", "a", Perm.REVIEW, {"a"}),
    ("reviewer", "a", Perm.HANDLE, set()),
    ("head", "a", Perm.APPROVE, {"a"}),
    ("head", "a", Perm.AUDIT, {"a"}),
    ("admin", "a", Perm.MANAGE, {"a"}),
    ("admin", "a", Perm.HANDLE, set()),
    ("supervisor", "gov", Perm.VIEW, {"gov", "a", "b", "sub_a"}),
    ("supervisor", "gov", Perm.AUDIT, {"gov", "a", "b", "sub_a"}),
    ("supervisor", "gov", Perm.HANDLE, set()),
    ("supervisor", "gov", Perm.MANAGE, set()),
    ("supervisor", "a", Perm.VIEW, {"a", "sub_a"}),
]


@pytest.mark.parametrize(("role", "where", "perm", "expected"), CASES)
def test_role_scope(tree, member, role, where, perm, expected):
    user = member(tree[where], role)
    ids = agency_ids_for_user(user=user, perm=perm)
    assert ids == {tree[k].pk for k in expected}
    assert not ids & {tree[k].pk for k in ALL - expected}


def test_descendants(tree):
    assert agency_descendant_ids(agency_ids=[tree["gov"].pk]) == {
        tree[k].pk for k in ("gov", "a", "b", "sub_a")
    }


def test_inactive_and_anonymous_see_nothing(tree, member):
    from django.contrib.auth.models import AnonymousUser

    user = member(tree["a"], "head")
    user.is_active = False
    assert agency_ids_for_user(user=user, perm=Perm.VIEW) == frozenset()
    assert agency_ids_for_user(user=AnonymousUser(), perm=Perm.VIEW) == frozenset()


def test_report_deadline_defaults_and_override(tree):
    import datetime

    assert tree["a"].statutory_report_deadline(2023) == datetime.date(2024, 1, 31)
    assert tree["gov"].statutory_report_deadline(2023) == datetime.date(2024, 3, 31)
    tree["a"].report_deadline_month, tree["a"].report_deadline_day = 1, 20
    assert tree["a"].statutory_report_deadline(2023) == datetime.date(2024, 1, 20)
