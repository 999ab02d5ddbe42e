"""Appeals about disclosure: reconsideration and litigation (table 4)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import Perm
from gongkai.agencies.selectors import user_has_agency_perm
from gongkai.audit.services import audit_record, audit_snapshot

from ..choices import AppealKind, AppealResult, EventKind
from ..models import Appeal, Application, CaseEvent
from ..transitions import CaseActionRefused
from ._common import actor_name, check_date

APPEAL_FIELDS = ("kind", "application_id", "filed_on", "decided_on", "result")


def _require_handle(acting_user: Any, agency_id: int) -> None:
    if not user_has_agency_perm(user=acting_user, agency=agency_id, perm=Perm.HANDLE):
        raise PermissionDenied(_("You may not record appeals for this agency."))


def _timeline(acting_user: Any, appeal: Appeal, kind: str, on: datetime.date) -> None:
    if appeal.application_id is None:
        return
    CaseEvent.objects.create(
        application_id=appeal.application_id,
        kind=kind,
        actor=acting_user,
        actor_name=actor_name(acting_user),
        on=on,
        note=appeal.get_kind_display(),
        data={"appeal": appeal.pk, "result": appeal.result},
    )


@transaction.atomic
def appeal_register(
    *,
    acting_user: Any,
    agency: Agency,
    kind: str,
    filed_on: datetime.date,
    application: Application | None = None,
    reference: str = "",
    authority: str = "",
    appellant: str = "",
    note: str = "",
    is_demo: bool = False,
) -> Appeal:
    """Record a reconsideration or lawsuit against the agency, optionally linked to
    the application it concerns (which must belong to the same agency)."""
    _require_handle(acting_user, agency.pk)
    if kind not in AppealKind.values:
        raise CaseActionRefused(_("Choose the kind of appeal."))
    if application is not None and application.agency_id != agency.pk:
        raise CaseActionRefused(_("The application belongs to another agency."))
    filed_on = check_date(filed_on, label=_("The filing date"))
    appeal = Appeal.objects.create(
        agency=agency,
        application=application,
        kind=kind,
        filed_on=filed_on,
        reference=reference.strip(),
        authority=authority.strip(),
        appellant=appellant.strip()
        or (application.applicant_name if application else ""),
        note=note,
        registered_by=acting_user,
        is_demo=is_demo,
    )
    _timeline(acting_user, appeal, EventKind.APPEAL_FILED, filed_on)
    audit_record(
        actor=acting_user,
        action="appeal.register",
        agency=agency,
        target=appeal,
        after=audit_snapshot(appeal, APPEAL_FIELDS),
    )
    return appeal


@transaction.atomic
def appeal_decide(
    *,
    acting_user: Any,
    appeal: Appeal,
    result: str,
    decided_on: datetime.date,
    note: str = "",
) -> Appeal:
    """Record the decision: upheld (维持), corrected (纠正) or other (其他)."""
    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    _require_handle(acting_user, appeal.agency_id)
    if appeal.decided_on is not None:
        raise CaseActionRefused(_("This appeal was already decided."))
    if result not in AppealResult.values or result == AppealResult.PENDING:
        raise CaseActionRefused(_("Choose the result: upheld, corrected or other."))
    decided_on = check_date(
        decided_on,
        label=_("The decision date"),
        not_before=appeal.filed_on,
        not_before_label=_("the filing date"),
    )
    before = audit_snapshot(appeal, APPEAL_FIELDS)
    appeal.result = result
    appeal.decided_on = decided_on
    appeal.note = "\n".join(filter(None, [appeal.note, note]))
    appeal.save(update_fields=["result", "decided_on", "note"])
    _timeline(acting_user, appeal, EventKind.APPEAL_DECIDED, decided_on)
    audit_record(
        actor=acting_user,
        action="appeal.decide",
        agency=appeal.agency_id,
        target=appeal,
        before=before,
        after=audit_snapshot(appeal, APPEAL_FIELDS),
    )
    return appeal
