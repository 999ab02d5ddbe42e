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


class Command(BaseCommand):
    help = "年度报告 / annual report: gongkai report --help"

    def run_from_argv(self, argv: list[str]) -> None:
        args = argv[2:]
        if args and args[0] in DJANGO_SUBCOMMANDS:
            sys.exit(DJANGO_SUBCOMMANDS[args[0]](args[1:]))
        sys.exit(report_main(args))
