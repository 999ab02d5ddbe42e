"""Rules about the format's structure: sections, rows, legacy labels."""

from __future__ import annotations

from ..labels import SECTION_HEADINGS
from ..model import SECTION_KEYS, Report, row_label
from .base import Hits, rule


@rule("FMT.SECTION_MISSING", "error")
def fmt_section_missing(report: Report, previous: Report | None) -> Hits:
    """The six sections 一 to 六 are all present, in the format's order
    (国办公开办函〔2021〕30号; Art. 50 lists the report's contents)."""
    for key in SECTION_KEYS:
        if report.sections.get(key) is None:
            yield f"缺少「{SECTION_HEADINGS[key]}」部分", f"sections.{key}"
    seen = [key for key in report.section_order if key in SECTION_KEYS]
    expected = [key for key in SECTION_KEYS if key in seen]
    if seen != expected:
        shown = "、".join(SECTION_HEADINGS[key].split("、")[0] for key in seen)
        yield f"各部分顺序与格式不符：原文顺序为 {shown}", "sections"


@rule("FMT.ROW_MISSING", "error")
def fmt_row_missing(report: Report, previous: Report | None) -> Hits:
    """Every row of tables 2–4 is printed (国办公开办函〔2021〕30号: the tables are fixed;
    a row with nothing to report shows 0)."""
    for row_path in report.missing_rows:
        yield f"缺少{row_label(row_path)}", row_path


@rule("FMT.LEGACY", "warning")
def fmt_legacy(report: Report, previous: Report | None) -> Hits:
    """Rows or columns of the 2019 trial format do not belong to the 2021 format
    (国办公开办函〔2021〕30号 replaced it from the 2021 reports on)."""
    for label in report.legacy_labels:
        yield (
            f"出现 2019 年试行格式的行或列「{label}」，已按 2021 年格式尽量对应",
            label,
        )
