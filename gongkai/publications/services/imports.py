"""Importing yearly figures from a CSV or Excel sheet: every row checked, all or nothing.

The sheet has a header row, then one row per agency and year::

    机关,年度,行政许可,行政处罚,行政强制,行政事业性收费（万元）,来源
    中卫市司法局,2023,74,0,0,0,行政审批系统年度统计

An empty cell means "not entered" (blank in the report), not 0. If any row is wrong,
nothing is imported and every problem is reported with its line number.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import Perm
from gongkai.agencies.selectors import agency_ids_for_user

from ..models import FigureItem
from .figures import _write_figure, parse_figure, year_problem

MAX_ROWS = 5000
MAX_BYTES = 2 * 1024 * 1024

HEADERS: dict[str, str] = {
    "机关": "agency",
    "机关名称": "agency",
    "agency": "agency",
    "年度": "year",
    "year": "year",
    "行政许可": FigureItem.LICENSING,
    "licensing": FigureItem.LICENSING,
    "行政处罚": FigureItem.PENALTIES,
    "penalties": FigureItem.PENALTIES,
    "行政强制": FigureItem.ENFORCEMENT,
    "enforcement": FigureItem.ENFORCEMENT,
    "行政事业性收费（万元）": FigureItem.FEES,
    "行政事业性收费(万元)": FigureItem.FEES,
    "行政事业性收费": FigureItem.FEES,
    "fees": FigureItem.FEES,
    "来源": "source",
    "source": "source",
}
ITEMS = [
    FigureItem.LICENSING,
    FigureItem.PENALTIES,
    FigureItem.ENFORCEMENT,
    FigureItem.FEES,
]


class ImportRejected(Exception):
    """The file cannot be imported; ``errors`` says why, line by line."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class ParsedRow:
    line: int
    agency: Agency
    year: int
    values: dict[str, Decimal]
    source: str


