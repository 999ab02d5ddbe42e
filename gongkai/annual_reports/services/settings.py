"""Imported reports and a government's aggregation scope."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency, AgencyKind
from gongkai.agencies.permissions import Perm
from gongkai.agencies.selectors import agency_descendant_ids
from gongkai.audit.services import audit_record, audit_snapshot
from gongkai.report.jsonio import report_to_json
from gongkai.report.model import Report

from ..models import (
    AggregationScope,
    ImportedReport,
)
from ._common import _require, validate_year


def _compact(name: str) -> str:
    return "".join(name.split()).replace("（演示）", "")


def _same_agency(agency: Agency, name: str) -> bool:
    """The report's agency name (as the checker read it) names ``agency``; an unread
    name is not held against the file."""
    found = _compact(name)
    if not found:
        return True
    own = [_compact(n) for n in (agency.name, agency.short_name) if n]
    return any(n in found or found in n for n in own)


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
    if not _same_agency(agency, report.agency):
        raise ValidationError(
            _("The file is the report of %(found)s, not of %(agency)s.")
            % {"found": report.agency, "agency": agency.name}
        )
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
