"""``gongkai report build --agency NAME_OR_CODE --year YEAR [--json | --format F -o OUT]``.

Builds an agency's report on a year from the records (with the latest version's
overrides and texts) and prints it as JSON in the shape of ``annual-report-spec.md`` §5,
with its ``findings``, or renders it. Exit codes as the other report commands: 0 no
error finding, 1 error findings, 2 unusable input (unknown agency, bad year).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.report.cli import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_UNUSABLE,
    ChineseArgumentParser,
)
from gongkai.report.jsonio import report_to_json
from gongkai.report.render import FORMATS, render
from gongkai.report.rules import check_report, has_errors

from .build import report_build
from .selectors import report_previous
from .services import validate_year


class BuildError(Exception):
    """The build cannot go on; the message is already translated."""


def find_agency(term: str) -> Agency:
    """An agency by name, short name, organisation code or credit code (unique match)."""
    term = term.strip()
    exact = Agency.objects.filter(name=term)
    if exact.count() == 1:
        return exact.get()
    matches = list(
        Agency.objects.filter(
            Q(short_name=term) | Q(org_code=term) | Q(credit_code=term)
        )[:3]
    )
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise BuildError(
            _("“%(term)s” matches several agencies; give the full name.")
            % {"term": term}
        )
    raise BuildError(_("No agency named or coded “%(term)s”.") % {"term": term})


def parse_year(raw: str) -> int:
    try:
        year = int(raw)
    except ValueError:
        raise BuildError(_("The year must be a whole number, e.g. 2023.")) from None
    try:
        validate_year(year)
    except ValidationError as exc:
        raise BuildError(" ".join(exc.messages)) from None
    return year


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(
        prog="gongkai report build",
        description="由业务记录生成机关的政府信息公开工作年度报告 / build an agency's "
        "annual report from its records",
    )
    parser.add_argument("--agency", required=True, metavar="NAME_OR_CODE")
    parser.add_argument("--year", required=True, metavar="YEAR")
    out = parser.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="JSON（默认）")
    out.add_argument("--format", "-f", choices=[f for f in FORMATS if f != "json"])
    parser.add_argument("-o", "--output", metavar="OUT")
    return parser


def _emit(data: bytes, output: str | None) -> None:
    if output is None:
        sys.stdout.write(data.decode())
        return
    try:
        Path(output).write_bytes(data)
    except OSError as exc:
        raise BuildError(
            _("Cannot write %(path)s: %(reason)s")
            % {"path": output, "reason": exc.strerror or exc}
        ) from None
    print(f"{output}（{len(data)} bytes）", file=sys.stderr)


def _run(args: argparse.Namespace) -> int:
    agency = find_agency(args.agency)
    year = parse_year(args.year)
    fmt = args.format or "json"
    if fmt != "json" and FORMATS[fmt][1] and not args.output:
        raise BuildError(
            _("%(format)s is a binary format: give an output file with -o.")
            % {"format": fmt}
        )
    report = report_build(agency=agency, year=year)
    findings = check_report(report, previous=report_previous(agency=agency, year=year))
    if fmt == "json":
        data = report_to_json(report)
        data["findings"] = [f.to_dict() for f in findings]
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        _emit(text.encode(), args.output)
    else:
        _emit(render(report, fmt), args.output)
    for finding in findings:
        print(
            f"[{finding.severity}] {finding.rule} {finding.where}：{finding.message}",
            file=sys.stderr,
        )
    return EXIT_FINDINGS if has_errors(findings) else EXIT_OK


def build_main(argv: Sequence[str]) -> int:
    """Entry point of ``gongkai report build`` (see ``DJANGO_SUBCOMMANDS``)."""
    with translation.override(settings.LANGUAGE_CODE):
        args = build_parser().parse_args(list(argv))
        try:
            return _run(args)
        except BuildError as exc:
            print(_("Error: %(message)s") % {"message": exc}, file=sys.stderr)
            return EXIT_UNUSABLE
