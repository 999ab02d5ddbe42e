"""Reads of the public portal. Everything here is public information, except the
applicant's own case, which is reached only with its tracking number and query code
(``gongkai.cases.selectors.case_get_for_applicant``)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.cases.choices import EventKind, Status
from gongkai.cases.models import Application, CaseEvent
from gongkai.cases.selectors import case_deadline
from gongkai.cases.selectors.deadlines import (
    case_extension,
    case_fee_notice,
    case_supplementation,
)
from gongkai.workdays import Calendar, Deadline, Pause, UnknownYearError, reply_deadline

# What an applicant is told about each process state, in plain words. Internal
# steps (drafted, approved) are not distinguished: the reply is being prepared.
STATUS_TEXT = {
    Status.REGISTERED: _(
        "Received. The disclosure office is checking your application."
    ),
    Status.AWAITING_SUPPLEMENT: _(
        "The agency has asked you to supplement your application. Please follow its notice; the reply period starts again when your supplement arrives."
    ),
    Status.IN_PROGRESS: _("Being handled by the disclosure office."),
    Status.AWAITING_PAYMENT: _(
        "The agency has sent you a notice of an information processing fee. Pay within 20 working days of receiving it, or the application is deemed abandoned."
    ),
    Status.REPLY_DRAFTED: _("The reply is being prepared and reviewed."),
    Status.REPLY_APPROVED: _("The reply is being prepared and reviewed."),
    Status.CLOSED: _("Replied."),
}
STATUS_SHORT = {
    Status.REGISTERED: _("Received"),
    Status.AWAITING_SUPPLEMENT: _("Waiting for your supplement"),
    Status.IN_PROGRESS: _("Being handled"),
    Status.AWAITING_PAYMENT: _("Waiting for your fee payment"),
    Status.REPLY_DRAFTED: _("Reply being prepared"),
    Status.REPLY_APPROVED: _("Reply being prepared"),
    Status.CLOSED: _("Replied"),
}
# Steps of the timeline the applicant sees (not assignments, notes, reviews).
PUBLIC_EVENTS = (
    EventKind.REGISTERED,
    EventKind.SUPPLEMENT_REQUESTED,
    EventKind.SUPPLEMENTED,
    EventKind.ABANDONED,
    EventKind.CONSULTATION_SENT,
    EventKind.CONSULTATION_ANSWERED,
    EventKind.EXTENDED,
    EventKind.FEE_NOTICE_ISSUED,
    EventKind.FEE_PAID,
    EventKind.REPLIED,
    EventKind.SPLIT,
)


def agency_public_get(*, agency_id: int) -> Agency:
    """An agency whose disclosure section the portal hosts (all of them); 404 else."""
    return get_object_or_404(Agency.objects.select_related("parent"), pk=agency_id)


def agency_departments(*, agency: Agency) -> QuerySet[Agency]:
    """The agencies directly below ``agency`` (a government's departments)."""
    return Agency.objects.filter(parent=agency).order_by("name")


def agency_governments() -> QuerySet[Agency]:
    """The top of the tree, with their departments, for the portal's front page."""
    return (
        Agency.objects.filter(parent__isnull=True)
        .prefetch_related("children")
        .order_by("name")
    )


def application_by_token(*, submission_token: str) -> Application | None:
    """The case a submission token already created, if any (double submits)."""
    if not submission_token:
        return None
    return Application.objects.filter(submission_token=submission_token).first()


def application_get_by_number(*, tracking_number: str) -> Application:
    return get_object_or_404(
        Application.objects.select_related("agency", "agency__parent"),
        tracking_number=tracking_number,
    )


@dataclass(frozen=True)
class ApplicantClock:
    """The deadline an applicant is shown, or why none can be computed."""

    kind: str  # "reply", "supplement", "fee_payment" or "" (replied)
    deadline: Deadline | None
    error: str = ""


def _public_pauses(case: Application) -> list[Pause]:
    """Art. 32 and 34 pauses without naming the consulted party (the applicant is
    told the period was paused, not whom the agency consulted)."""
    label = gettext("Consultation of a third party or another agency")
    pauses = [Pause(c.sent_on, c.answered_on, label) for c in case.consultations.all()]
    fee = case_fee_notice(case)
    if fee is not None:
        pauses.append(
            Pause(fee.issued_on, fee.paid_on or fee.unpaid_on, gettext("Fee notice"))
        )
    return pauses


def applicant_clock(
    *, case: Application, calendar: Calendar, today: datetime.date
) -> ApplicantClock:
    """The governing deadline of the case as its applicant sees it.

    While the applicant has to act: the supplement (Art. 30) or payment (109号)
    period; otherwise the reply deadline (Art. 33) with its explanation.
    """
    if case.status == Status.CLOSED:
        return ApplicantClock(kind="", deadline=None)
    try:
        if case.status in (Status.AWAITING_SUPPLEMENT, Status.AWAITING_PAYMENT):
            kind = (
                "supplement"
                if case.status == Status.AWAITING_SUPPLEMENT
                else "fee_payment"
            )
            return ApplicantClock(
                kind=kind, deadline=case_deadline(case, calendar, today)
            )
        supplementation = case_supplementation(case)
        extension = case_extension(case)
        deadline = reply_deadline(
            calendar,
            received_on=case.received_on,
            supplement_received_on=(
                supplementation.supplemented_on if supplementation else None
            ),
            pauses=_public_pauses(case),
            extension_days=extension.days if extension else 0,
            today=today,
        )
    except UnknownYearError as exc:
        return ApplicantClock(kind="reply", deadline=None, error=str(exc))
    return ApplicantClock(kind="reply", deadline=deadline)


def applicant_timeline(*, case: Application) -> QuerySet[CaseEvent]:
    """The steps of the case its applicant sees, oldest first."""
    return case.events.filter(kind__in=PUBLIC_EVENTS).order_by("at", "id")
