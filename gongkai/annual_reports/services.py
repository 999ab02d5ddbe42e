"""Writes of the annual report workspace. Each checks the permission through the
gatekeeper selectors, runs in a transaction and writes an audit entry.

Workflow (Art. 49–50; 国办公开办函〔2021〕30号): a clerk (Perm.HANDLE) drafts the text,
overrides cells with a reason and acknowledges warnings; the head of the office
(Perm.APPROVE) approves — refused while any error finding, unacknowledged warning or
unwritten gap remains — and publishes. Approval freezes the numbers; a published report
is changed only through a new version with a correction note.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency, AgencyKind
from gongkai.agencies.permissions import Perm
from gongkai.agencies.selectors import agency_descendant_ids, user_has_agency_perm
from gongkai.audit.services import audit_record, audit_snapshot
from gongkai.report.jsonio import report_to_json
from gongkai.report.model import T2_FEE_CELL, Report, cell_label

from .checks import report_check
from .models import (
    TEXT_KEYS,
    AggregationScope,
    AnnualReport,
    CellOverride,
    ImportedReport,
    ReportSectionRevision,
    ReportStatus,
    WarningAcknowledgement,
)
from .selectors import report_latest, report_texts
from .tables import CELL_PATHS, to_cell

FIRST_REPORT_YEAR = 2008  # the first year of the 2007 Regulations' annual reports
REPORT_FIELDS = (
    "status",
    "version",
    "published_on",
    "approved_at",
    "published_at",
    "filed_with_id",
    "filed_at",
    "correction_note",
)


def _require(user: Any, agency: Agency | int, perm: Perm, message: str) -> None:
    if not user_has_agency_perm(user=user, agency=agency, perm=perm):
        raise PermissionDenied(message)


def _lock(report: AnnualReport) -> AnnualReport:
    return AnnualReport.objects.select_for_update().get(pk=report.pk)


def _require_draft(report: AnnualReport) -> None:
    if report.status != ReportStatus.DRAFT:
        raise ValidationError(
            _(
                "This version is %(status)s and can no longer be changed; start a new "
                "version to correct it."
            )
            % {"status": report.get_status_display()}
        )


def validate_year(year: int, *, today: datetime.date | None = None) -> None:
    """A report year must lie between 2008 and the current year."""
    today = today or timezone.localdate()
    if not FIRST_REPORT_YEAR <= year <= today.year:
        raise ValidationError(
            _("The report year must be between %(first)s and %(last)s.")
            % {"first": FIRST_REPORT_YEAR, "last": today.year}
        )


@transaction.atomic
def report_start(*, acting_user: Any, agency: Agency, year: int) -> AnnualReport:
    """Start the report on ``year`` (version 1, draft). Starting it again returns the
    existing latest version: a form posted twice creates nothing twice."""
    _require(
        acting_user, agency, Perm.HANDLE, _("You may not draft this agency's reports.")
    )
    validate_year(year)
    Agency.objects.select_for_update().filter(pk=agency.pk).first()
    existing = report_latest(agency=agency, year=year)
    if existing is not None:
        return existing
    report = AnnualReport.objects.create(
        agency=agency, year=year, version=1, created_by=acting_user
    )
    audit_record(
        actor=acting_user,
        action="annual_report.start",
        agency=agency,
        target=report,
        after=audit_snapshot(report, REPORT_FIELDS),
    )
    return report


@transaction.atomic
def report_save_draft(
    *, acting_user: Any, report: AnnualReport, texts: dict[str, str]
) -> list[ReportSectionRevision]:
    """Save the preamble and section texts. A revision is kept for each text that
    changed; unchanged texts add nothing. Returns the new revisions."""
    _require(
        acting_user,
        report.agency_id,
        Perm.HANDLE,
        _("You may not draft this agency's reports."),
    )
    report = _lock(report)
    _require_draft(report)
    unknown = sorted(set(texts) - set(TEXT_KEYS))
    if unknown:
        raise ValidationError(_("Unknown section: %(key)s") % {"key": unknown[0]})
    from .build import report_build_full

    built = report_build_full(agency=report.agency, year=report.year, report=report)
    current = {"preamble": built.report.preamble, **built.report.sections}
    created = []
    for key in TEXT_KEYS:
        if key not in texts:
            continue
        text = texts[key].replace("\r\n", "\n").strip()
        if text == (current.get(key) or "").strip():
            continue
        created.append(
            ReportSectionRevision.objects.create(
                report=report, section=key, text=text, author=acting_user
            )
        )
    if created:
        audit_record(
            actor=acting_user,
            action="annual_report.save_draft",
            agency=report.agency_id,
            target=report,
            before={r.section: current.get(r.section) for r in created},
            after={r.section: r.text for r in created},
        )
    return created


@transaction.atomic
def report_redraft_section(
    *, acting_user: Any, report: AnnualReport, section: str
) -> ReportSectionRevision:
    """Replace a section's text with a fresh draft from the current figures (kept as a
    new revision; the earlier ones stay in the history)."""
    from .build import report_build_full

    _require(
        acting_user,
        report.agency_id,
        Perm.HANDLE,
        _("You may not draft this agency's reports."),
    )
    report = _lock(report)
    _require_draft(report)
    if section not in TEXT_KEYS:
        raise ValidationError(_("Unknown section: %(key)s") % {"key": section})
    built = report_build_full(agency=report.agency, year=report.year, report=report)
    revision = ReportSectionRevision.objects.create(
        report=report, section=section, text=built.drafted[section], author=acting_user
    )
    audit_record(
        actor=acting_user,
        action="annual_report.redraft",
        agency=report.agency_id,
        target=report,
        after={section: revision.text},
    )
    return revision


def parse_cell_value(path: str, raw: Any) -> Decimal:
    """A value entered for a cell: a whole number ≥ 0 for counts; an amount ≥ 0 with
    at most 4 decimals for the fee (万元)."""
    try:
        value = Decimal(str(raw).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError(_("Enter a number.")) from None
    if not value.is_finite() or value < 0:
        raise ValidationError(_("The value cannot be negative."))
    if path != T2_FEE_CELL and value != value.to_integral_value():
        raise ValidationError(_("A count must be a whole number."))
    if value.as_tuple().exponent < -4:  # type: ignore[operator]
        raise ValidationError(_("Use at most 4 decimal places."))
    if value >= Decimal("1e12"):
        raise ValidationError(_("The value is too large."))
    return value


@transaction.atomic
def report_override_cell(
    *, acting_user: Any, report: AnnualReport, path: str, value: Any, reason: str
) -> CellOverride:
    """Replace a computed cell (e.g. adopted the system mid-year; licensing figures kept
    elsewhere). The reason is required; the computed value is kept beside it."""
    from .build import report_tables_only

    _require(
        acting_user,
        report.agency_id,
        Perm.HANDLE,
        _("You may not draft this agency's reports."),
    )
    report = _lock(report)
    _require_draft(report)
    if path not in CELL_PATHS:
        raise ValidationError(_("Unknown cell: %(path)s") % {"path": path})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the reason for overriding the computed value."))
    number = parse_cell_value(path, value)
    computed = report_tables_only(agency=report.agency, year=report.year).cell(path)
    existing = CellOverride.objects.filter(report=report, path=path).first()
    before = audit_snapshot(existing, ["path", "value", "reason"]) if existing else None
    override, _created = CellOverride.objects.update_or_create(
        report=report,
        path=path,
        defaults={
            "value": number,
            "computed_value": computed,
            "reason": reason,
            "by": acting_user,
        },
    )
    audit_record(
        actor=acting_user,
        action="annual_report.override_cell",
        agency=report.agency_id,
        target=report,
        before=before,
        after={
            "path": path,
            "label": cell_label(path),
            "value": number,
            "computed_value": computed,
            "reason": reason,
        },
    )
    return override


@transaction.atomic
def report_clear_override(*, acting_user: Any, report: AnnualReport, path: str) -> None:
    """Go back to the computed value of a cell."""
    _require(
        acting_user,
        report.agency_id,
        Perm.HANDLE,
        _("You may not draft this agency's reports."),
    )
    report = _lock(report)
    _require_draft(report)
    existing = CellOverride.objects.filter(report=report, path=path).first()
    if existing is None:
        return
    before = audit_snapshot(existing, ["path", "value", "reason"])
    existing.delete()
    audit_record(
        actor=acting_user,
        action="annual_report.clear_override",
        agency=report.agency_id,
        target=report,
        before=before,
    )


@transaction.atomic
def report_acknowledge_warning(
    *, acting_user: Any, report: AnnualReport, rule: str, where: str, note: str
) -> WarningAcknowledgement:
    """Acknowledge one current warning finding with a note explaining it."""
    _require(
        acting_user,
        report.agency_id,
        Perm.HANDLE,
        _("You may not draft this agency's reports."),
    )
    report = _lock(report)
    _require_draft(report)
    note = (note or "").strip()
    if not note:
        raise ValidationError(_("Write a note explaining the warning."))
    current = report_check(report=report).warnings
    if not any(f.rule == rule and f.where == where for f in current):
        raise ValidationError(
            _("This warning is no longer raised; check the report again.")
        )
    ack, _created = WarningAcknowledgement.objects.update_or_create(
        report=report,
        rule=rule,
        where=where,
        defaults={"note": note, "by": acting_user},
    )
    audit_record(
        actor=acting_user,
        action="annual_report.acknowledge_warning",
        agency=report.agency_id,
        target=report,
        after={"rule": rule, "where": where, "note": note},
    )
    return ack


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
    from .selectors import snapshot_report

    frozen: Report = snapshot_report(report)
    frozen.published_on = published_on
    report.snapshot = report_to_json(frozen)
    # PUB.LATE can only be judged now that the date is known.
    from .checks import report_check_frozen

    report.findings = [
        f.to_dict()
        for f in report_check_frozen(report=frozen, agency_id=report.agency_id)
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


@transaction.atomic
def report_import(
    *,
    acting_user: Any,
    agency: Agency,
    report: Report,
    source_name: str,
    findings: list[dict[str, Any]] | None = None,
) -> ImportedReport:
    """Keep a report published outside this system (read by the checker) as the
    agency's report on its year: the previous year of the cross-year rules."""
    _require(
        acting_user, agency, Perm.HANDLE, _("You may not draft this agency's reports.")
    )
    validate_year(report.year)
    existing = ImportedReport.objects.filter(agency=agency, year=report.year).first()
    before = audit_snapshot(existing, ["source_name", "year"]) if existing else None
    imported, _created = ImportedReport.objects.update_or_create(
        agency=agency,
        year=report.year,
        defaults={
            "source_name": source_name[:255],
            "data": report_to_json(report),
            "findings": findings or [],
            "imported_by": acting_user,
        },
    )
    audit_record(
        actor=acting_user,
        action="annual_report.import",
        agency=agency,
        target=imported,
        before=before,
        after={"source_name": imported.source_name, "year": imported.year},
    )
    return imported


