"""``gongkai report schema``: print the JSON Schema of a report."""

from __future__ import annotations

import argparse
import json

from ..schema import report_schema


def run(args: argparse.Namespace) -> int:
    print(json.dumps(report_schema(), ensure_ascii=False, indent=2))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "schema",
        help="打印年度报告 JSON 的 JSON Schema / print the report's JSON Schema",
        description="打印年度报告 JSON（annual-report-spec.md §5）的 JSON Schema（draft 2020-12）。",
    )
    parser.set_defaults(func=run)
