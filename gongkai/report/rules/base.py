"""Findings and the rule registry.

A rule is a small function ``(report, previous) -> iterable of (message, where)``,
registered with its stable ID and severity (``annual-report-spec.md`` §6). Its docstring
cites the article or format clause it enforces.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from ..model import Cell, Report

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")

Hits = Iterable[tuple[str, str]]
RuleFunc = Callable[[Report, Report | None], Hits]


@dataclass(frozen=True)
class Finding:
    """One finding: rule ID, severity, a Chinese message, and where (a cell path or excerpt)."""

    rule: str
    severity: Severity
    message: str
    where: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "where": self.where,
        }


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    func: RuleFunc

    @property
    def doc(self) -> str:
        return (self.func.__doc__ or "").strip()

    def run(self, report: Report, previous: Report | None) -> Iterator[Finding]:
        for message, where in self.func(report, previous):
            yield Finding(self.id, self.severity, message, where)


RULES: dict[str, Rule] = {}


def rule(rule_id: str, severity: Severity) -> Callable[[RuleFunc], RuleFunc]:
    """Register a rule function under its stable ID."""

    def register(func: RuleFunc) -> RuleFunc:
        if rule_id in RULES:
            raise ValueError(f"重复的规则 ID：{rule_id}")
        RULES[rule_id] = Rule(rule_id, severity, func)
        return func

    return register


def fmt(value: Cell) -> str:
    """A number as printed in a message (``12.5``, not ``Decimal('12.5')``)."""
    if value is None:
        return "空白"
    if isinstance(value, Decimal):
        return (
            format(value.normalize(), "f")
            if value == value.to_integral_value()
            else str(value)
        )
    return str(value)


def values(report: Report, paths: Iterable[str]) -> list[int | Decimal] | None:
    """The values at ``paths``, or ``None`` when any is blank (the rule is then skipped;
    ``VAL.BLANK`` reports the blank cell)."""
    out: list[int | Decimal] = []
    for path in paths:
        value = report.cell(path)
        if value is None:
            return None
        out.append(value)
    return out
