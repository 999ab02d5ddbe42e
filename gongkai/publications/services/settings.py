"""Local practice an agency administrator may change (validity, reminders, windows,
how to pay the information processing fee)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import Perm
from gongkai.agencies.selectors import user_has_agency_perm
from gongkai.audit.services import audit_record, audit_snapshot

from ..models import DisclosureSettings

FIELDS = (
    "normative_validity_years",
    "trial_validity_years",
    "expiry_reminder_months",
    "consultation_days",
    "fee_payment_instructions",
)


@transaction.atomic
def disclosure_settings_update(
    *, acting_user: Any, agency: Agency, **changes: Any
) -> DisclosureSettings:
    """Change the agency's local settings. Permission: Perm.MANAGE on the agency."""
    if not user_has_agency_perm(user=acting_user, agency=agency, perm=Perm.MANAGE):
        raise PermissionDenied(_("You may not change this agency's settings."))
    settings, _created = DisclosureSettings.objects.select_for_update().get_or_create(
        agency=agency
    )
    before = audit_snapshot(settings, FIELDS)
    for name in FIELDS:
        if name in changes:
            value = changes[name]
            setattr(settings, name, value.strip() if isinstance(value, str) else value)
    settings.full_clean()
    settings.save()
    audit_record(
        actor=acting_user,
        action="publications.settings_update",
        agency=agency,
        target=settings,
        before=before,
        after=audit_snapshot(settings, FIELDS),
    )
    return settings
