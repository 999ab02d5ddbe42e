"""``gongkai report check [--json | --summary] [--csv OUT] [--jobs N] [--previous FILE]
FILE_OR_DIR...``: check published reports.

Reads each file as published (text, HTML, DOCX, PDF, Markdown), recovers its tables,
fills the report model and runs the rules of ``annual-report-spec.md`` §6. Reports of
one agency for consecutive years given together are also checked against each other.
A directory stands for the report files under it (by extension, hidden ones excepted),
so a whole year's collection is checked with one command; ``--jobs`` spreads the files
over several processes and ``--summary`` / ``--csv`` give one line per file.
Exit code: 0 no error finding, 1 an error finding, 2 a file could not be read at all.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..model import Report
from ..parsers.checker import (
    CheckResult,
    check_bytes,
    dumps,
    link_results,
    read_report,
)
from ..parsers.errors import ReaderError
from ..parsers.reader import MAX_BYTES

# Files taken from a directory: what reports are published as. Files named explicitly
# are always checked (their type is told by content, not by name).
REPORT_SUFFIXES = frozenset(
    {".txt", ".text", ".htm", ".html", ".shtml", ".xhtml", ".md", ".markdown"}
    | {".docx", ".pdf", ".json"}
)
# Below this many files one process is quicker than starting workers.
PARALLEL_FROM = 8

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_UNUSABLE = 2


def load(path: str) -> bytes:
    """The bytes of a file, or :class:`ReaderError` saying why not."""
    file = Path(path)
    try:
        if not file.exists():
            raise ReaderError("文件不存在。")
        if file.is_dir():
            raise ReaderError("这是一个目录，不是文件。")
        if file.stat().st_size > MAX_BYTES:
            raise ReaderError("文件超过 20 MB，不予检查。")
        return file.read_bytes()
    except OSError as exc:
        raise ReaderError(f"无法读取文件：{exc.strerror or exc}") from exc


def expand(paths: Sequence[str]) -> tuple[list[str], int]:
    """The files to check: explicit files as given, directories walked in name order.
    Returns the files and how many files under the directories were not report files."""
    files: list[str] = []
    skipped = 0
    for given in paths:
        root = Path(given)
        if not root.is_dir():
            files.append(given)
            continue
        for path in sorted(root.rglob("*")):
            if any(part.startswith(".") for part in path.relative_to(root).parts):
                continue
            if not path.is_file():
                continue
            if path.suffix.lower() in REPORT_SUFFIXES:
                files.append(str(path))
            else:
                skipped += 1
    return files, skipped


def check_path(path: str) -> CheckResult:
    """Read and check one file (in a worker process when ``--jobs`` > 1)."""
    try:
        data = load(path)
    except ReaderError as exc:
        return CheckResult(file=path, error=str(exc))
    return check_bytes(data, name=path)


def check_paths(files: Sequence[str], jobs: int) -> Iterator[CheckResult]:
    """Results in the order of ``files``; only one file's bytes are held at a time per
    process, so a collection of any size is checked in bounded memory."""
    if jobs <= 1 or len(files) < PARALLEL_FROM:
        yield from map(check_path, files)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(check_path, files, chunksize=4)


def _progress(done: int, total: int) -> None:
    if total >= PARALLEL_FROM and sys.stderr.isatty():
        end = "\n" if done == total else ""
        print(f"\r已检查 {done}/{total}", end=end, file=sys.stderr, flush=True)


def write_csv(path: str, results: Sequence[CheckResult]) -> bool:
    """The summary as CSV, UTF-8 with a byte-order mark (which Excel needs to read
    Chinese); False, with the reason said, when the file cannot be written."""
    from ..parsers.display import SUMMARY_COLUMNS, summary_row

    try:
        with open(path, "w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(SUMMARY_COLUMNS)
            writer.writerows(summary_row(r) for r in results)
    except OSError as exc:
        print(f"无法写入 {path}：{exc.strerror or exc}", file=sys.stderr)
        return False
    return True


def check_all(
    files: Sequence[str], jobs: int, previous: Report | None
) -> list[CheckResult]:
    """Check every file (``jobs`` 0: one process per core), then across years."""
    results: list[CheckResult] = []
    for result in check_paths(files, jobs if jobs > 0 else (os.cpu_count() or 1)):
        results.append(result)
        _progress(len(results), len(files))
    link_results(results, previous=previous)
    if previous is not None and not any(r.previous_year for r in results):
        print(
            f"提示：上年报告为 {previous.year} 年，没有 {previous.year + 1} 年的报告可与之核对。",
            file=sys.stderr,
        )
    return results


def run(args: argparse.Namespace) -> int:
    from ..parsers.display import render_text, summary

    if args.json and args.summary:
        print("参数错误：--json 与 --summary 只能选一个。", file=sys.stderr)
        return EXIT_UNUSABLE
    previous = None
    if args.previous:
        try:
            previous, _, _ = read_report(load(args.previous))
        except ReaderError as exc:
            print(f"上年报告 {args.previous} 无法读取：{exc}", file=sys.stderr)
            return EXIT_UNUSABLE
    files, skipped = expand(args.files)
    if skipped:
        print(
            f"提示：目录中有 {skipped} 个文件不是报告文件类型，已跳过。",
            file=sys.stderr,
        )
    if not files:
        print("没有可检查的报告文件。", file=sys.stderr)
        return EXIT_UNUSABLE
    results = check_all(files, args.jobs, previous)
    if args.csv and not write_csv(args.csv, results):
        return EXIT_UNUSABLE
    if args.json:
        print(dumps(results))
    elif args.summary:
        print(summary(results), end="")
    else:
        print("\n".join(render_text(r) for r in results), end="")
    if any(r.report is None for r in results):
        return EXIT_UNUSABLE
    return EXIT_FINDINGS if any(r.has_errors for r in results) else EXIT_OK


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check",
        help="检查已发布的年度报告（文本、网页、DOCX、PDF）/ check published reports",
        description=(
            "读取已发布的政府信息公开工作年度报告（纯文本、HTML、DOCX、带文本层的 PDF、"
            "Markdown），恢复表二至表四，按规则检查并指出问题所在。"
            "退出码：0 无错误，1 有错误，2 有文件无法读取。"
        ),
    )
    parser.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="要检查的报告文件；目录则检查其中（含子目录）全部报告文件",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="输出 JSON 数组，每个文件一个对象（annual-report-spec.md §5）",
    )
    parser.add_argument(
        "--summary",
        action="store_true",
        help="每个文件只输出一行（机关、年度、错误和警告数、规则），最后给出合计",
    )
    parser.add_argument(
        "--csv",
        metavar="OUT",
        help="另把每个文件一行的汇总写入 CSV 文件（UTF-8，Excel 可直接打开）",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=0,
        metavar="N",
        help="同时使用的进程数（默认：本机处理器数；文件少时只用一个）",
    )
    parser.add_argument(
        "--previous",
        metavar="FILE",
        help="同一机关上一年度的报告（任一格式或报告 JSON），用于跨年核对",
    )
    parser.set_defaults(func=run)
