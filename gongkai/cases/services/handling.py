"""Handling steps: supplementation (Art. 30), start, consultations (Art. 32, 34),
extension (Art. 33 §2), fees (国办函〔2020〕109号) and abandonment."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gongkai.cases.fees import fee_quote
from gongkai.workdays import (
    Calendar,
    UnknownYearError,
    supplement_notice_deadline,
)

from ..choices import (
    ConsultationKind,
    ConsultationResponse,
    EventKind,
    FeeMethod,
    Outcome,
    Status,
)
from ..models import (
    Application,
    Consultation,
    Extension,
    FeeNotice,
    Supplementation,
)
from ..selectors.deadlines import (
    case_deadline,
    case_extension,
    case_fee_notice,
    case_reply_deadline,
    case_supplementation,
)
from ..transitions import Action, CaseActionRefused, transition_check
from ._common import (
    calendar_or_default,
    check_date,
    lock,
    record_step,
    refuse_unknown_year,
    snapshot,
)

MAX_EXTENSION_DAYS = 20


def _move(case: Application, status: str | None, **fields: Any) -> None:
    if status is not None:
        case.status = status
    for name, value in fields.items():
        setattr(case, name, value)
    case.save(update_fields=["status", *fields, "updated_at"])


@transaction.atomic
def case_request_supplement(
    *,
    acting_user: Any,
    case: Application,
    requested: str,
    period_days: int,
    notified_on: datetime.date | None = None,
    calendar: Calendar | None = None,
) -> Supplementation:
    """Art. 30: notify the applicant once of everything to supplement, with a
    reasonable period. A notice later than 7 working days after receipt is still
    recorded (it happened) but marked late in the timeline."""
    case = lock(case)
    step = transition_check(
        user=acting_user, case=case, action=Action.REQUEST_SUPPLEMENT
    )
    if case_supplementation(case) is not None:
        raise CaseActionRefused(
            _("Supplementation may be requested only once (Art. 30).")
        )
    if not requested.strip():
        raise CaseActionRefused(_("State everything the applicant must supplement."))
    if period_days < 1:
        raise CaseActionRefused(_("The period must be at least one working day."))
    notified_on = check_date(
        notified_on, label=_("The notice date"), not_before=case.received_on
    )
    try:
        limit = supplement_notice_deadline(
            calendar_or_default(calendar), received_on=case.received_on
        ).due
    except UnknownYearError as exc:
        raise refuse_unknown_year(exc) from exc
    before = snapshot(case)
    supplementation = Supplementation.objects.create(
        application=case,
        notified_on=notified_on,
        period_days=period_days,
        requested=requested.strip(),
    )
    _move(case, step.target)
    record_step(
        acting_user=acting_user,
        case=case,
        action=Action.REQUEST_SUPPLEMENT,
        kind=EventKind.SUPPLEMENT_REQUESTED,
        on=notified_on,
        note=requested.strip(),
        data={"period_days": period_days, "late": notified_on > limit},
        before=before,
    )
    return supplementation


@transaction.atomic
def case_record_supplement(
    *,
    acting_user: Any,
    case: Application,
    supplemented_on: datetime.date | None = None,
    note: str = "",
) -> Application:
    """Art. 30: the supplement arrived; the reply period restarts from that day."""
    case = lock(case)
    step = transition_check(
        user=acting_user, case=case, action=Action.RECORD_SUPPLEMENT
    )
    supplementation = case.supplementation
    supplemented_on = check_date(
        supplemented_on,
        label=_("The date the supplement arrived"),
        not_before=supplementation.notified_on,
        not_before_label=_("the notice date"),
    )
    before = snapshot(case)
    supplementation.supplemented_on = supplemented_on
    supplementation.save(update_fields=["supplemented_on"])
    _move(case, step.target)
    record_step(
        acting_user=acting_user,
        case=case,
        action=Action.RECORD_SUPPLEMENT,
        kind=EventKind.SUPPLEMENTED,
        on=supplemented_on,
        note=note,
        before=before,
    )
    return case


def _abandon_outcome(case: Application) -> tuple[str, Any]:
    """The outcome and the record whose period must have lapsed."""
    if case.status == Status.AWAITING_SUPPLEMENT:
        return Outcome.OTHER_NO_CORRECTION, case.supplementation
    return Outcome.OTHER_FEE_UNPAID, case.fee_notice


@transaction.atomic
def case_abandon(
    *,
    acting_user: Any,
    case: Application,
    on: datetime.date | None = None,
    note: str = "",
    calendar: Calendar | None = None,
) -> Application:
    """Close a case the applicant abandoned: no supplement within the period
    (Art. 30, ``other_no_correction``) or fee not paid within 20 working days
    (109号, ``other_fee_unpaid``). Refused while the applicant's period runs."""
    case = lock(case)
    step = transition_check(user=acting_user, case=case, action=Action.ABANDON)
    outcome, record = _abandon_outcome(case)
    on = check_date(on, label=_("The closing date"), not_before=case.received_on)
    try:
        due = case_deadline(case, calendar_or_default(calendar), on).due
    except UnknownYearError as exc:
        raise refuse_unknown_year(exc) from exc
    if on <= due:
        raise CaseActionRefused(
            _(
                "The applicant's period runs until %(date)s; the case cannot be closed as abandoned before then."
            ),
            params={"date": due.isoformat()},
        )
    before = snapshot(case)
    if isinstance(record, Supplementation):
        record.abandoned_on = on
        record.save(update_fields=["abandoned_on"])
    else:
        record.unpaid_on = on
        record.save(update_fields=["unpaid_on"])
    case.items.update(outcome=outcome)
    _move(case, step.target, outcome=outcome, answered_on=on)
    record_step(
        acting_user=acting_user,
        case=case,
        action=Action.ABANDON,
        kind=EventKind.ABANDONED,
        on=on,
        note=note,
        data={"outcome": outcome, "period_due": due.isoformat()},
        before=before,
    )
    return case


