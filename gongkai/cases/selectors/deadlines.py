"""Deadlines of a case, derived on read from its dated records (never stored).

The arithmetic is the pure ``gongkai.workdays`` package; this module only gathers the
case's dates: receipt (Art. 31), supplementation (Art. 30), consultations (Art. 32,
34), the extension (Art. 33 §2) and the fee notice (国办函〔2020〕109号).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext as _

from gongkai.holidays.selectors import calendar_get
from gongkai.workdays import (
    Calendar,
    Deadline,
    Pause,
    UnknownYearError,
    fee_payment_deadline,
    reply_deadline,
    supplement_notice_deadline,
    supplement_period_deadline,
    working_days_between,
)

from ..choices import ConsultationKind, Outcome, Status
from ..models import Application, Extension, FeeNotice, Supplementation

# Statuses in which the agency's reply clock runs (the applicant is not the one to act).
CLOCK_STATUSES: tuple[str, ...] = (
    Status.REGISTERED,
    Status.IN_PROGRESS,
    Status.REPLY_DRAFTED,
    Status.REPLY_APPROVED,
)
DUE_SOON_WORKING_DAYS = 5


def case_calendar() -> Calendar:
    """The working-day calendar kept in the holiday table (``gongkai.holidays``)."""
    return calendar_get()


def _related(case: Application, name: str) -> Any:
    """A reverse one-to-one record (extension, supplementation, fee notice) or None."""
    try:
        return getattr(case, name)
    except ObjectDoesNotExist:
        return None


def case_supplementation(case: Application) -> Supplementation | None:
    return _related(case, "supplementation")


def case_extension(case: Application) -> Extension | None:
    return _related(case, "extension")


def case_fee_notice(case: Application) -> FeeNotice | None:
    return _related(case, "fee_notice")


def case_pauses(case: Application) -> list[Pause]:
    """Periods that do not count towards the reply period.

    Art. 32 and 34: from sending a consultation to its answer. 国办函〔2020〕109号:
    from issuing a fee notice to payment (or to the day the case was closed as
    unpaid).
    """
    pauses = []
    for consultation in case.consultations.all():
        template = (
            _("Consultation of the third party %(party)s")
            if consultation.kind == ConsultationKind.THIRD_PARTY
            else _("Consultation of the agency %(party)s")
        )
        pauses.append(
            Pause(
                consultation.sent_on,
                consultation.answered_on,
                template % {"party": consultation.party},
            )
        )
    fee = case_fee_notice(case)
    if fee is not None:
        pauses.append(
            Pause(fee.issued_on, fee.paid_on or fee.unpaid_on, _("Fee notice"))
        )
    return pauses


def case_reply_deadline(
    case: Application, calendar: Calendar, today: datetime.date
) -> Deadline:
    """Art. 33: the reply deadline with supplementation, pauses and extension."""
    supplementation = case_supplementation(case)
    extension = case_extension(case)
    return reply_deadline(
        calendar,
        received_on=case.received_on,
        supplement_received_on=(
            supplementation.supplemented_on if supplementation else None
        ),
        pauses=case_pauses(case),
        extension_days=extension.days if extension else 0,
        today=today,
    )


def _applicant_deadline(
    case: Application, calendar: Calendar
) -> tuple[str, Deadline] | None:
    """The applicant's period when the case waits (or waited) for the applicant."""
    supplementation = case_supplementation(case)
    waiting_supplement = case.status == Status.AWAITING_SUPPLEMENT or (
        case.outcome == Outcome.OTHER_NO_CORRECTION and supplementation is not None
    )
    if waiting_supplement and supplementation is not None:
        return "supplement", supplement_period_deadline(
            calendar,
            notified_on=supplementation.notified_on,
            working_days=supplementation.period_days,
        )
    fee = case_fee_notice(case)
    waiting_payment = case.status == Status.AWAITING_PAYMENT or (
        case.outcome == Outcome.OTHER_FEE_UNPAID and fee is not None
    )
    if waiting_payment and fee is not None:
        return "fee_payment", fee_payment_deadline(
            calendar, notice_received_on=fee.received_on
        )
    return None


def case_deadline(
    case: Application, calendar: Calendar, today: datetime.date
) -> Deadline:
    """The deadline that governs ``case`` now.

    While the applicant has to act it is the applicant's period (Art. 30
    supplementation, 109号 payment); otherwise the agency's reply deadline (Art. 33).
    Raises ``UnknownYearError`` when the calendar lacks a year it needs.
    """
    applicant = _applicant_deadline(case, calendar)
    if applicant is not None:
        return applicant[1]
    return case_reply_deadline(case, calendar, today)


@dataclass(frozen=True)
class CaseClock:
    """A case's deadline and what it means today, for lists and the case page."""

    kind: str  # "reply", "supplement" or "fee_payment"
    deadline: Deadline | None
    error: str = ""
    overdue: bool = False  # the agency's reply deadline passed, case still open
    answered_late: bool = False
    applicant_lapsed: bool = False  # the applicant's period passed
    working_days_left: int | None = None
    supplement_notice: Deadline | None = None  # Art. 30, while still registered


def _clock_flags(
    case: Application, kind: str, deadline: Deadline, today: datetime.date
) -> dict[str, Any]:
    due = deadline.due
    if case.status == Status.CLOSED:
        late = (
            kind == "reply" and case.answered_on is not None and case.answered_on > due
        )
        return {"answered_late": late}
    if kind == "reply":
        return {"overdue": today > due}
    return {"applicant_lapsed": today > due}


def case_clock(
    case: Application, calendar: Calendar, today: datetime.date
) -> CaseClock:
    """The governing deadline of ``case`` and whether it is overdue on ``today``."""
    try:
        applicant = _applicant_deadline(case, calendar)
        kind, deadline = applicant or (
            "reply",
            case_reply_deadline(case, calendar, today),
        )
        flags = _clock_flags(case, kind, deadline, today)
        if case.status != Status.CLOSED:
            flags["working_days_left"] = working_days_between(
                calendar, today, deadline.due
            )
        if case.status == Status.REGISTERED:
            flags["supplement_notice"] = supplement_notice_deadline(
                calendar, received_on=case.received_on
            )
    except UnknownYearError as exc:
        return CaseClock(kind="reply", deadline=None, error=str(exc))
    return CaseClock(kind=kind, deadline=deadline, **flags)
