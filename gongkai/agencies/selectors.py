"""Gatekeeper selectors: every staff query about an agency's records is scoped here.

A clerk of one agency never sees another agency's records; a supervisor sees its own
agency and all agencies below it, read-only. Views and services ask these functions,
never ``Membership`` directly.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from .models import Agency, Membership
from .permissions import DESCENDING_ROLES, ROLE_PERMS, Perm


def agency_descendant_ids(*, agency_ids: Iterable[int]) -> set[int]:
    """The given agencies and every agency below them (one query per tree level)."""
    found: set[int] = set(agency_ids)
    frontier = set(found)
    while frontier:
        children = set(
            Agency.objects.filter(parent_id__in=frontier).values_list("id", flat=True)
        )
        frontier = children - found
        found |= frontier
    return found


def agency_ancestor_ids(*, agency: Agency) -> list[int]:
    """The agency's ancestors, nearest first."""
    ids: list[int] = []
    parent_id = agency.parent_id
    while parent_id is not None and parent_id not in ids:
        ids.append(parent_id)
        parent_id = (
            Agency.objects.filter(pk=parent_id)
            .values_list("parent_id", flat=True)
            .first()
        )
    return ids


def _cache(user: Any) -> dict[Perm, frozenset[int]]:
    cache = getattr(user, "_gongkai_agency_perm_cache", None)
    if cache is None:
        cache = {}
        user._gongkai_agency_perm_cache = cache
    return cache


def agency_ids_for_user(*, user: Any, perm: Perm = Perm.VIEW) -> frozenset[int]:
    """Ids of the agencies in which ``user`` holds ``perm``. Superusers hold every one."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cache = _cache(user)
    if perm in cache:
        return cache[perm]
    if user.is_superuser:
        ids = frozenset(Agency.objects.values_list("id", flat=True))
    else:
        direct: set[int] = set()
        descending: set[int] = set()
        for agency_id, role in Membership.objects.filter(user=user).values_list(
            "agency_id", "role"
        ):
            if perm in ROLE_PERMS.get(role, frozenset()):
                (descending if role in DESCENDING_ROLES else direct).add(agency_id)
        ids = frozenset(
            direct
            | (agency_descendant_ids(agency_ids=descending) if descending else set())
        )
    cache[perm] = ids
    return ids


def agency_list_for_user(*, user: Any, perm: Perm = Perm.VIEW) -> QuerySet[Agency]:
    """The agencies ``user`` may act on with ``perm``."""
    return Agency.objects.filter(id__in=agency_ids_for_user(user=user, perm=perm))


def user_has_agency_perm(*, user: Any, agency: Agency | int, perm: Perm) -> bool:
    agency_id = agency if isinstance(agency, int) else agency.pk
    return agency_id in agency_ids_for_user(user=user, perm=perm)


def agency_get_for_user(*, user: Any, agency_id: int, perm: Perm = Perm.VIEW) -> Agency:
    """One agency, if ``user`` may act on it with ``perm``.

    Raises ``Http404`` when the user may not even see the agency (its existence is
    not disclosed) and ``PermissionDenied`` when it may see but not act.
    """
    if agency_id not in agency_ids_for_user(user=user, perm=Perm.VIEW):
        raise Http404
    if agency_id not in agency_ids_for_user(user=user, perm=perm):
        raise PermissionDenied
    return Agency.objects.get(pk=agency_id)


def scope_queryset_for_user(
    queryset: QuerySet[Any],
    *,
    user: Any,
    perm: Perm = Perm.VIEW,
    agency_field: str = "agency",
) -> QuerySet[Any]:
    """Restrict any queryset of agency-owned records to what ``user`` may act on."""
    return queryset.filter(
        **{f"{agency_field}_id__in": agency_ids_for_user(user=user, perm=perm)}
    )


def membership_list_for_agency(*, agency: Agency) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(agency=agency)
        .select_related("user")
        .order_by("role", "user__username")
    )