@dataclass
class ImportResult:
    rows: int = 0
    figures: int = 0
    agencies: list[str] = field(default_factory=list)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_csv(content: bytes) -> Iterator[list[str]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        yield from csv.reader(io.StringIO(text))
        return
    raise ImportRejected([_("The file is neither UTF-8 nor GB18030 text.")])


def _read_xlsx(content: bytes) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for broken files
        raise ImportRejected([_("The Excel file cannot be read.")]) from exc
    sheet = book.worksheets[0]
    for row in sheet.iter_rows(values_only=True):
        yield [_cell(value) for value in row]
    book.close()


def read_rows(*, file_name: str, content: bytes) -> list[list[str]]:
    """The sheet's rows as text (first sheet of an .xlsx, or a CSV file)."""
    if len(content) > MAX_BYTES:
        raise ImportRejected([_("The file is larger than 2 MB.")])
    if file_name.lower().endswith(".xlsx"):
        if not content.startswith(b"PK"):
            raise ImportRejected([_("The file is not an Excel (.xlsx) workbook.")])
        rows = list(_read_xlsx(content))
    elif file_name.lower().endswith(".csv"):
        rows = list(_read_csv(content))
    else:
        raise ImportRejected([_("Upload a .csv or .xlsx file.")])
    return [[_cell(c) for c in row] for row in rows]


def _header_map(header: list[str]) -> dict[str, int]:
    mapping: dict[str, int] = {}
    unknown = []
    for index, title in enumerate(header):
        key = HEADERS.get(title.strip()) or HEADERS.get(title.strip().lower())
        if key:
            mapping[key] = index
        elif title.strip():
            unknown.append(title.strip())
    problems = []
    if unknown:
        problems.append(
            _("Line 1: unknown columns: %(columns)s") % {"columns": "、".join(unknown)}
        )
    missing = [name for name in ("agency", "year", "source") if name not in mapping]
    if missing or not any(item in mapping for item in ITEMS):
        problems.append(
            _(
                "Line 1: the header needs 机关, 年度, 来源 and at least one of 行政许可, 行政处罚, 行政强制, 行政事业性收费（万元）."
            )
        )
    if problems:
        raise ImportRejected(problems)
    return mapping


class _RowChecker:
    def __init__(self, user: Any, mapping: dict[str, int]) -> None:
        allowed = agency_ids_for_user(user=user, perm=Perm.HANDLE)
        self.agencies = {a.name: a for a in Agency.objects.filter(id__in=allowed)}
        self.mapping = mapping
        self.seen: dict[tuple[int, int], int] = {}

    def get(self, row: list[str], key: str) -> str:
        index = self.mapping.get(key)
        return row[index].strip() if index is not None and index < len(row) else ""

    def check(self, line: int, row: list[str]) -> tuple[ParsedRow | None, list[str]]:
        errors: list[str] = []

        def problem(message: str) -> None:
            errors.append(
                _("Line %(line)s: %(message)s") % {"line": line, "message": message}
            )

        name = self.get(row, "agency")
        agency = self.agencies.get(name)
        if agency is None:
            problem(
                _("no agency “%(name)s” for which you may enter figures.")
                % {"name": name}
            )
        year = self._year(self.get(row, "year"), problem)
        values = self._values(row, problem)
        source = self.get(row, "source")
        if not source:
            problem(_("the source (来源) is missing."))
        if not values:
            problem(_("no figure in this row."))
        if agency is not None and year is not None:
            first = self.seen.setdefault((agency.pk, year), line)
            if first != line:
                problem(
                    _("%(agency)s %(year)s already appears on line %(first)s.")
                    % {"agency": name, "year": year, "first": first}
                )
        if errors or agency is None or year is None:
            return None, errors
        return ParsedRow(line, agency, year, values, source), []

    def _year(self, text: str, problem: Any) -> int | None:
        try:
            year = int(text)
        except ValueError:
            problem(_("the year “%(value)s” is not a year.") % {"value": text})
            return None
        message = year_problem(year)
        if message:
            problem(message)
            return None
        return year

    def _values(self, row: list[str], problem: Any) -> dict[str, Decimal]:
        values: dict[str, Decimal] = {}
        for item in ITEMS:
            raw = self.get(row, item)
            if item not in self.mapping or raw == "":
                continue
            try:
                values[item] = parse_figure(item, raw)
            except ValueError as exc:
                problem(
                    _("%(column)s: %(error)s")
                    % {"column": FigureItem(item).label, "error": exc}
                )
        return values


def check_rows(*, acting_user: Any, rows: list[list[str]]) -> list[ParsedRow]:
    """Every data row checked; ImportRejected lists every problem found."""
    if len(rows) < 2:
        raise ImportRejected([_("The file has no data rows.")])
    if len(rows) > MAX_ROWS + 1:
        raise ImportRejected(
            [_("The file has more than %(max)s rows.") % {"max": MAX_ROWS}]
        )
    checker = _RowChecker(acting_user, _header_map(rows[0]))
    parsed: list[ParsedRow] = []
    errors: list[str] = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        result, row_errors = checker.check(line, row)
        errors.extend(row_errors)
        if result is not None:
            parsed.append(result)
    if errors:
        raise ImportRejected(errors)
    return parsed


def _write(acting_user: Any, parsed: Iterable[ParsedRow]) -> ImportResult:
    result = ImportResult()
    for row in parsed:
        result.rows += 1
        for item, value in row.values.items():
            _write_figure(
                acting_user=acting_user,
                agency=row.agency,
                year=row.year,
                item=item,
                value=value,
                source=row.source,
            )
            result.figures += 1
        if row.agency.name not in result.agencies:
            result.agencies.append(row.agency.name)
    return result


@transaction.atomic
def yearly_figures_import(
    *, acting_user: Any, file_name: str, content: bytes
) -> ImportResult:
    """Import a sheet of yearly figures (Perm.HANDLE on every agency named in it).

    All rows are checked before anything is written; any problem raises
    ``ImportRejected`` with one message per problem and line, and nothing changes.
    """
    rows = read_rows(file_name=file_name, content=content)
    parsed = check_rows(acting_user=acting_user, rows=rows)
    return _write(acting_user, parsed)
