"""Helpers shared by the workspace services."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import Perm
from gongkai.agencies.selectors import user_has_agency_perm

from ..models import (
    AnnualReport,
    ReportStatus,
)

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
