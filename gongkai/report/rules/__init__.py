"""The consistency rules of ``annual-report-spec.md`` §6 and ``check_report``.

Each rule is a small registered function (see ``base.rule``); ``RULES`` maps the stable
rule IDs to them, in the spec's order.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Report
from . import cross, structure, tables, text, values  # noqa: F401  (registers the rules)
from .base import RULES, SEVERITIES, Finding, Rule, Severity, rule

__all__ = [
    "RULES",
    "RULE_IDS",
    "SEVERITIES",
    "Finding",
    "Rule",
    "Severity",
    "check_report",
    "has_errors",
    "rule",
]

RULE_IDS: tuple[str, ...] = (
    "T3.BALANCE",
    "T3.ROW_TOTAL",
    "T3.OUTCOME_TOTAL",
    "T4.GROUP_TOTAL",
    "VAL.NEGATIVE",
    "VAL.NOT_INTEGER",
    "VAL.BLANK",
    "VAL.UNCERTAIN",
    "FMT.SECTION_MISSING",
    "FMT.ROW_MISSING",
    "FMT.LEGACY",
    "X.CARRY_CHAIN",
    "X.T2_IN_FORCE",
    "TXT.MISMATCH",
    "TXT.CONTRADICTION",
    "PUB.LATE",
)
assert set(RULE_IDS) == set(RULES), sorted(set(RULE_IDS) ^ set(RULES))


def check_report(
    report: Report, *, previous: Report | None = None, only: Iterable[str] | None = None
) -> list[Finding]:
    """Run every rule (or those in ``only``) and return the findings in rule order.

    ``previous`` is the same agency's report for the year before; the cross-year rules
    (``X.*``) run only with it. Raises ``ValueError`` if its year is not ``year − 1``.
    """
    if previous is not None and previous.year != report.year - 1:
        raise ValueError(
            f"上年报告的年度应为 {report.year - 1}，实际为 {previous.year}"
        )
    selected = RULE_IDS if only is None else [r for r in RULE_IDS if r in set(only)]
    findings: list[Finding] = []
    for rule_id in selected:
        findings.extend(RULES[rule_id].run(report, previous))
    return findings


def has_errors(findings: Iterable[Finding]) -> bool:
    """A report with no error finding is consistent (spec §6)."""
    return any(f.severity == "error" for f in findings)
