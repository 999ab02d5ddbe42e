"""Drafting a report: start, texts, overrides, acknowledgements (Perm.HANDLE)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import Perm
from gongkai.audit.services import audit_record, audit_snapshot
from gongkai.report.model import T2_FEE_CELL, cell_label

from ..build import report_build_full, report_tables_only
from ..checks import report_check
from ..models import (
    TEXT_KEYS,
    AnnualReport,
    CellOverride,
    ReportSectionRevision,
    WarningAcknowledgement,
)
from ..selectors import report_latest
from ..tables import CELL_PATHS
from ._common import (
    REPORT_FIELDS,
    _lock,
    _require,
    _require_draft,
    validate_year,
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
