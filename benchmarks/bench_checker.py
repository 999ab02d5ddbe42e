"""Report checker throughput (reports per second, one core) and PDF memory.

Run: ``make bench`` (or ``.venv/bin/python benchmarks/bench_checker.py``). Inputs are the
real fixtures and reports rendered by the project's renderers with random figures; the
whole check is timed (read, recover the tables, run the rules). Targets: text and HTML
≥ 100/s, DOCX ≥ 20/s, text-layer PDF ≥ 5/s; a 50-page PDF must not need much more memory
than a 5-page one (pages are read one at a time).
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gongkai.report.jsonio import report_from_json  # noqa: E402
from gongkai.report.model import (  # noqa: E402
    T2_ROWS,
    T3_APPLICANT_COLUMNS,
    T3_OUTCOME_ROWS,
    T3_ROWS,
    T4_CELLS,
    T4_GROUPS,
    Report,
)
from gongkai.report.parsers.checker import check_bytes  # noqa: E402
from gongkai.report.render import (  # noqa: E402
    render_docx,
    render_html,
    render_markdown,
    render_pdf,
)

FIXTURES = ROOT / "tests" / "fixtures" / "reports"
SECONDS = 3.0
COLLECTION_PER_KIND = 250
TARGETS = {"text": 100, "markdown": 100, "html": 100, "docx": 20, "pdf": 5}


def seed() -> Report:
    text = (FIXTURES / "zhongwei-justice-bureau-2023.json").read_text(encoding="utf-8")
    return report_from_json(text)


def random_report(rng: random.Random) -> Report:
    """The seed's text with random, consistent tables."""
    report = seed()
    for row, cells in T2_ROWS.items():
        for cell in cells:
            value = rng.randint(0, 200)
            report.set_cell(
                f"table2.{row}.{cell}",
                Decimal(value) / 10 if cell == "amount_wan_yuan" else value,
            )
    for col in T3_APPLICANT_COLUMNS:
        processed = 0
        for row in T3_OUTCOME_ROWS:
            value = rng.choice([0, 0, 0, rng.randint(1, 40)])
            report.set_cell(f"table3.{row}.{col}", value)
            processed += value
        report.set_cell(f"table3.processed_total.{col}", processed)
        report.set_cell(f"table3.carried_over.{col}", 0)
        report.set_cell(f"table3.carried_forward.{col}", 0)
        report.set_cell(f"table3.new_received.{col}", processed)
    for row in T3_ROWS:
        total = sum(report.cell(f"table3.{row}.{c}") for c in T3_APPLICANT_COLUMNS)
        report.set_cell(f"table3.{row}.total", total)
    for group in T4_GROUPS:
        parts = [rng.randint(0, 3) for _ in T4_CELLS[:-1]]
        for cell, value in zip(T4_CELLS, [*parts, sum(parts)], strict=True):
            report.set_cell(f"table4.{group}.{cell}", value)
    return report


def rate(samples: list[bytes]) -> tuple[float, float, int]:
    """Checks per second of CPU time of this one process (one core), and per second of
    wall-clock time (lower on a busy machine), over at least ``SECONDS`` of CPU time."""
    count = 0
    cpu, wall = time.process_time(), time.perf_counter()
    while True:
        for data in samples:
            result = check_bytes(data, name="bench")
            assert result.report is not None, result.error
            count += 1
        used = time.process_time() - cpu
        if used >= SECONDS:
            return count / used, count / (time.perf_counter() - wall), count


def long_pdf(pages_of_text: int) -> bytes:
    """A report whose text runs to many pages (the tables stay on their pages)."""
    report = random_report(random.Random(pages_of_text))
    filler = (report.sections["overview"] or "") * pages_of_text
    report.sections["overview"] = filler
    return render_pdf(report)


MEMORY_PROBE = """
import sys, time
sys.path.insert(0, {root!r})
from gongkai.report.parsers.checker import check_bytes


def peak_kb():
    # VmHWM: this process's own peak resident memory (ru_maxrss would include the
    # high-water mark inherited from the parent across fork and exec)
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


before = peak_kb()
data = open({path!r}, "rb").read()
start = time.perf_counter()
result = check_bytes(data, name="long")
seconds = time.perf_counter() - start
assert result.report is not None, result.error
print(before, peak_kb(), seconds)
"""


def memory(path: Path) -> tuple[float, float, float]:
    """Peak resident memory (MB) of a fresh process before and after checking the file,
    and the time the check took."""
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", MEMORY_PROBE.format(root=str(ROOT), path=str(path))],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return int(out[0]) / 1024, int(out[1]) / 1024, float(out[2])


def page_count(data: bytes) -> int:
    import pypdfium2

    return len(pypdfium2.PdfDocument(data))


