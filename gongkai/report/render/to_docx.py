"""DOCX (python-docx) in the official layout: A4, a Chinese font set after GB/T 9704
(黑体 headings, 仿宋 text, 宋体 tables), tables with real merged cells."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import (
    WD_CELL_VERTICAL_ALIGNMENT,
    WD_ROW_HEIGHT_RULE,
    WD_TABLE_ALIGNMENT,
)
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from ..labels import SECTION_HEADINGS
from ..model import SECTION_KEYS, Report
from .layout import SECTION_TABLES, Grid, paragraphs

TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
BODY_FONT = "仿宋"
TABLE_FONT = "宋体"
LATIN_FONT = "Times New Roman"
TEXT_WIDTH_CM = 15.6  # A4 (21 cm) less 2.7 cm margins each side

# Column widths (cm) per table, summing to the text width.
COLUMN_WIDTHS: dict[str, list[float]] = {
    "table2": [4.8, 3.6, 3.6, 3.6],
    "table3": [1.3, 1.8, 4.1, *[1.2] * 7],
    "table4": [TEXT_WIDTH_CM / 15] * 15,
}
ROW_HEIGHT = Cm(0.55)
# Short tables are kept on one page; table 3 runs over pages with its header repeated.
KEEP_TOGETHER = {"table2", "table4"}
TABLE_FONT_SIZE = {"table2": 10.5, "table3": 9.0, "table4": 8.0}


def _font(run, name: str, size: float, bold: bool = False) -> None:  # type: ignore[no-untyped-def]
    run.font.name = LATIN_FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    r_fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    r_fonts.set(qn("w:eastAsia"), name)


def _paragraph(
    doc,
    text: str,
    *,
    font: str,
    size: float,
    bold: bool = False,
    indent: bool = True,
    center: bool = False,
):  # type: ignore[no-untyped-def]
    para = doc.add_paragraph()
    fmt = para.paragraph_format
    fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(28) if size >= 14 else None
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    if center:
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(para.add_run(text), font, size, bold)
    return para


def _set_page(doc) -> None:  # type: ignore[no-untyped-def]
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin = section.right_margin = Cm(2.7)
    normal = doc.styles["Normal"]
    normal.font.name = LATIN_FONT
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    doc.core_properties.language = "zh-CN"


def _table_style(doc, size: float):  # type: ignore[no-untyped-def]
    """A paragraph style for table text (one per size): cheaper than formatting runs."""
    name = f"GK Table {size:g}pt"
    if name in [s.name for s in doc.styles]:
        return doc.styles[name]
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.font.name = LATIN_FONT
    style.font.size = Pt(size)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), TABLE_FONT)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.line_spacing = 1.0
    return style


def _repeat_header(row) -> None:  # type: ignore[no-untyped-def]
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _fixed_layout(table) -> None:  # type: ignore[no-untyped-def]
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)


def _table(doc, grid: Grid) -> None:  # type: ignore[no-untyped-def]
    table = doc.add_table(rows=grid.n_rows, cols=grid.n_cols)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = [Cm(w) for w in COLUMN_WIDTHS[grid.key]]
    # Word and LibreOffice lay a fixed table out by its grid columns (w:gridCol), not by
    # the cells' widths: without these the label columns get an equal share and the
    # long labels of table 3 wrap on every second character.
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    _fixed_layout(table)
    # Fetch the cell grid once: ``table.cell()`` rebuilds it on every call. Merges do
    # not overlap, so the fetched cells stay valid while merging.
    grid_cells = table._cells
    for k, cell in enumerate(grid_cells):
        cell.width = widths[k % grid.n_cols]
    for i in range(grid.n_header_rows):
        _repeat_header(table.rows[i])
    for row in table.rows:
        row.height = ROW_HEIGHT
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    style = _table_style(doc, TABLE_FONT_SIZE[grid.key])
    for spec in grid.cells:
        cell = grid_cells[spec.row * grid.n_cols + spec.col]
        if spec.rowspan > 1 or spec.colspan > 1:
            last = (
                (spec.row + spec.rowspan - 1) * grid.n_cols
                + spec.col
                + spec.colspan
                - 1
            )
            cell = cell.merge(grid_cells[last])
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        para = cell.paragraphs[0]
        para.alignment = (
            WD_ALIGN_PARAGRAPH.LEFT
            if spec.role in ("label", "corner")
            else WD_ALIGN_PARAGRAPH.CENTER
        )
        para.style = style
        if grid.key in KEEP_TOGETHER and spec.row + spec.rowspan < grid.n_rows:
            para.paragraph_format.keep_with_next = True
        run = para.add_run(spec.text)
        if spec.role == "head":
            run.bold = True


def render_docx(report: Report) -> bytes:
    """The report as a Word document (A4, Chinese fonts, merged table cells)."""
    doc = Document()
    _set_page(doc)
    _paragraph(doc, report.agency, font=TITLE_FONT, size=22, indent=False, center=True)
    _paragraph(
        doc,
        f"{report.year}年政府信息公开工作年度报告",
        font=TITLE_FONT,
        size=22,
        indent=False,
        center=True,
    )
    for text in paragraphs(report.preamble):
        _paragraph(doc, text, font=BODY_FONT, size=16)
    for key in SECTION_KEYS:
        heading = _paragraph(doc, SECTION_HEADINGS[key], font=HEADING_FONT, size=16)
        heading.paragraph_format.space_before = Pt(12)
        heading.paragraph_format.keep_with_next = True
        for text in paragraphs(report.sections.get(key)):
            _paragraph(doc, text, font=BODY_FONT, size=16)
        if key in SECTION_TABLES:
            _table(doc, SECTION_TABLES[key](report))
    doc.core_properties.title = report.title
    doc.core_properties.author = report.agency
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