@transaction.atomic
def case_start(
    *, acting_user: Any, case: Application, on: datetime.date | None = None
) -> Application:
    """Start handling a registered application."""
    case = lock(case)
    step = transition_check(user=acting_user, case=case, action=Action.START)
    on = check_date(on, label=_("The date"), not_before=case.received_on)
    before = snapshot(case)
    fields = {} if case.assigned_to_id else {"assigned_to": acting_user}
    _move(case, step.target, **fields)
    record_step(
        acting_user=acting_user,
        case=case,
        action=Action.START,
        kind=EventKind.STARTED,
        on=on,
        before=before,
    )
    return case


@transaction.atomic
def case_consult(
    *,
    acting_user: Any,
    case: Application,
    kind: str,
    party: str,
    sent_on: datetime.date | None = None,
    note: str = "",
) -> Consultation:
    """Consult a third party (Art. 32) or another agency (Art. 34). The reply period
    pauses from ``sent_on`` until the answer is recorded."""
    case = lock(case)
    transition_check(user=acting_user, case=case, action=Action.CONSULT)
    if kind not in ConsultationKind.values:
        raise CaseActionRefused(_("Choose whom the consultation goes to."))
    if not party.strip():
        raise CaseActionRefused(_("Name the consulted party."))
    sent_on = check_date(sent_on, label=_("The date sent"), not_before=case.received_on)
    consultation = Consultation.objects.create(
        application=case, kind=kind, party=party.strip(), sent_on=sent_on, note=note
    )
    record_step(
        acting_user=acting_user,
        case=case,
        action=Action.CONSULT,
        kind=EventKind.CONSULTATION_SENT,
        on=sent_on,
        note=note,
        data={"consultation": consultation.pk, "kind": kind, "party": party.strip()},
    )
    return consultation


@transaction.atomic
def case_consultation_answered(
    *,
    acting_user: Any,
    consultation: Consultation,
    response: str,
    answered_on: datetime.date | None = None,
    note: str = "",
) -> Consultation:
    """Record the consulted party's answer (or its silence after 15 working days,
    which for an agency counts as consent, Art. 34); the pause ends that day."""
    case = lock(consultation.application)
    transition_check(user=acting_user, case=case, action=Action.ANSWER_CONSULTATION)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.answered_on is not None:
        raise CaseActionRefused(_("This consultation was already answered."))
    if response not in ConsultationResponse.values:
        raise CaseActionRefused(_("Choose the response."))
    answered_on = check_date(
        answered_on,
        label=_("The date of the answer"),
        not_before=consultation.sent_on,
        not_before_label=_("the date sent"),
    )
    consultation.answered_on = answered_on
    consultation.response = response
    consultation.note = "\n".join(filter(None, [consultation.note, note]))
    consultation.save(update_fields=["answered_on", "response", "note"])
    record_step(
        acting_user=acting_user,
        case=case,
        action=Action.ANSWER_CONSULTATION,
        kind=EventKind.CONSULTATION_ANSWERED,
        on=answered_on,
        note=note,
        data={"consultation": consultation.pk, "response": response},
    )
    return consultation