def collection(root: Path, rng: random.Random, per_kind: int) -> int:
    """A directory of reports as an evaluator collects them: text, Markdown, HTML and
    DOCX (``per_kind`` of each) and a tenth as many text-layer PDFs. Returns bytes."""
    size = 0
    makers = {
        "txt": None,
        "md": lambda r: render_markdown(r).encode(),
        "html": lambda r: render_html(r, standalone=True).encode(),
        "docx": render_docx,
    }
    texts = [
        (FIXTURES / "zhongwei-justice-bureau-2023-annual-report.txt").read_bytes(),
        (FIXTURES / "pingtan-zone-2021.txt").read_bytes(),
    ]
    for kind, make in makers.items():
        folder = root / kind
        folder.mkdir()
        for i in range(per_kind):
            data = texts[i % 2] if make is None else make(random_report(rng))
            (folder / f"{i:05d}.{kind}").write_bytes(data)
            size += len(data)
    (root / "pdf").mkdir()
    for i in range(max(1, per_kind // 10)):
        data = render_pdf(random_report(rng))
        (root / "pdf" / f"{i:05d}.pdf").write_bytes(data)
        size += len(data)
    return size


def _hwm_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as children:
            return [int(p) for p in children.read().split()]
    except OSError:
        return []


def check_collection(root: Path, jobs: int) -> tuple[float, float, int]:
    """Wall time of ``gongkai report check --summary --jobs N DIR`` in a fresh process,
    the largest peak resident memory (VmHWM, sampled every 20 ms) of any of its
    processes in MB, and the file count."""
    import tempfile

    # Output goes to a file: a pipe nobody reads while sampling would fill and block.
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "gongkai.report", "check", "--summary"]
            + ["--jobs", str(jobs), str(root)],
            stdout=out,
            stderr=err,
            cwd=ROOT,
        )
        peaks: dict[int, int] = {}
        while proc.poll() is None:
            for pid in [proc.pid, *_children(proc.pid)]:
                peaks[pid] = max(peaks.get(pid, 0), _hwm_kb(pid))
            time.sleep(0.02)
        seconds = time.perf_counter() - start
        err.seek(0)
        assert proc.returncode in (0, 1), err.read()
        out.seek(0)
        files = len(out.read().splitlines()) - 2
    return seconds, max(peaks.values()) / 1024, files


def main() -> None:
    rng = random.Random(2024)
    reports = [random_report(rng) for _ in range(5)]
    samples = {
        "text": [
            (FIXTURES / "zhongwei-justice-bureau-2023-annual-report.txt").read_bytes(),
            (FIXTURES / "pingtan-zone-2021.txt").read_bytes(),
        ],
        "markdown": [render_markdown(r).encode() for r in reports]
        + [(FIXTURES / "shanghai-stcsm-2024.md").read_bytes()],
        "html": [render_html(r, standalone=True).encode() for r in reports],
        "docx": [render_docx(r) for r in reports[:3]],
        "pdf": [render_pdf(r) for r in reports[:3]],
    }
    print("Report checker throughput, one process (reports per second of CPU time;")
    print("wall-clock rate in brackets):")
    figures = {}
    for kind, data in samples.items():
        per_second, per_wall_second, count = rate(data)
        figures[kind] = per_second
        verdict = "ok" if per_second >= TARGETS[kind] else "BELOW TARGET"
        print(
            f"  {kind:9s} {per_second:8.1f}/s  ({per_wall_second:.1f}/s wall; "
            f"{count} checks; target ≥ {TARGETS[kind]}/s) {verdict}"
        )
    print("PDF memory (peak resident memory of a fresh process checking one file):")
    tmp = Path("/tmp") if Path("/tmp").is_dir() else ROOT
    for label, filler in (("short", 1), ("long", 48)):
        data = long_pdf(filler)
        path = tmp / f"gongkai-bench-{label}.pdf"
        path.write_bytes(data)
        try:
            before, peak, seconds = memory(path)
        finally:
            path.unlink()
        pages = page_count(data)
        figures[f"pdf_{pages}_pages_peak_mb"] = peak
        print(
            f"  {pages:3d} pages ({len(data) / 1024:.0f} KB): peak {peak:.1f} MB "
            f"(after imports {before:.1f} MB), checked in {seconds:.2f} s"
        )
    print("A collection checked by one command (gongkai report check --summary DIR):")
    import tempfile

    with tempfile.TemporaryDirectory(prefix="gongkai-bench-collection-") as tmp_dir:
        root = Path(tmp_dir)
        size = collection(root, random.Random(7), per_kind=COLLECTION_PER_KIND)
        timings = {}
        for jobs in (1, 2):
            seconds, peak, files = check_collection(root, jobs)
            timings[jobs] = seconds
            figures[f"collection_jobs{jobs}_files_per_s"] = files / seconds
            print(
                f"  --jobs {jobs}: {files} files ({size / 1e6:.1f} MB) in {seconds:.1f} s "
                f"= {files / seconds:.1f} files/s; peak memory of the largest "
                f"process {peak:.1f} MB"
            )
        figures["collection_speedup_2_jobs"] = timings[1] / timings[2]
        print(f"  2 processes ÷ 1 process: {timings[1] / timings[2]:.2f}× faster")
    print(json.dumps({k: round(v, 2) for k, v in figures.items()}))


if __name__ == "__main__":
    main()
