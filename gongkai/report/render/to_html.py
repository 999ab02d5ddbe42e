"""HTML: a fragment an agency can publish, or a standalone page (also the PDF's source).

The tables reproduce the official layout cell for cell (see ``layout``). Value cells
carry ``data-cell`` with their path; ``highlight`` marks chosen cells (the checker
uses it to point at findings).
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from ..labels import SECTION_HEADINGS
from ..model import SECTION_KEYS, Report
from .layout import SECTION_TABLES, Grid, GridCell, paragraphs

FONT_SERIF = '"Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Songti SC", serif'
FONT_SANS = '"Noto Sans CJK SC", "Source Han Sans SC", "SimHei", "Heiti SC", sans-serif'

REPORT_CSS = f"""\
.gk-report {{ font-family: {FONT_SERIF}; font-size: 12pt; line-height: 1.75; color: #000;
  max-width: 52em; margin: 0 auto; }}
.gk-report .gk-title {{ font-family: {FONT_SANS}; font-size: 18pt; font-weight: bold;
  text-align: center; line-height: 1.5; margin: 0.5em 0 1em; }}
.gk-report h2 {{ font-family: {FONT_SANS}; font-size: 14pt; font-weight: bold;
  margin: 1.2em 0 0.5em; }}
.gk-report p {{ text-indent: 2em; margin: 0 0 0.4em; text-align: justify; }}
.gk-report table {{ border-collapse: collapse; width: 100%; margin: 0.6em 0 1em;
  font-size: 9.5pt; line-height: 1.35; page-break-inside: auto; }}
.gk-report th, .gk-report td {{ border: 1px solid #000; padding: 3px 4px;
  text-align: center; vertical-align: middle; }}
.gk-report th {{ font-weight: bold; }}
.gk-report td.gk-label {{ text-align: left; }}
.gk-report th.gk-corner {{ font-weight: normal; font-size: 8.5pt; text-align: left; }}
.gk-report td.gk-value {{ font-variant-numeric: tabular-nums; min-width: 2.2em; }}
.gk-report .gk-table3, .gk-report .gk-table4 {{ table-layout: fixed; }}
.gk-report .gk-table4 {{ font-size: 9pt; }}
.gk-report .gk-table4 th {{ padding: 3px 2px; }}
.gk-report td.gk-uncertain {{ background: #fff4d6; }}
.gk-report td.gk-inferred {{ font-style: italic; }}
.gk-report .gk-highlight {{ background: #ffd6d6; outline: 2px solid #c00; }}
"""

PAGE_CSS = """\
@page { size: A4; margin: 2.2cm 2cm 2cm 2cm;
  @bottom-center { content: counter(page); font-size: 9pt; } }
body { margin: 0; }
.gk-report { max-width: none; }
.gk-report tr { page-break-inside: avoid; }
.gk-report .gk-table3, .gk-report .gk-table4 { break-inside: avoid; }
"""


def _classes(cell: GridCell, report: Report, highlight: frozenset[str]) -> list[str]:
    classes = [f"gk-{cell.role}"]
    if cell.path:
        if cell.path in report.uncertain:
            classes.append("gk-uncertain")
        if cell.path in report.inferred:
            classes.append("gk-inferred")
        if cell.path in highlight:
            classes.append("gk-highlight")
    return classes


def _cell_html(
    cell: GridCell, report: Report, highlight: frozenset[str], id_prefix: str = ""
) -> str:
    tag = "th" if cell.role in ("corner", "head") else "td"
    attrs = [f'class="{" ".join(_classes(cell, report, highlight))}"']
    if cell.rowspan > 1:
        attrs.append(f'rowspan="{cell.rowspan}"')
    if cell.colspan > 1:
        attrs.append(f'colspan="{cell.colspan}"')
    if cell.path:
        attrs.append(f'data-cell="{cell.path}"')
    if id_prefix and cell.path:
        attrs.append(f'id="{escape(id_prefix)}{cell.path}"')
    if tag == "th" and cell.role == "head":
        attrs.append('scope="col"')
    text = "<br>".join(escape(line) for line in cell.text.split("\n"))
    return f"<{tag} {' '.join(attrs)}>{text}</{tag}>"


# Column widths (percent of the table) of each table's grid.
COLUMN_WIDTHS: dict[str, list[float]] = {
    "table2": [31, 23, 23, 23],
    "table3": [6, 9, 31, *[54 / 7] * 7],
    "table4": [100 / 15] * 15,
}


def _colgroup(grid: Grid) -> str:
    cols = "".join(f'<col style="width:{w:.2f}%">' for w in COLUMN_WIDTHS[grid.key])
    return f"<colgroup>{cols}</colgroup>"


def grid_html(
    grid: Grid,
    report: Report,
    highlight: frozenset[str] = frozenset(),
    id_prefix: str = "",
) -> str:
    lines = [f'<table class="gk-table gk-{grid.key}">', _colgroup(grid)]
    for i, row in enumerate(grid.rows()):
        if i == 0 and grid.n_header_rows:
            lines.append("<thead>")
        if i == grid.n_header_rows and grid.n_header_rows:
            lines.append("</thead><tbody>")
        if i == 0 and not grid.n_header_rows:
            lines.append("<tbody>")
        cells = "".join(_cell_html(c, report, highlight, id_prefix) for c in row)
        lines.append(f"<tr>{cells}</tr>")
    lines.append("</tbody></table>")
    return "\n".join(lines)


def _paragraphs_html(text: str | None) -> list[str]:
    return [f"<p>{escape(p)}</p>" for p in paragraphs(text)]


def render_html(
    report: Report,
    *,
    standalone: bool = False,
    highlight: Iterable[str] = frozenset(),
    id_prefix: str = "",
) -> str:
    """The report as HTML: an ``<article>`` fragment, or a full page when ``standalone``.

    Each section's text comes first, then its table (sections 二–四), as in the seed
    report. Blank cells print empty; ``highlight`` cell paths get ``gk-highlight``.
    With ``id_prefix`` (several reports on one page) the sections' ids carry it and each
    value cell gets the id ``id_prefix + path``, for links to a cell.
    """
    marked = frozenset(highlight)
    parts = [
        '<article class="gk-report" lang="zh-CN">',
        f'<h1 class="gk-title">{escape(report.agency)}<br>{report.year}年政府信息公开工作年度报告</h1>',
        '<div class="gk-preamble">',
        *_paragraphs_html(report.preamble),
        "</div>",
    ]
    for key in SECTION_KEYS:
        parts.append(f'<section class="gk-section" id="{escape(id_prefix)}gk-{key}">')
        parts.append(f"<h2>{escape(SECTION_HEADINGS[key])}</h2>")
        parts += _paragraphs_html(report.sections.get(key))
        if key in SECTION_TABLES:
            grid = SECTION_TABLES[key](report)
            parts.append(grid_html(grid, report, marked, id_prefix))
        parts.append("</section>")
    parts.append("</article>")
    fragment = "\n".join(parts) + "\n"
    return _page(report, fragment, REPORT_CSS) if standalone else fragment


def _page(report: Report, body: str, css: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(report.title)}</title>\n<style>\n{css}</style>\n</head>\n"
        f"<body>\n{body}</body>\n</html>\n"
    )


def render_print_html(report: Report) -> str:
    """The standalone page with A4 page rules, the source of the PDF."""
    return _page(report, render_html(report), REPORT_CSS + PAGE_CSS)