@transaction.atomic
def aggregation_scope_set(
    *, acting_user: Any, government: Agency, included: list[Agency]
) -> AggregationScope:
    """Choose which agencies a people's government's report sums: the government
    itself and any agencies below it."""
    _require(
        acting_user,
        government,
        Perm.HANDLE,
        _("You may not change which agencies this government's report covers."),
    )
    if government.kind != AgencyKind.GOVERNMENT:
        raise ValidationError(_("Only a people's government's report is aggregated."))
    allowed = agency_descendant_ids(agency_ids=[government.pk])
    outside = [a.name for a in included if a.pk not in allowed]
    if outside:
        raise ValidationError(
            _("%(name)s is not under this government.") % {"name": outside[0]}
        )
    scope, _created = AggregationScope.objects.get_or_create(government=government)
    before = sorted(scope.included.values_list("pk", flat=True))
    scope.included.set(included)
    scope.updated_by = acting_user
    scope.save()
    audit_record(
        actor=acting_user,
        action="annual_report.aggregation_scope",
        agency=government,
        target=scope,
        before={"included": before},
        after={"included": sorted(a.pk for a in included)},
    )
    return scope


def to_display(path: str, value: Any) -> Any:
    """A stored override value as shown (``74``, ``12.5``)."""
    return to_cell(path, value)
