"""What each role may do in its agency. One table, read by the gatekeeper selectors."""

from __future__ import annotations

from enum import StrEnum

from .models import Role


class Perm(StrEnum):
    VIEW = "view"  # see the agency's records
    HANDLE = "handle"  # register and handle cases, draft content and reports
    REVIEW = "review"  # review publications and replies (审核)
    APPROVE = "approve"  # approve extensions, replies and reports (负责人)
    MANAGE = "manage"  # edit the agency's settings and its staff
    AUDIT = "audit"  # read the audit trail


ROLE_PERMS: dict[str, frozenset[Perm]] = {
    Role.CLERK: frozenset({Perm.VIEW, Perm.HANDLE}),
    Role.REVIEWER: frozenset({Perm.VIEW, Perm.REVIEW}),
    Role.HEAD: frozenset(
        {Perm.VIEW, Perm.HANDLE, Perm.REVIEW, Perm.APPROVE, Perm.AUDIT}
    ),
    Role.ADMIN: frozenset({Perm.VIEW, Perm.MANAGE, Perm.AUDIT}),
    # A supervisor (监督人) reads its own agency and every agency below it, and changes nothing.
    Role.SUPERVISOR: frozenset({Perm.VIEW, Perm.AUDIT}),
}

# Roles whose permissions extend from their agency to all its descendants.
DESCENDING_ROLES = frozenset({Role.SUPERVISOR})
