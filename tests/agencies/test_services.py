from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from gongkai.agencies.models import Agency, Membership
from gongkai.agencies.services import (
    agency_create,
    agency_update,
    membership_grant,
    membership_revoke,
)
from gongkai.audit.models import AuditEntry
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_admin_updates_contact_block_and_it_is_audited(tree, member):
    admin = member(tree["a"], "admin")
    agency_update(acting_user=admin, agency=tree["a"], phone="0955-7654321")
    tree["a"].refresh_from_db()
    assert tree["a"].phone == "0955-7654321"
    entry = AuditEntry.objects.get(action="agency.update")
    assert entry.before == {"phone": "0955-1234567"}
    assert entry.after == {"phone": "0955-7654321"}
    assert entry.actor == admin and entry.agency_id == tree["a"].pk


def test_agency_admin_cannot_move_agency(tree, member):
    admin = member(tree["a"], "admin")
    with pytest.raises(PermissionDenied):
        agency_update(acting_user=admin, agency=tree["a"], parent=tree["other"])
    assert Agency.objects.get(pk=tree["a"].pk).parent_id == tree["gov"].pk
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("role", ["clerk", "reviewer", "head", "supervisor"])
def test_non_admins_cannot_update(tree, member, role):
    user = member(tree["a"], role)
    with pytest.raises(PermissionDenied):
        agency_update(acting_user=user, agency=tree["a"], phone="1")


def test_invalid_values_change_nothing(tree, member):
    admin = member(tree["a"], "admin")
    with pytest.raises(ValidationError):
        agency_update(acting_user=admin, agency=tree["a"], postcode="12")
    assert Agency.objects.get(pk=tree["a"].pk).postcode == "755000"
    assert not AuditEntry.objects.exists()


def test_cycle_refused(tree):
    root = UserFactory(is_superuser=True)
    with pytest.raises(ValidationError):
        agency_update(acting_user=root, agency=tree["gov"], parent=tree["sub_a"])


def test_create_under_parent_by_parent_admin(tree, member):
    admin = member(tree["gov"], "admin")
    agency = agency_create(
        acting_user=admin,
        name="甲市新局",
        kind="department",
        level="municipal",
        parent=tree["gov"],
    )
    assert agency.parent == tree["gov"]
    with pytest.raises(PermissionDenied):
        agency_create(
            acting_user=admin,
            name="乙市新局",
            kind="department",
            level="municipal",
            parent=tree["other"],
        )


def test_membership_grant_is_idempotent_and_revocable(tree, member):
    admin = member(tree["a"], "admin")
    user = UserFactory()
    m1 = membership_grant(acting_user=admin, user=user, agency=tree["a"], role="clerk")
    m2 = membership_grant(acting_user=admin, user=user, agency=tree["a"], role="clerk")
    assert m1 == m2
    assert user.groups.filter(name="机关工作人员").exists()
    assert AuditEntry.objects.filter(action="membership.grant").count() == 1
    membership_revoke(acting_user=admin, membership=m1)
    assert not Membership.objects.filter(user=user).exists()
    with pytest.raises(PermissionDenied):
        membership_grant(acting_user=admin, user=user, agency=tree["b"], role="clerk")
