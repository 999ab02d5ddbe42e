"""``gongkai report …``: delegates to the pure ``gongkai.report.cli``.

Subcommands that need the database (``build``) are added on the Django side by
``DJANGO_SUBCOMMANDS``; everything else is handled by the pure package.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from django.core.management.base import BaseCommand

from gongkai.annual_reports.cli import build_main
from gongkai.report.cli import main as report_main

# name -> callable(argv) -> exit code, for subcommands that need Django.
DJANGO_SUBCOMMANDS: dict[str, Callable[[list[str]], int]] = {"build": build_main}
# Shown after the pure command line's help, which cannot know them.
DJANGO_HELP = """
需要数据库的子命令 / subcommands that need the database:
  build               由业务记录生成机关的年度报告 / build an agency's report from its records
                      gongkai report build --agency NAME_OR_CODE --year YEAR [--json | --format F -o OUT]
"""


class Command(BaseCommand):
    help = "年度报告 / annual report: gongkai report --help"

    def run_from_argv(self, argv: list[str]) -> None:
        args = argv[2:]
        if args and args[0] in DJANGO_SUBCOMMANDS:
            sys.exit(DJANGO_SUBCOMMANDS[args[0]](args[1:]))
        if not args or args[0] in ("-h", "--help"):
            try:
                code = report_main(args)
            except SystemExit as exc:
                code = int(exc.code or 0)
            sys.stdout.write(DJANGO_HELP)
            sys.exit(code)
        sys.exit(report_main(args))
