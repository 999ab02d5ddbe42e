"""Approving, publishing and correcting a report (Art. 49–50)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency, AgencyKind
from gongkai.agencies.permissions import Perm
from gongkai.audit.services import audit_record, audit_snapshot
from gongkai.report.jsonio import report_to_json
from gongkai.report.model import Report

from ..checks import report_check, report_check_frozen
from ..models import (
    AnnualReport,
    CellOverride,
    ReportSectionRevision,
    ReportStatus,
)
from ..selectors import report_latest, report_texts, snapshot_report
from ._common import (
    REPORT_FIELDS,
    _lock,
    _require,
    _require_draft,
)


def _refusal(result: Any) -> str | None:
    if result.errors:
        return _(
            "The report cannot be approved: %(count)s error(s) must be corrected first."
        ) % {"count": len(result.errors)}
    if result.unacknowledged:
        return _(
            "The report cannot be approved: %(count)s warning(s) have not been "
            "acknowledged."
        ) % {"count": len(result.unacknowledged)}
    if result.gaps:
        return _(
            "The report cannot be approved: the drafted text still has parts to be "
            "written (marked 〔待填写〕)."
        )
    return None


@transaction.atomic
def report_approve(*, acting_user: Any, report: AnnualReport) -> AnnualReport:
    """The head of the office approves the draft: the report as built now is frozen
    (snapshot and findings). Refused while any error, unacknowledged warning or gap
    remains."""
    _require(
        acting_user,
        report.agency_id,
        Perm.APPROVE,
        _("Only the head of the office may approve the report."),
    )
    report = _lock(report)
    _require_draft(report)
    result = report_check(report=report)
    refusal = _refusal(result)
    if refusal:
        raise ValidationError(refusal)
    before = audit_snapshot(report, REPORT_FIELDS)
    report.snapshot = report_to_json(result.report)
    report.findings = [f.to_dict() for f in result.findings]
    report.status = ReportStatus.APPROVED
    report.approved_by = acting_user
    report.approved_at = timezone.now()
    report.save()
    audit_record(
        actor=acting_user,
        action="annual_report.approve",
        agency=report.agency_id,
        target=report,
        before=before,
        after=audit_snapshot(report, REPORT_FIELDS),
    )
    return report


@transaction.atomic
def report_reopen(*, acting_user: Any, report: AnnualReport) -> AnnualReport:
    """Return an approved (not yet published) version to draft."""
    _require(
        acting_user,
        report.agency_id,
        Perm.APPROVE,
        _("Only the head of the office may reopen an approved report."),
    )
    report = _lock(report)
    if report.status != ReportStatus.APPROVED:
        raise ValidationError(
            _("Only an approved, unpublished report can be reopened.")
        )
    before = audit_snapshot(report, REPORT_FIELDS)
    report.status = ReportStatus.DRAFT
    report.snapshot = None
    report.findings = []
    report.approved_by = None
    report.approved_at = None
    report.save()
    audit_record(
        actor=acting_user,
        action="annual_report.reopen",
        agency=report.agency_id,
        target=report,
        before=before,
        after=audit_snapshot(report, REPORT_FIELDS),
    )
    return report


def supervising_government(agency: Agency) -> Agency | None:
    """The people's government whose disclosure office the report is filed with
    (Art. 49: departments file with their government's office)."""
    node = agency.parent
    while node is not None and node.kind != AgencyKind.GOVERNMENT:
        node = node.parent
    return node


def _publish_snapshot(report: AnnualReport, published_on: datetime.date) -> None:
    frozen: Report = snapshot_report(report)
    frozen.published_on = published_on
    report.snapshot = report_to_json(frozen)
    # PUB.LATE can only be judged now that the date is known.
    report.findings = [
        f.to_dict() for f in report_check_frozen(report=frozen, agency=report.agency)
    ]


@transaction.atomic
def report_publish(
    *,
    acting_user: Any,
    report: AnnualReport,
    published_on: datetime.date | None = None,
) -> AnnualReport:
    """Publish an approved version on the portal and file it with the supervising
    government's office. Earlier published versions become superseded."""
    _require(
        acting_user,
        report.agency_id,
        Perm.APPROVE,
        _("Only the head of the office may publish the report."),
    )
    report = _lock(report)
    if report.status != ReportStatus.APPROVED:
        raise ValidationError(_("Only an approved report can be published."))
    today = timezone.localdate()
    published_on = published_on or today
    if published_on > today or published_on.year <= report.year:
        raise ValidationError(
            _(
                "The publication date must be after the report year and not in the future."
            )
        )
    before = audit_snapshot(report, REPORT_FIELDS)
    _publish_snapshot(report, published_on)
    earlier = AnnualReport.objects.filter(
        agency_id=report.agency_id,
        year=report.year,
        status=ReportStatus.PUBLISHED,
        version__lt=report.version,
    )
    for old in earlier:
        old.status = ReportStatus.SUPERSEDED
        old.save(update_fields=["status", "updated_at"])
    report.status = ReportStatus.PUBLISHED
    report.published_on = published_on
    report.published_by = acting_user
    report.published_at = timezone.now()
    report.filed_with = supervising_government(report.agency)
    report.filed_at = timezone.now() if report.filed_with else None
    report.save()
    after = audit_snapshot(report, REPORT_FIELDS)
    audit_record(
        actor=acting_user,
        action="annual_report.publish",
        agency=report.agency_id,
        target=report,
        before=before,
        after=after,
    )
    if report.filed_with is not None:
        audit_record(
            actor=acting_user,
            action="annual_report.filed",
            agency=report.filed_with,
            target=report,
            after=after,
        )
    return report


@transaction.atomic
def report_new_version(
    *, acting_user: Any, report: AnnualReport, correction_note: str
) -> AnnualReport:
    """Start a corrected version of a published report. The texts and overrides are
    carried over; the correction note is shown with the published correction."""
    _require(
        acting_user,
        report.agency_id,
        Perm.HANDLE,
        _("You may not draft this agency's reports."),
    )
    report = _lock(report)
    if report.status != ReportStatus.PUBLISHED:
        raise ValidationError(_("Only the published version can be corrected."))
    correction_note = (correction_note or "").strip()
    if not correction_note:
        raise ValidationError(_("Explain what the new version corrects."))
    latest = report_latest(agency=report.agency_id, year=report.year)
    if latest is not None and latest.pk != report.pk:
        raise ValidationError(_("A newer version already exists."))
    try:
        with transaction.atomic():
            new = AnnualReport.objects.create(
                agency_id=report.agency_id,
                year=report.year,
                version=report.version + 1,
                correction_note=correction_note,
                created_by=acting_user,
                is_demo=report.is_demo,
            )
    except IntegrityError:
        raise ValidationError(_("A newer version already exists.")) from None
    for key, revision in report_texts(report=report).items():
        ReportSectionRevision.objects.create(
            report=new, section=key, text=revision.text, author=acting_user
        )
    for override in report.overrides.all():
        CellOverride.objects.create(
            report=new,
            path=override.path,
            value=override.value,
            computed_value=override.computed_value,
            reason=override.reason,
            by=override.by,
        )
    audit_record(
        actor=acting_user,
        action="annual_report.new_version",
        agency=report.agency_id,
        target=new,
        after={**audit_snapshot(new, REPORT_FIELDS), "from_version": report.version},
    )
    return new