@transaction.atomic
def case_extend(
    *,
    acting_user: Any,
    case: Application,
    days: int,
    reason: str,
    approved_on: datetime.date | None = None,
    notified_on: datetime.date | None = None,
    calendar: Calendar | None = None,
) -> Extension:
    """Art. 33 §2: extend the reply period once, by at most 20 working days, with
    the approval of the head of the disclosure office (APPROVE permission), a reason
    and notice to the applicant; only before the current deadline has passed."""
    case = lock(case)
    transition_check(user=acting_user, case=case, action=Action.EXTEND)
    if case_extension(case) is not None:
        raise CaseActionRefused(_("The reply period can be extended only once."))
    if not 1 <= days <= MAX_EXTENSION_DAYS:
        raise CaseActionRefused(_("An extension is 1 to 20 working days (Art. 33)."))
    if not reason.strip():
        raise CaseActionRefused(_("An extension needs a reason."))
    approved_on = check_date(
        approved_on, label=_("The approval date"), not_before=case.received_on
    )
    try:
        due = case_reply_deadline(case, calendar_or_default(calendar), approved_on).due
    except UnknownYearError as exc:
        raise refuse_unknown_year(exc) from exc
    if approved_on > due:
        raise CaseActionRefused(
            _(
                "The reply deadline (%(date)s) has passed; it can no longer be extended."
            ),
            params={"date": due.isoformat()},
        )
    extension = Extension.objects.create(
        application=case,
        days=days,
        reason=reason.strip(),
        approved_by=acting_user,
        approved_on=approved_on,
        notified_on=notified_on,
    )
    record_step(
        acting_user=acting_user,
        case=case,
        action=Action.EXTEND,
        kind=EventKind.EXTENDED,
        on=approved_on,
        note=reason.strip(),
        data={"days": days, "previous_due": due.isoformat()},
    )
    return extension


def _quote(method: str, nth_in_month: int | None, pages: int | None) -> Any:
    if method not in FeeMethod.values:
        raise CaseActionRefused(_("Choose the fee method."))
    try:
        return fee_quote(
            method=method,
            nth_in_month=nth_in_month if method == FeeMethod.PER_APPLICATION else None,
            pages=pages if method == FeeMethod.BY_VOLUME else None,
        )
    except ValueError as exc:
        raise CaseActionRefused(str(exc)) from exc


@transaction.atomic
def case_issue_fee_notice(
    *,
    acting_user: Any,
    case: Application,
    method: str,
    nth_in_month: int | None = None,
    pages: int | None = None,
    issued_on: datetime.date | None = None,
    received_on: datetime.date | None = None,
    calendar: Calendar | None = None,
) -> FeeNotice:
    """国办函〔2020〕109号: a fee notice (one method, amount from the fee calculator),
    issued within the reply period; the applicant then has 20 working days to pay.
    ``received_on`` is the day the applicant received it (default: issued)."""
    case = lock(case)
    step = transition_check(user=acting_user, case=case, action=Action.ISSUE_FEE_NOTICE)
    if case_fee_notice(case) is not None:
        raise CaseActionRefused(
            _("A fee notice was already issued for this application.")
        )
    quote = _quote(method, nth_in_month, pages)
    if quote.amount <= 0:
        raise CaseActionRefused(_("The fee is zero: no fee notice is needed."))
    issued_on = check_date(
        issued_on, label=_("The issue date"), not_before=case.received_on
    )
    received_on = received_on or issued_on
    if received_on < issued_on:
        raise CaseActionRefused(
            _("The notice cannot be received before it was issued.")
        )
    try:
        due = case_reply_deadline(case, calendar_or_default(calendar), issued_on).due
    except UnknownYearError as exc:
        raise refuse_unknown_year(exc) from exc
    if issued_on > due:
        raise CaseActionRefused(
            _("A fee notice must go out within the reply period (until %(date)s)."),
            params={"date": due.isoformat()},
        )
    before = snapshot(case)
    notice = FeeNotice.objects.create(
        application=case,
        method=quote.method,
        nth_in_month=nth_in_month if method == FeeMethod.PER_APPLICATION else None,
        pages=pages if method == FeeMethod.BY_VOLUME else None,
        amount=quote.amount,
        explanation="\n".join(quote.explanation),
        issued_on=issued_on,
        received_on=received_on,
    )
    _move(case, step.target)
    record_step(
        acting_user=acting_user,
        case=case,
        action=Action.ISSUE_FEE_NOTICE,
        kind=EventKind.FEE_NOTICE_ISSUED,
        on=issued_on,
        note="\n".join(quote.explanation),
        data={"method": quote.method, "amount": str(quote.amount)},
        before=before,
    )
    return notice


@transaction.atomic
def case_record_payment(
    *, acting_user: Any, case: Application, paid_on: datetime.date | None = None
) -> Application:
    """The applicant paid the fee; handling resumes and the pause ends."""
    case = lock(case)
    step = transition_check(user=acting_user, case=case, action=Action.RECORD_PAYMENT)
    notice = case.fee_notice
    paid_on = check_date(
        paid_on,
        label=_("The payment date"),
        not_before=notice.issued_on,
        not_before_label=_("the issue date"),
    )
    before = snapshot(case)
    notice.paid_on = paid_on
    notice.save(update_fields=["paid_on"])
    _move(case, step.target)
    record_step(
        acting_user=acting_user,
        case=case,
        action=Action.RECORD_PAYMENT,
        kind=EventKind.FEE_PAID,
        on=paid_on,
        data={"amount": str(notice.amount)},
        before=before,
    )
    return case
