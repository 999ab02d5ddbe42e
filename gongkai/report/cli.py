"""``gongkai report …``: the pure-Python part of the report command line.

Runs without Django (``python -m gongkai.report``); the ``gongkai`` console script
delegates here. Exit codes: 0 no error finding, 1 error findings, 2 unusable input.
Messages are Chinese; no traceback reaches the user.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from . import commands

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_UNUSABLE = 2


class ChineseArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_UNUSABLE, f"参数错误 / bad arguments: {message}\n")


def build_parser(extra: Sequence[str] = ()) -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(
        prog="gongkai report",
        description="政府信息公开工作年度报告：校验、渲染、检查 / annual report: validate, render, check",
    )
    sub = parser.add_subparsers(
        dest="command",
        metavar="<子命令 subcommand>",
        parser_class=ChineseArgumentParser,
    )
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        importlib.import_module(f"{commands.__name__}.{info.name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_UNUSABLE
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into e.g. ``head``
        sys.stderr.close()
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
