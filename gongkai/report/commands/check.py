"""``gongkai report check [--json] [--previous FILE] FILE...``: check published reports.

Reads each file as published (text, HTML, DOCX, PDF, Markdown), recovers its tables,
fills the report model and runs the rules of ``annual-report-spec.md`` §6. Reports of
one agency for consecutive years given together are also checked against each other.
Exit code: 0 no error finding, 1 an error finding, 2 a file could not be read at all.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..parsers.checker import check_many, dumps, read_report
from ..parsers.errors import ReaderError
from ..parsers.reader import MAX_BYTES

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


def run(args: argparse.Namespace) -> int:
    from ..parsers.display import render_text

    previous = None
    if args.previous:
        try:
            previous, _, _ = read_report(load(args.previous))
        except ReaderError as exc:
            print(f"上年报告 {args.previous} 无法读取：{exc}", file=sys.stderr)
            return EXIT_UNUSABLE
    items: list[tuple[str, bytes]] = []
    unreadable: dict[str, str] = {}
    for path in args.files:
        try:
            items.append((path, load(path)))
        except ReaderError as exc:
            unreadable[path] = str(exc)
            items.append((path, b""))
    results = check_many(items, previous=previous)
    for result in results:
        if result.file in unreadable:
            result.error = unreadable[result.file]
    if previous is not None and not any(r.previous_year for r in results):
        print(
            f"提示：上年报告为 {previous.year} 年，没有 {previous.year + 1} 年的报告可与之核对。",
            file=sys.stderr,
        )
    if args.json:
        print(dumps(results))
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
    parser.add_argument("files", nargs="+", metavar="FILE", help="要检查的报告文件")
    parser.add_argument(
        "--json",
        action="store_true",
        help="输出 JSON 数组，每个文件一个对象（annual-report-spec.md §5）",
    )
    parser.add_argument(
        "--previous",
        metavar="FILE",
        help="同一机关上一年度的报告（任一格式或报告 JSON），用于跨年核对",
    )
    parser.set_defaults(func=run)
