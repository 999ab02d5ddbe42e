"""Checking published reports: read, recover the tables, fill the report model, run the
rules (spec §6), across years when several reports of one agency are checked together.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..jsonio import ReportFormatError, report_from_json, report_to_json
from ..model import T3_ROWS, T4_GROUPS, Report
from ..rules import Finding, check_report, has_errors
from . import detect, meta
from .errors import Deadline, ReaderError
from .flat import scan_flat
from .glued import Value
from .grid import read_grids
from .ir import Document
from .reader import read_document
from .resolve import Resolution, apply, place_unlabelled, resolve

# Time budget per file for the glued-digit search (the rest of the work is linear).
SEARCH_SECONDS = 5.0


@dataclass
class CheckResult:
    """The outcome for one file: the recovered report and its findings, or why the file
    could not be read."""

    file: str
    report: Report | None = None
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    source_format: str | None = None
    # For each cell left blank as uncertain: the values its competing readings gave.
    alternatives: dict[str, list[Value]] = field(default_factory=dict)
    previous_year: int | None = None

    @property
    def has_errors(self) -> bool:
        return has_errors(self.findings)

    def to_json(self) -> dict[str, Any]:
        """One object of the ``gongkai report check --json`` array (spec §5)."""
        if self.report is None:
            return {
                "file": self.file,
                "error": self.error,
                "findings": [],
                "inferred": [],
            }
        return {
            "file": self.file,
            **report_to_json(self.report),
            "findings": [f.to_dict() for f in self.findings],
            "inferred": list(self.report.inferred),
        }


def _all_rows() -> set[str]:
    from ..model import T2_ROWS

    return (
        {f"table2.{r}" for r in T2_ROWS}
        | {f"table3.{r}" for r in T3_ROWS}
        | {f"table4.{g}" for g in T4_GROUPS}
    )


def recover_tables(
    document: Document, deadline: Deadline
) -> tuple[Resolution, list[str]]:
    """Cell values of tables 2–4, and the 2019-format labels met."""
    grid = read_grids(document, deadline=deadline)
    readings = dict(grid.readings)
    for reading in place_unlabelled(grid, deadline):
        readings.setdefault(reading.row_path, reading)
    wanted = _all_rows() - set(readings)
    if "table4.*" in readings:
        wanted -= {f"table4.{g}" for g in T4_GROUPS}
    if not any(path.startswith("table4.") for path in readings):
        wanted.add("table4.*")
    legacy = list(grid.legacy)
    if wanted:
        text = "\n".join(document.text_blocks())
        flat = scan_flat(text, wanted, deadline=deadline)
        for path, reading in flat.readings.items():
            readings.setdefault(path, reading)
        legacy += [label for label in flat.legacy if label not in legacy]
    return resolve(readings, deadline=deadline), legacy


def build_report(document: Document) -> tuple[Report, Resolution]:
    """The report model filled from a read document."""
    deadline = Deadline(SEARCH_SECONDS)
    lines = document.text_blocks()
    agency, year = meta.title(lines, document.meta.get("title", ""))
    report = Report.empty(
        agency=agency,
        year=year or 0,
        level=meta.level_of(agency) if agency else "department",  # type: ignore[arg-type]
    )
    info = meta.Meta()
    meta.sections("\n".join(lines), info)
    report.preamble = info.preamble
    report.sections = info.sections
    report.section_order = info.section_order
    if year is not None:
        report.published_on = meta.published(
            lines, year, document.meta.get("published", "")
        )
    resolution, legacy = recover_tables(document, deadline)
    read_any = any(value is not None for value in resolution.values.values())
    if not resolution.values or not (read_any or (agency and year)):
        # Nothing of tables 2–4, or a text without a report title in which not one
        # number could be read (a note that quotes a few labels is not a report).
        raise ReaderError(_no_tables_message(agency, year))
    apply(report, resolution)
    report.legacy_labels = legacy
    return report, resolution


def _no_tables_message(agency: str, year: int | None) -> str:
    """Why a readable file with none of tables 2–4 is not checked (rather than reporting
    every row of the format as missing)."""
    found = f"{agency}{year}年度报告" if agency and year else "年度报告"
    if agency or year:
        return (
            f"未找到统计表：文件中有{found}的文字，但表二、表三、表四一行也没有找到。"
            "表格可能是图片，或报告只发布了正文。"
        )
    return (
        "未找到年度报告：文件中既没有年度报告的标题，也没有读出表二、表三、表四的任何数字。"
        "请确认上传的是政府信息公开工作年度报告。"
    )


def read_report(data: bytes) -> tuple[Report, Resolution, str]:
    """Read a published report (or a report JSON) from bytes."""
    kind = detect.detect_format(data)
    if kind == detect.JSON:
        try:
            return report_from_json(data), Resolution(), kind
        except ReportFormatError as exc:
            raise ReaderError(f"报告 JSON 无法读取：{exc}") from exc
    document = read_document(data)
    report, resolution = build_report(document)
    return report, resolution, document.source_format


def check_bytes(
    data: bytes, *, name: str, previous: Report | None = None
) -> CheckResult:
    """Check one file's content; never raises for bad input."""
    try:
        report, resolution, kind = read_report(data)
    except ReaderError as exc:
        return CheckResult(file=name, error=str(exc))
    result = CheckResult(
        file=name,
        report=report,
        source_format=kind,
        alternatives=dict(resolution.uncertain),
    )
    _run_rules(result, previous)
    return result


def _run_rules(result: CheckResult, previous: Report | None) -> None:
    assert result.report is not None
    usable = previous is not None and previous.year == result.report.year - 1
    result.findings = check_report(result.report, previous=previous if usable else None)
    result.previous_year = previous.year if usable and previous else None


def _agency_key(report: Report) -> str:
    return meta._nfkc_compact(report.agency)


def link_years(results: Sequence[CheckResult]) -> None:
    """Re-check each report against the same agency's report for the year before, when
    both are among ``results`` (X.CARRY_CHAIN, X.T2_IN_FORCE)."""
    by_key: dict[tuple[str, int], CheckResult] = {}
    for result in results:
        if result.report is not None and result.report.agency and result.report.year:
            by_key.setdefault((_agency_key(result.report), result.report.year), result)
    for (agency, year), result in by_key.items():
        before = by_key.get((agency, year - 1))
        if before is not None and before.report is not None:
            _run_rules(result, before.report)


def check_many(
    items: Sequence[tuple[str, bytes]], *, previous: Report | None = None
) -> list[CheckResult]:
    """Check several files; consecutive years of one agency are checked against each
    other, and ``previous`` is used for the files of the year after it."""
    results = [check_bytes(data, name=name) for name, data in items]
    link_results(results, previous=previous)
    return results


def link_results(
    results: Sequence[CheckResult], *, previous: Report | None = None
) -> None:
    """The cross-year checks of results obtained one by one (possibly in other
    processes): consecutive years of one agency, and ``previous`` for the year after."""
    link_years(results)
    if previous is not None:
        for result in results:
            if result.report is not None and result.report.year == previous.year + 1:
                _run_rules(result, previous)


def dumps(results: Sequence[CheckResult]) -> str:
    return json.dumps([r.to_json() for r in results], ensure_ascii=False, indent=2)
