"""Checking a report in the workspace: every rule of ``annual-report-spec.md`` §6.

The rules run on the built report (or, once approved, on the frozen snapshot), against
the previous year's published report when there is one (built here or imported through
the checker). Errors block approval; warnings must each be acknowledged with a note;
gaps left in the drafted text (``〔待填写：…〕``) must be written.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gongkai.agencies.models import Agency
from gongkai.report.model import Report
from gongkai.report.rules import Finding, check_report

from .build import Built, report_build_full
from .models import AnnualReport, WarningAcknowledgement
from .narrative import has_gaps
from .selectors import report_previous, snapshot_report


@dataclass
class CheckResult:
    report: Report
    findings: list[Finding]
    acknowledgements: dict[tuple[str, str], WarningAcknowledgement]
    gaps: list[str] = field(default_factory=list)
    built: Built | None = None
    has_previous: bool = False

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def unacknowledged(self) -> list[Finding]:
        return [
            f for f in self.warnings if (f.rule, f.where) not in self.acknowledgements
        ]

    def acknowledgement_for(self, finding: Finding) -> WarningAcknowledgement | None:
        return self.acknowledgements.get((finding.rule, finding.where))

    @property
    def may_approve(self) -> bool:
        return not (self.errors or self.unacknowledged or self.gaps)


def _acknowledgements(
    report: AnnualReport,
) -> dict[tuple[str, str], WarningAcknowledgement]:
    return {
        (a.rule, a.where): a
        for a in WarningAcknowledgement.objects.filter(report=report).select_related(
            "by"
        )
    }


def report_check(*, report: AnnualReport) -> CheckResult:
    """Run every rule on a report version: the live build for a draft, the frozen
    snapshot otherwise."""
    previous = report_previous(agency=report.agency, year=report.year)
    built: Built | None = None
    if report.snapshot is not None:
        subject = snapshot_report(report)
    else:
        built = report_build_full(agency=report.agency, year=report.year, report=report)
        subject = built.report
    texts = {"preamble": subject.preamble, **subject.sections}
    return CheckResult(
        report=subject,
        findings=check_report(subject, previous=previous),
        acknowledgements=_acknowledgements(report),
        gaps=has_gaps(texts),
        built=built,
        has_previous=previous is not None,
    )


def report_check_frozen(*, report: Report, agency: Agency) -> list[Finding]:
    """Every rule on a frozen report, against the previous year's report."""
    previous = report_previous(agency=agency, year=report.year)
    return check_report(report, previous=previous)
