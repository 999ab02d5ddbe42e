from __future__ import annotations

import datetime
from typing import Any

from django.db.models import QuerySet

from gongkai.agencies.permissions import Perm
from gongkai.agencies.selectors import agency_ids_for_user

from .models import AuditEntry


def audit_entry_list_for_user(
    *,
    user: Any,
    agency_id: int | None = None,
    action: str = "",
    actor: str = "",
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> QuerySet[AuditEntry]:
    """Audit entries of the agencies where ``user`` may read the trail, filtered."""
    visible = agency_ids_for_user(user=user, perm=Perm.AUDIT)
    qs = AuditEntry.objects.filter(agency_id__in=visible)
    if user.is_superuser:
        qs = AuditEntry.objects.all()
    if agency_id is not None:
        qs = qs.filter(agency_id=agency_id)
    if action:
        qs = qs.filter(action__startswith=action)
    if actor:
        qs = qs.filter(actor_name__icontains=actor)
    if since:
        qs = qs.filter(created_at__date__gte=since)
    if until:
        qs = qs.filter(created_at__date__lte=until)
    return qs.select_related("agency")
