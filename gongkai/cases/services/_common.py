"""Shared plumbing of the case services: locking, date checks, and writing the
timeline entry (Art. 45) and the audit entry in the same transaction."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongkai.audit.services import audit_record, audit_snapshot
from gongkai.workdays import Calendar, UnknownYearError

from ..models import Application, CaseEvent
from ..selectors.deadlines import case_calendar
from ..transitions import Action, CaseActionRefused

APPLICANT = _("Applicant")


def is_staff_user(user: Any) -> bool:
    return user is not None and getattr(user, "is_authenticated", False)


def actor_name(user: Any) -> str:
    """How the actor appears in the timeline: the staff member, or 申请人."""
    if not is_staff_user(user):
        return gettext("Applicant")
    return user.get_full_name() or user.get_username()


def lock(case: Application) -> Application:
    """Re-read ``case`` under a row lock, so concurrent steps see each other."""
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("agency")
        .get(pk=case.pk)
    )


def calendar_or_default(calendar: Calendar | None) -> Calendar:
    return calendar if calendar is not None else case_calendar()


def today() -> datetime.date:
    return timezone.localdate()


def check_date(
    value: datetime.date | None,
    *,
    label: Any,
    not_before: datetime.date | None = None,
    not_before_label: Any = None,
) -> datetime.date:
    """``value`` (default: today), refused when in the future or before ``not_before``."""
    current = today()
    value = value or current
    if value > current:
        raise CaseActionRefused(
            _("%(label)s cannot be in the future."), params={"label": label}
        )
    if not_before is not None and value < not_before:
        raise CaseActionRefused(
            _("%(label)s cannot be before %(other)s (%(date)s)."),
            params={
                "label": label,
                "other": not_before_label or _("the date of receipt"),
                "date": not_before.isoformat(),
            },
        )
    return value


def refuse_unknown_year(exc: UnknownYearError) -> CaseActionRefused:
    return CaseActionRefused(str(exc))


CASE_FIELDS = (
    "status",
    "outcome",
    "governing_outcome",
    "outcome_override",
    "assigned_to_id",
    "answered_on",
    "reply_approved_on",
)


def snapshot(case: Application) -> dict[str, Any]:
    return audit_snapshot(case, CASE_FIELDS)


def record_step(
    *,
    acting_user: Any,
    case: Application,
    action: Action,
    kind: str,
    on: datetime.date | None = None,
    note: str = "",
    data: dict[str, Any] | None = None,
    before: dict[str, Any] | None = None,
) -> CaseEvent:
    """Write the timeline entry and the audit entry of one step (same transaction)."""
    user = acting_user if is_staff_user(acting_user) else None
    name = actor_name(acting_user)
    data = data or {}
    event = CaseEvent.objects.create(
        application=case,
        kind=kind,
        actor=user,
        actor_name=name,
        on=on,
        note=note,
        data=data,
    )
    audit_record(
        actor=user if user is not None else name,
        action=f"case.{action}",
        agency=case.agency_id,
        target=case,
        before=before,
        after={**snapshot(case), "event": kind, "on": on, "note": note, **data},
    )
    return event
