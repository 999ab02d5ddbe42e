"""The daily job on normative documents: record lapses, send re-evaluation reminders.

No national validity rule exists; local practice (5 years, trial/interim 2 years,
re-evaluation 6 months before expiry) is configurable per agency
(``DisclosureSettings``). Whether a document is in force is always computed from its
dates; the job only records that a lapse happened and tells the people concerned.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext as _

from gongkai.agencies.models import Membership, Role
from gongkai.audit.services import audit_record

from ..models import (
    DisclosureSettings,
    DocumentType,
    ExpiryReminder,
    OfficialDocument,
)

SYSTEM_ACTOR = "系统（每日任务）"
RULE_TYPES = (DocumentType.REGULATION, DocumentType.NORMATIVE)


@dataclass
class DailyResult:
    lapsed: list[OfficialDocument] = field(default_factory=list)
    reminded: list[OfficialDocument] = field(default_factory=list)


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` months earlier (clamped to the month's last day)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month0 = divmod(month_index, 12)
    last_day = calendar.monthrange(year, month0 + 1)[1]
    return datetime.date(year, month0 + 1, min(day.day, last_day))


def _expired_unrecorded(today: datetime.date) -> QuerySet[OfficialDocument]:
    return OfficialDocument.objects.filter(
        doc_type__in=RULE_TYPES,
        valid_until__lt=today,
        repealed_on__isnull=True,
        lapse_recorded_on__isnull=True,
    ).select_related("agency")


@transaction.atomic
def normative_record_lapses(*, today: datetime.date) -> list[OfficialDocument]:
    """Mark 失效 the documents whose validity ended before ``today`` (idempotent)."""
    lapsed = []
    for document in _expired_unrecorded(today).select_for_update(of=("self",)):
        document.lapse_recorded_on = today
        document.save(update_fields=["lapse_recorded_on"])
        audit_record(
            actor=SYSTEM_ACTOR,
            action="document.lapse",
            agency=document.agency,
            target=document,
            after={"valid_until": document.valid_until, "lapse_recorded_on": today},
        )
        lapsed.append(document)
    return lapsed


def _reminder_months(agency_ids: set[int]) -> dict[int, int]:
    saved = dict(
        DisclosureSettings.objects.filter(agency_id__in=agency_ids).values_list(
            "agency_id", "expiry_reminder_months"
        )
    )
    default = DisclosureSettings().expiry_reminder_months
    return {agency_id: saved.get(agency_id, default) for agency_id in agency_ids}


def _recipients(agency_id: int) -> list[str]:
    emails = Membership.objects.filter(
        agency_id=agency_id, role__in=[Role.HEAD, Role.CLERK]
    ).values_list("user__email", flat=True)
    return sorted({e for e in emails if e})


def _remind(
    document: OfficialDocument, valid_until: datetime.date, today: datetime.date
) -> None:
    recipients = _recipients(document.agency_id)
    ExpiryReminder.objects.create(
        document=document,
        valid_until=valid_until,
        sent_on=today,
        recipients=", ".join(recipients),
    )
    audit_record(
        actor=SYSTEM_ACTOR,
        action="document.expiry_reminder",
        agency=document.agency,
        target=document,
        after={"valid_until": valid_until, "recipients": recipients},
    )
    if recipients:
        subject = _("Normative document expires on %(date)s: %(title)s") % {
            "date": valid_until.isoformat(),
            "title": document.title,
        }
        body = _(
            "%(title)s (%(number)s) is valid until %(date)s. Re-evaluate it and decide whether to renew, amend or let it lapse."
        ) % {
            "title": document.title,
            "number": document.document_number or "—",
            "date": valid_until.isoformat(),
        }
        transaction.on_commit(
            lambda: send_mail(subject, body, None, recipients, fail_silently=True)
        )


@transaction.atomic
def normative_send_reminders(*, today: datetime.date) -> list[OfficialDocument]:
    """Remind the agency of documents expiring within its reminder period, once per
    end of validity (a renewed document is reminded again before its new end)."""
    upcoming = list(
        OfficialDocument.objects.filter(
            doc_type__in=RULE_TYPES,
            valid_until__gte=today,
            repealed_on__isnull=True,
        )
        .filter(
            ~Exists(
                ExpiryReminder.objects.filter(
                    document=OuterRef("pk"), valid_until=OuterRef("valid_until")
                )
            )
        )
        .select_related("agency")
    )
    months = _reminder_months({d.agency_id for d in upcoming})
    reminded = []
    for document in upcoming:
        valid_until: datetime.date = document.valid_until  # type: ignore[assignment]
        if today >= months_before(valid_until, months[document.agency_id]):
            _remind(document, valid_until, today)
            reminded.append(document)
    return reminded


def normative_daily(*, today: datetime.date) -> DailyResult:
    """The daily job: record lapses, then send due reminders."""
    return DailyResult(
        lapsed=normative_record_lapses(today=today),
        reminded=normative_send_reminders(today=today),
    )
