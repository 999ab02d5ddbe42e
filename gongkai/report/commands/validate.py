"""``gongkai report validate INPUT.json [--previous PREV.json] [--json]``.

Exit code 0 when there is no error finding, 1 when there are error findings, 2 when the
input is unusable (with a Chinese message, no traceback).
"""

from __future__ import annotations

import argparse
import json

from ..cliutil import EXIT_FINDINGS, EXIT_OK, UnusableInput, fail, load
from ..jsonio import report_to_json
from ..rules import Finding, check_report, has_errors

SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}


def summary(findings: list[Finding]) -> str:
    errors = sum(f.severity == "error" for f in findings)
    warnings = sum(f.severity == "warning" for f in findings)
    verdict = "存在错误" if errors else "一致（无错误）"
    return f"{errors} 个错误，{warnings} 个警告：{verdict}"


def _print_text(path: str, findings: list[Finding]) -> None:
    for f in findings:
        print(f"[{SEVERITY_NAMES[f.severity]}] {f.rule} {f.where}：{f.message}")
    print(f"{path}：{summary(findings)}")


def run(args: argparse.Namespace) -> int:
    try:
        report = load(args.input)
        previous = load(args.previous, what="上年报告") if args.previous else None
        findings = check_report(report, previous=previous)
    except UnusableInput as exc:
        return fail(str(exc))
    except ValueError as exc:  # e.g. the previous report is not of the year before
        return fail(str(exc))
    if args.json:
        out = {
            **report_to_json(report),
            "file": args.input,
            "findings": [f.to_dict() for f in findings],
        }
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        _print_text(args.input, findings)
    return EXIT_FINDINGS if has_errors(findings) else EXIT_OK


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="按规则校验年度报告 JSON / validate a report JSON against the rules",
        description=(
            "按 annual-report-spec.md §6 的规则校验年度报告 JSON。"
            "退出码：0 无错误；1 有错误；2 输入无法使用。"
        ),
    )
    parser.add_argument("input", metavar="INPUT.json", help="年度报告 JSON 文件")
    parser.add_argument(
        "--previous", metavar="PREV.json", help="上一年度的报告 JSON（跨年度规则）"
    )
    parser.add_argument(
        "--json", action="store_true", help="以 JSON 输出（含 findings）"
    )
    parser.set_defaults(func=run)
