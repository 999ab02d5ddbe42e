"""Benchmark: validating and rendering one annual report (the seed report).

Targets (issue 3): validation well under 1 ms; HTML render under 20 ms; PDF under 1 s.
Prints medians; run with ``make bench`` or ``.venv/bin/python benchmarks/bench_report.py``.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gongkai.report.jsonio import report_from_json  # noqa: E402
from gongkai.report.render import (  # noqa: E402
    render_docx,
    render_html,
    render_markdown,
    render_pdf,
)
from gongkai.report.rules import check_report  # noqa: E402
from gongkai.report.textfigures import clear_cache  # noqa: E402

SEED = ROOT / "tests" / "fixtures" / "reports" / "zhongwei-justice-bureau-2023.json"


def median_ms(func: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median wall-clock and CPU milliseconds of ``runs`` calls (CPU time is less
    disturbed when other processes share the machine)."""
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        func()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def validate_cold(report, previous=None):  # type: ignore[no-untyped-def]
    """Validation including the text scan (its cache is cleared first)."""
    clear_cache()
    return check_report(report, previous=previous)


def main() -> None:
    text = SEED.read_text(encoding="utf-8")
    report = report_from_json(text)
    previous = report.copy()
    previous.year -= 1
    pdf_cold = median_ms(lambda: render_pdf(report), 1)
    rows = [
        ("parse JSON → Report", median_ms(lambda: report_from_json(text), 2000), 2000),
        ("validate (all rules)", median_ms(lambda: validate_cold(report), 2000), 2000),
        (
            "validate, text scan cached",
            median_ms(lambda: check_report(report), 2000),
            2000,
        ),
        (
            "validate with previous year",
            median_ms(lambda: validate_cold(report, previous), 2000),
            2000,
        ),
        ("render HTML fragment", median_ms(lambda: render_html(report), 500), 500),
        (
            "render HTML standalone",
            median_ms(lambda: render_html(report, standalone=True), 500),
            500,
        ),
        ("render Markdown", median_ms(lambda: render_markdown(report), 500), 500),
        ("render DOCX", median_ms(lambda: render_docx(report), 20), 20),
        ("render PDF (warm)", median_ms(lambda: render_pdf(report), 5), 5),
    ]
    rows.append(("render PDF (cold, first call)", pdf_cold, 1))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"seed report {SEED.name}; medians; load average {load:.2f}")
    print(f"  {'':<30} {'wall ms':>10} {'CPU ms':>10}")
    for name, (wall, cpu), runs in rows:
        print(f"  {name:<30} {wall:10.3f} {cpu:10.3f}  (median of {runs})")


if __name__ == "__main__":
    main()
