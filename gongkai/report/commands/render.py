"""``gongkai report render INPUT.json --format html|docx|pdf|md|json -o OUT``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..cliutil import EXIT_OK, UnusableInput, fail, load
from ..render import FORMATS, render, render_html


def run(args: argparse.Namespace) -> int:
    try:
        report = load(args.input)
    except UnusableInput as exc:
        return fail(str(exc))
    binary = FORMATS[args.format][1]
    if args.output is None and binary:
        return fail(f"{args.format} 是二进制格式，请用 -o 指定输出文件")
    if args.format == "html" and args.fragment:
        data = render_html(report).encode()
    else:
        data = render(report, args.format)
    if args.output is None:
        sys.stdout.write(data.decode())
        return EXIT_OK
    try:
        Path(args.output).write_bytes(data)
    except OSError as exc:
        return fail(f"无法写入 {args.output}：{exc.strerror or exc}")
    print(f"已生成 {args.output}（{args.format}，{len(data)} 字节）", file=sys.stderr)
    return EXIT_OK


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "render",
        help="按官方版式渲染年度报告 / render a report in the official layout",
        description="把年度报告 JSON 渲染为 HTML、DOCX、PDF、Markdown 或 JSON（官方表格版式）。",
    )
    parser.add_argument("input", metavar="INPUT.json", help="年度报告 JSON 文件")
    parser.add_argument(
        "--format",
        "-f",
        choices=list(FORMATS),
        default="html",
        help="输出格式（默认 html）",
    )
    parser.add_argument(
        "-o", "--output", metavar="OUT", help="输出文件（文本格式缺省时输出到标准输出）"
    )
    parser.add_argument(
        "--fragment", action="store_true", help="HTML 只输出片段（不含 <html> 页面）"
    )
    parser.set_defaults(func=run)
