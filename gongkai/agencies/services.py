"""Writes about agencies and their staff. Each runs in a transaction and is audited."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.audit.services import audit_record, audit_snapshot

from .models import Agency, Membership
from .permissions import Perm
from .selectors import agency_ids_for_user, user_has_agency_perm

STAFF_GROUP_NAME = "机关工作人员"

# Fields an agency's own administrator may change; the tree, kind and level are set by
# a system administrator.
AGENCY_SELF_SERVICE_FIELDS = (
    "short_name",
    "office_name",
    "address",
    "postcode",
    "phone",
    "fax",
    "email",
    "office_hours",
    "website",
    "index_number_template",
    "report_deadline_month",
    "report_deadline_day",
)


def staff_group() -> Group:
    """The group that lets staff into the back office (Wagtail's admin)."""
    group, _created = Group.objects.get_or_create(name=STAFF_GROUP_NAME)
    perm = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    group.permissions.add(perm)
    return group


def _check_parent(agency: Agency | None, parent: Agency | None) -> None:
    node = parent
    while node is not None:
        if agency is not None and node.pk == agency.pk:
            raise ValidationError(
                _("An agency cannot be placed under itself or its own sub-units.")
            )
        node = node.parent


@transaction.atomic
def agency_create(*, acting_user: Any, **fields: Any) -> Agency:
    """Create an agency (system administrators, or an admin of the parent agency)."""
    parent = fields.get("parent")
    if not acting_user.is_superuser and (
        parent is None
        or not user_has_agency_perm(user=acting_user, agency=parent, perm=Perm.MANAGE)
    ):
        raise PermissionDenied(_("You may not create agencies here."))
    _check_parent(None, parent)
    agency = Agency(**fields)
    agency.full_clean()
    agency.save()
    audit_record(
        actor=acting_user,
        action="agency.create",
        agency=agency,
        target=agency,
        after=audit_snapshot(agency),
    )
    return agency


@transaction.atomic
def agency_update(*, acting_user: Any, agency: Agency, **changes: Any) -> Agency:
    """Change an agency's settings.

    An agency administrator may change the contact block, the index-number template and
    the report deadline of its own agency; only system administrators move agencies in
    the tree or change their kind and level.
    """
    if not user_has_agency_perm(user=acting_user, agency=agency, perm=Perm.MANAGE):
        raise PermissionDenied(_("You may not change this agency."))
    if not acting_user.is_superuser:
        forbidden = set(changes) - set(AGENCY_SELF_SERVICE_FIELDS)
        if forbidden:
            raise PermissionDenied(
                _("Only a system administrator may change: %(fields)s")
                % {"fields": ", ".join(sorted(forbidden))}
            )
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    before = audit_snapshot(agency, changes.keys())
    for name, value in changes.items():
        setattr(agency, name, value)
    if "parent" in changes:
        _check_parent(agency, changes["parent"])
    agency.full_clean()
    agency.save()
    audit_record(
        actor=acting_user,
        action="agency.update",
        agency=agency,
        target=agency,
        before=before,
        after=audit_snapshot(agency, changes.keys()),
    )
    return agency


@transaction.atomic
def membership_grant(
    *, acting_user: Any, user: Any, agency: Agency, role: str
) -> Membership:
    """Give ``user`` a role in ``agency`` and access to the back office. Idempotent."""
    if not user_has_agency_perm(user=acting_user, agency=agency, perm=Perm.MANAGE):
        raise PermissionDenied(_("You may not manage the staff of this agency."))
    membership, created = Membership.objects.get_or_create(
        user=user, agency=agency, role=role
    )
    user.groups.add(staff_group())
    if created:
        audit_record(
            actor=acting_user,
            action="membership.grant",
            agency=agency,
            target=membership,
            after={"user": user.get_username(), "role": role},
        )
    _forget_cached_perms(user)
    return membership


@transaction.atomic
def membership_revoke(*, acting_user: Any, membership: Membership) -> None:
    if not user_has_agency_perm(
        user=acting_user, agency=membership.agency, perm=Perm.MANAGE
    ):
        raise PermissionDenied(_("You may not manage the staff of this agency."))
    audit_record(
        actor=acting_user,
        action="membership.revoke",
        agency=membership.agency,
        target=membership,
        before={"user": membership.user.get_username(), "role": membership.role},
    )
    user = membership.user
    membership.delete()
    _forget_cached_perms(user)


def _forget_cached_perms(user: Any) -> None:
    if hasattr(user, "_gongkai_agency_perm_cache"):
        del user._gongkai_agency_perm_cache


__all__ = [
    "agency_create",
    "agency_update",
    "membership_grant",
    "membership_revoke",
    "agency_ids_for_user",
]
