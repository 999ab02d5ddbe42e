"""Helpers shared by the report subcommands: reading input with Chinese errors."""

from __future__ import annotations

import sys

from .jsonio import ReportFormatError, report_from_file
from .model import Report

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_UNUSABLE = 2


class UnusableInput(Exception):
    """The command cannot go on; the message is already Chinese."""


def load(path: str, *, what: str = "报告") -> Report:
    try:
        return report_from_file(path)
    except ReportFormatError as exc:
        raise UnusableInput(f"无法读取{what} {path}：{exc}") from None


def fail(message: str) -> int:
    print(f"错误：{message}", file=sys.stderr)
    return EXIT_UNUSABLE
