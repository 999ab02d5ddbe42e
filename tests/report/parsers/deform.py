"""Reports rendered by the project's renderers, then deformed the way real publications
are: merged cells split, zeros printed as blank cells, labels varied, rows reordered,
tables split, Word-flavoured HTML, cell boundaries lost in copied text."""

from __future__ import annotations

import copy
import io
import random
import re
import zipfile
from decimal import Decimal

import lxml.etree
import lxml.html

from gongkai.report.jsonio import report_from_json
from gongkai.report.model import (
    T2_ROWS,
    T3_APPLICANT_COLUMNS,
    T3_COLUMNS,
    T3_OUTCOME_ROWS,
    T3_ROWS,
    T4_CELLS,
    T4_GROUPS,
    Report,
)
from gongkai.report.parsers.html import table_grid
from tests.report.parsers.conftest import FIXTURES

SEED_JSON = FIXTURES / "zhongwei-justice-bureau-2023.json"
AGENCIES = ["中卫市司法局", "沙坡头区民政局", "某县人民政府", "某市交通运输局"]


def seed_report() -> Report:
    return report_from_json(SEED_JSON.read_text(encoding="utf-8"))


def _small(rng: random.Random, high: int) -> int:
    return 0 if rng.random() < 0.55 else rng.randint(1, high)


def random_report(rng: random.Random, *, high: int = 60) -> Report:
    """A consistent report (every identity holds) with the seed's text."""
    report = seed_report()
    report.agency = rng.choice(AGENCIES)
    report.year = rng.randint(2021, 2025)
    report.level = "government" if report.agency.endswith("人民政府") else "department"
    report.published_on = None
    for row, cells in T2_ROWS.items():
        for cell in cells:
            value: int | Decimal = _small(rng, 3 * high)
            if cell == "amount_wan_yuan":
                value = Decimal(rng.randint(0, 99999)) / 100
            report.set_cell(f"table2.{row}.{cell}", value)
    for col in T3_APPLICANT_COLUMNS:
        processed = 0
        for row in T3_OUTCOME_ROWS:
            value = _small(rng, high if col == "natural_person" else max(1, high // 6))
            report.set_cell(f"table3.{row}.{col}", value)
            processed += value
        report.set_cell(f"table3.processed_total.{col}", processed)
        forward = _small(rng, 5)
        carried = rng.randint(0, processed + forward) if rng.random() < 0.4 else 0
        report.set_cell(f"table3.carried_forward.{col}", forward)
        report.set_cell(f"table3.carried_over.{col}", carried)
        report.set_cell(f"table3.new_received.{col}", processed + forward - carried)
    for row in T3_ROWS:
        total = sum(report.cell(f"table3.{row}.{c}") for c in T3_APPLICANT_COLUMNS)
        report.set_cell(f"table3.{row}.total", total)
    for group in T4_GROUPS:
        parts = [_small(rng, 8) for _ in T4_CELLS[:-1]]
        for cell, value in zip(T4_CELLS, [*parts, sum(parts)], strict=True):
            report.set_cell(f"table4.{group}.{cell}", value)
    return report


def tables(report: Report) -> dict[str, dict]:
    return {t: copy.deepcopy(report.table(t)) for t in ("table2", "table3", "table4")}


# ---------------------------------------------------------------- HTML
def parse(html: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(html)


def serialise(root: lxml.html.HtmlElement) -> str:
    return lxml.html.tostring(root, encoding="unicode")


def strip_attributes(root: lxml.html.HtmlElement) -> None:
    """Real pages carry no cell paths or classes of ours."""
    for element in root.iter():
        for name in ("class", "data-cell", "id", "scope"):
            element.attrib.pop(name, None)


def unmerge(root: lxml.html.HtmlElement) -> None:
    """Split every merged cell: the text stays in the first cell, the others are blank
    (what Word's "split cells" does)."""
    for table in list(root.iter("table")):
        grid = table_grid(table)
        new = lxml.html.Element("table")
        for row in grid.rows:
            tr = lxml.etree.SubElement(new, "tr")
            for cell in row:
                td = lxml.etree.SubElement(tr, "td")
                td.text = cell.text if cell.origin else ""
        table.getparent().replace(table, new)


def value_cells(root: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    return [td for td in root.iter("td") if td.get("data-cell")]


def blank_zeros(
    root: lxml.html.HtmlElement, rng: random.Random, share: float
) -> set[str]:
    """Print some zero cells blank; returns their paths."""
    blanked = set()
    for td in value_cells(root):
        if (td.text or "").strip() == "0" and rng.random() < share:
            td.text = rng.choice(["", "\u00a0", " "])
            blanked.add(td.get("data-cell"))
    return blanked


LABEL_VARIANTS = [
    ("行政规范性文件", "规范性文件"),
    ("（", "("),
    ("）", ")"),
    ("“三安全一稳定”", '"三安全一稳定"'),
    ("本年新收政府信息公开申请数量", "本年新收 政府信息公开申请数量"),
    ("属于三类内部事务信息", "属于三类内部事务信"),  # a character lost
    ("社会公益组织", "社会公益 组织"),
    ("行政复议", "行政法复议"),  # a typo seen in the wild
    ("1.", "1．"),
    ("2.", "2、"),
]


def vary_labels(root: lxml.html.HtmlElement, rng: random.Random) -> None:
    chosen = [pair for pair in LABEL_VARIANTS if rng.random() < 0.6]
    for element in root.iter("td", "th"):
        if element.get("data-cell"):
            continue
        for node in element.iter():
            for attr in ("text", "tail"):
                value = getattr(node, attr)
                if value:
                    for old, new in chosen:
                        value = value.replace(old, new)
                    setattr(node, attr, value)


def table_of(root: lxml.html.HtmlElement, number: int) -> lxml.html.HtmlElement:
    return [t for t in root.iter("table")][number]


def reorder_rows(root: lxml.html.HtmlElement, rng: random.Random) -> None:
    """Shuffle the body rows of table 3 (after ``unmerge``: labels are per row)."""
    table = table_of(root, 1)
    rows = list(table.iter("tr"))
    header, body = rows[:3], rows[3:]
    rng.shuffle(body)
    for tr in rows:
        tr.getparent().remove(tr)
    for tr in header + body:
        table.append(tr)


def split_table3(root: lxml.html.HtmlElement, rng: random.Random) -> None:
    """Break table 3 into two tables (a page break), the second without a header."""
    table = table_of(root, 1)
    rows = list(table.iter("tr"))
    cut = rng.randint(5, len(rows) - 3)
    second = lxml.html.Element("table")
    for tr in rows[cut:]:
        tr.getparent().remove(tr)
        second.append(tr)
    note = lxml.html.Element("p")
    note.text = "（续表）"
    table.addnext(note)
    note.addnext(second)


def word_html(root: lxml.html.HtmlElement) -> str:
    """Word's "save as web page": cell text in MsoNormal paragraphs, &nbsp; in blanks."""
    for cell in root.iter("td", "th"):
        text = (cell.text or "").strip()
        for child in list(cell):
            cell.remove(child)
        cell.text = None
        p = lxml.etree.SubElement(cell, "p", {"class": "MsoNormal", "align": "center"})
        span = lxml.etree.SubElement(p, "span", {"lang": "EN-US"})
        span.text = text or "\u00a0"
    body = serialise(root)
    return (
        '<html xmlns:v="urn:schemas-microsoft-com:vml" '
        'xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:w="urn:schemas-microsoft-com:office:word">'
        '<head><meta http-equiv=Content-Type content="text/html; charset=gb2312">'
        '<meta name=Generator content="Microsoft Word 15"></head>'
        + body.split("<body>", 1)[-1]
        .rsplit("</body>", 1)[0]
        .join(["<body lang=ZH-CN>", "</body></html>"])
    )


# ---------------------------------------------------------------- DOCX
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_xml(data: bytes) -> tuple[lxml.etree._Element, dict[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    return lxml.etree.fromstring(parts["word/document.xml"]), parts


def docx_bytes(root: lxml.etree._Element, parts: dict[str, bytes]) -> bytes:
    parts = dict(parts)
    parts["word/document.xml"] = lxml.etree.tostring(
        root, xml_declaration=True, encoding="UTF-8"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


def docx_tables(root: lxml.etree._Element) -> list[lxml.etree._Element]:
    return list(root.iter(f"{W}tbl"))


def docx_split_table(root: lxml.etree._Element, index: int, cut: int) -> None:
    """Move the rows from ``cut`` on into a new table after a paragraph."""
    table = docx_tables(root)[index]
    rows = table.findall(f"{W}tr")
    second = lxml.etree.Element(f"{W}tbl")
    props = table.find(f"{W}tblPr")
    if props is not None:
        second.append(copy.deepcopy(props))
    grid = table.find(f"{W}tblGrid")
    if grid is not None:
        second.append(copy.deepcopy(grid))
    for tr in rows[cut:]:
        table.remove(tr)
        second.append(tr)
    paragraph = lxml.etree.Element(f"{W}p")
    table.addnext(paragraph)
    paragraph.addnext(second)


def docx_blank_zeros(
    root: lxml.etree._Element, rng: random.Random, share: float
) -> int:
    count = 0
    for t in root.iter(f"{W}t"):
        if t.text == "0" and rng.random() < share:
            t.text = ""
            count += 1
    return count


def docx_unmerge_vertical(root: lxml.etree._Element) -> None:
    """Drop vertical merges: continuation cells become blank cells."""
    for vmerge in list(root.iter(f"{W}vMerge")):
        vmerge.getparent().remove(vmerge)


# ---------------------------------------------------------------- glued text
def glued_text(report: Report, rng: random.Random) -> str:
    """The report as text copied from a web page: the tables' cells run together
    (sometimes a space survives between two cells)."""
    from gongkai.report.labels import T2_LABELS, T3_ROW_LABELS

    def run(values: list) -> str:
        out = ""
        for i, value in enumerate(values):
            sep = " " if i and rng.random() < 0.1 else ""
            out += sep + str(value)
        return out

    parts = [f"{report.agency}{report.year}年政府信息公开工作年度报告", report.preamble]
    parts.append("一、总体情况" + (report.sections["overview"] or ""))
    parts.append(
        "二、主动公开政府信息情况 第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数"
    )
    for row, cells in T2_ROWS.items():
        values = [report.cell(f"table2.{row}.{c}") for c in cells]
        shown = [format(v, "f") if isinstance(v, Decimal) else v for v in values]
        parts.append(T2_LABELS[row] + run(shown))
    parts.append(
        "三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"
    )
    for row in T3_ROWS:
        parts.append(
            T3_ROW_LABELS[row]
            + run([report.cell(f"table3.{row}.{c}") for c in T3_COLUMNS])
        )
    parts.append(
        "四、政府信息公开行政复议、行政诉讼情况 行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计"
    )
    parts.append(
        run([report.cell(f"table4.{g}.{c}") for g in T4_GROUPS for c in T4_CELLS])
    )
    parts.append("五、存在的主要问题及改进情况" + (report.sections["problems"] or ""))
    parts.append("六、其他需要报告的事项" + (report.sections["other"] or ""))
    return "当前位置： 首页 政务公开 年度报告 微信 微博 " + re.sub(
        r"\s*\n\s*", "", "".join(parts)
    )


# ---------------------------------------------------------------- printed values
def print_zeros_as(root: lxml.html.HtmlElement, mark: str) -> set[str]:
    """Print every zero cell as ``mark`` (``—``, ``/``, ``无``, ``0件``…); returns their
    paths."""
    marked = set()
    for td in value_cells(root):
        if (td.text or "").strip() == "0":
            td.text = mark
            marked.add(td.get("data-cell"))
    return marked


def rewrite_values(root: lxml.html.HtmlElement, rewrite) -> None:  # type: ignore[no-untyped-def]
    """Replace the text of every value cell by ``rewrite(text)``."""
    for td in value_cells(root):
        td.text = rewrite(td.text or "")


def full_width(text: str) -> str:
    return text.translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})


# ---------------------------------------------------------------- extra columns
def _has_number(tr: lxml.html.HtmlElement) -> bool:
    return any(re.fullmatch(r"\d+(\.\d+)?", cell.text_content().strip()) for cell in tr)


def add_item_numbers(
    root: lxml.html.HtmlElement, number: int, header: str = "序号"
) -> None:
    """A leading 序号 column in table ``number``: 1, 2, … on the rows with numbers,
    ``header`` in the first row."""
    table = table_of(root, number)
    item = 0
    for i, tr in enumerate(table.iter("tr")):
        cell = lxml.html.Element("td")
        if _has_number(tr):
            item += 1
            cell.text = str(item)
        elif i == 0:
            cell.text = header
        tr.insert(0, cell)


def add_empty_column(root: lxml.html.HtmlElement, number: int) -> None:
    """An empty trailing column in table ``number`` (a table drawn one column wide)."""
    for tr in table_of(root, number).iter("tr"):
        lxml.etree.SubElement(tr, "td")


def blank_last_cells(root: lxml.html.HtmlElement, number: int, count: int) -> set[str]:
    """Print the last ``count`` value cells of table ``number`` blank; their paths."""
    cells = [td for td in table_of(root, number).iter("td") if td.get("data-cell")]
    for td in cells[-count:]:
        td.text = ""
    return {td.get("data-cell") for td in cells[-count:]}


# ---------------------------------------------------------------- table 4 shapes
T4_HEADS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def _t4_values(report: Report, groups: list[str]) -> str:
    cells = [report.cell(f"table4.{g}.{c}") for g in groups for c in T4_CELLS]
    return "".join(f"<td>{'' if v is None else v}</td>" for v in cells)


def _replace_table(root: lxml.html.HtmlElement, number: int, html: list[str]) -> None:
    old = table_of(root, number)
    for fragment in html:
        old.addprevious(lxml.html.fragment_fromstring(fragment))
    old.getparent().remove(old)


def table4_as_two_tables(root: lxml.html.HtmlElement, report: Report) -> None:
    """行政复议 in one table, 行政诉讼 in a second one."""
    heads = "".join(f"<td>{h}</td>" for h in T4_HEADS)
    _replace_table(
        root,
        2,
        [
            f"<table><tr><td colspan=5>行政复议</td></tr><tr>{heads}</tr>"
            f"<tr>{_t4_values(report, ['reconsideration'])}</tr></table>",
            "<table><tr><td colspan=10>行政诉讼</td></tr><tr><td colspan=5>未经复议直接起诉"
            f"</td><td colspan=5>复议后起诉</td></tr><tr>{heads * 2}</tr>"
            f"<tr>{_t4_values(report, list(T4_GROUPS[1:]))}</tr></table>",
        ],
    )


def table4_flat_header(root: lxml.html.HtmlElement, report: Report) -> None:
    """Table 4's three header rows flattened into one (行政复议结果维持, …)."""
    groups = ["行政复议", "行政诉讼未经复议直接起诉", "行政诉讼复议后起诉"]
    heads = "".join(f"<td>{g}{h}</td>" for g in groups for h in T4_HEADS)
    row = _t4_values(report, list(T4_GROUPS))
    _replace_table(root, 2, [f"<table><tr>{heads}</tr><tr>{row}</tr></table>"])


def table4_without_group_row(root: lxml.html.HtmlElement, report: Report) -> None:
    """The 未经复议直接起诉 / 复议后起诉 header row left out."""
    heads = "".join(f"<td>{h}</td>" for h in T4_HEADS * 3)
    row = _t4_values(report, list(T4_GROUPS))
    _replace_table(
        root,
        2,
        [
            "<table><tr><td colspan=5>行政复议</td><td colspan=10>行政诉讼</td></tr>"
            f"<tr>{heads}</tr><tr>{row}</tr></table>"
        ],
    )


# ---------------------------------------------------------------- HTML noise
def data_in_th(root: lxml.html.HtmlElement) -> None:
    for td in list(root.iter("td")):
        td.tag = "th"


def break_labels(root: lxml.html.HtmlElement, rng: random.Random) -> None:
    """A ``<br>`` somewhere inside every long label."""
    for td in root.iter("td"):
        text = td.text or ""
        if len(text) > 6 and not td.get("data-cell"):
            cut = rng.randint(2, len(text) - 2)
            td.text = text[:cut]
            lxml.etree.SubElement(td, "br").tail = text[cut:]


def styled_spans(root: lxml.html.HtmlElement, rng: random.Random) -> None:
    """Cell text in styled ``<span>``s (labels cut in two), &nbsp; in blank cells."""
    for cell in root.iter("td", "th"):
        text = cell.text or ""
        cell.text = None
        pieces = [text or "\u00a0"]
        if len(text) > 4:
            cut = rng.randint(1, len(text) - 1)
            pieces = [text[:cut], text[cut:]]
        for piece in pieces:
            style = "font-family:仿宋_GB2312;mso-bidi-font-family:宋体;font-size:10pt"
            lxml.etree.SubElement(cell, "span", style=style).text = piece


def split_tbody(root: lxml.html.HtmlElement, rng: random.Random) -> None:
    body = next(table_of(root, 1).iter("tbody"))
    rows = list(body)
    second = lxml.etree.Element("tbody")
    for tr in rows[rng.randint(3, len(rows) - 3) :]:
        body.remove(tr)
        second.append(tr)
    body.addnext(second)


def body_rows_in_thead(root: lxml.html.HtmlElement, count: int) -> None:
    table = table_of(root, 1)
    head, body = next(table.iter("thead")), next(table.iter("tbody"))
    for tr in list(body)[:count]:
        body.remove(tr)
        head.append(tr)


def in_layout_table(root: lxml.html.HtmlElement) -> None:
    """The whole page inside one cell of a layout table."""
    body = root.find(".//body")
    outer = lxml.html.fragment_fromstring("<table><tr><td></td></tr></table>")
    children = list(body)
    for child in children:
        body.remove(child)
    body.append(outer)
    cell = outer.find(".//td")
    for child in children:
        cell.append(child)


# ---------------------------------------------------------------- plain text
PAGE_MARKS = ["— {n} —", "- {n} -", "第 {n} 页 共 9 页", "第{n}页"]


def as_text(
    root: lxml.html.HtmlElement,
    rng: random.Random,
    *,
    sep: str = "\t",
    wrap: bool = False,
    pages: int = 0,
) -> str:
    """The page as a text file: paragraphs as lines, table rows as cells joined by
    ``sep``; ``wrap`` breaks long first labels over two lines (the numbers on the
    second), ``pages`` puts a page number line after every so many rows."""
    lines: list[str] = []
    count = 0
    for element in root.find(".//body").iter():
        if element.tag in ("h1", "h2", "p"):
            lines.append(element.text_content().strip())
        elif element.tag == "tr":
            cells = [c.text_content().strip() for c in element if c.tag in ("td", "th")]
            if wrap and cells and len(cells[0]) > 20:
                half = len(cells[0]) // 2
                lines.append(cells[0][:half])
                cells[0] = cells[0][half:]
            lines.append(sep.join(cells))
            count += 1
            if pages and count % pages == 0:
                mark = rng.choice(PAGE_MARKS).format(n=count // pages + 2)
                lines.append(mark)
    return "\n".join(lines)


# ---------------------------------------------------------------- DOCX shapes
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
WPS = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}"
VML = "{urn:schemas-microsoft-com:vml}"
_NUMBER = re.compile(r"\d+(\.\d+)?")
_HAN_TEXT = re.compile(r"[\u4e00-\u9fff]")


def w(tag: str, **attrs: str) -> lxml.etree._Element:
    """A ``w:`` element with ``w:`` attributes."""
    return lxml.etree.Element(f"{W}{tag}", {f"{W}{k}": v for k, v in attrs.items()})


def docx_cell_text(tc: lxml.etree._Element) -> str:
    return "".join(t.text or "" for t in tc.iter(f"{W}t"))


def docx_value_cells(root: lxml.etree._Element) -> list[lxml.etree._Element]:
    """The table cells printing a number."""
    return [tc for tc in root.iter(f"{W}tc") if _NUMBER.fullmatch(docx_cell_text(tc))]


def docx_label_cells(root: lxml.etree._Element) -> list[lxml.etree._Element]:
    return [tc for tc in root.iter(f"{W}tc") if _HAN_TEXT.search(docx_cell_text(tc))]


def _span_of(tc: lxml.etree._Element) -> int:
    span = tc.find(f"{W}tcPr/{W}gridSpan")
    return 1 if span is None else int(span.get(f"{W}val"))


def _set_span(tc: lxml.etree._Element, span: int) -> None:
    props = tc.find(f"{W}tcPr")
    if props is None:
        props = w("tcPr")
        tc.insert(0, props)
    old = props.find(f"{W}gridSpan")
    if old is not None:
        props.remove(old)
    if span > 1:
        props.insert(0, w("gridSpan", val=str(span)))


def _placed(tbl: lxml.etree._Element) -> list[list[tuple[int, lxml.etree._Element]]]:
    """Per row, (grid column, cell)."""
    out = []
    for tr in tbl.findall(f"{W}tr"):
        col, row = 0, []
        for tc in tr.findall(f"{W}tc"):
            row.append((col, tc))
            col += _span_of(tc)
        out.append(row)
    return out


def _set_content(tc: lxml.etree._Element, source: lxml.etree._Element) -> None:
    for child in list(tc):
        if child.tag != f"{W}tcPr":
            tc.remove(child)
    for child in source:
        if child.tag != f"{W}tcPr":
            tc.append(copy.deepcopy(child))


def docx_flatten_vmerge(root: lxml.etree._Element) -> None:
    """Vertical merges undone the way a converter does: every cell of the merge holds
    the text of its first cell."""
    for tbl in docx_tables(root):
        above: dict[int, lxml.etree._Element] = {}
        for row in _placed(tbl):
            for col, tc in row:
                vmerge = tc.find(f"{W}tcPr/{W}vMerge")
                if vmerge is None or vmerge.get(f"{W}val") == "restart":
                    above[col] = tc
                elif col in above:
                    _set_content(tc, above[col])
                if vmerge is not None:
                    vmerge.getparent().remove(vmerge)


def docx_flatten_gridspan(root: lxml.etree._Element, *, values: bool = False) -> None:
    """Horizontal merges undone: a cell over n grid columns becomes n cells with the
    same text (cells printing a number only with ``values``)."""
    for tc in list(root.iter(f"{W}tc")):
        span = _span_of(tc)
        if span == 1 or (not values and _NUMBER.fullmatch(docx_cell_text(tc))):
            continue
        _set_span(tc, 1)
        for _ in range(span - 1):
            tc.addnext(copy.deepcopy(tc))


def docx_widen_column(tbl: lxml.etree._Element, col: int) -> None:
    """Grid column ``col`` split in two: every cell over it now spans one more grid
    column (a label over two grid columns where the format has one)."""
    grid = tbl.find(f"{W}tblGrid")
    if grid is not None and len(grid) > col:
        grid[col].addnext(copy.deepcopy(grid[col]))
    for row in _placed(tbl):
        for start, tc in row:
            if start <= col < start + _span_of(tc):
                _set_span(tc, _span_of(tc) + 1)


def _one_cell_table(content: list[lxml.etree._Element]) -> lxml.etree._Element:
    tbl = w("tbl")
    props = lxml.etree.SubElement(tbl, f"{W}tblPr")
    props.append(w("tblW", w="5000", type="pct"))
    lxml.etree.SubElement(tbl, f"{W}tblGrid").append(w("gridCol", w="9000"))
    tc = lxml.etree.SubElement(lxml.etree.SubElement(tbl, f"{W}tr"), f"{W}tc")
    tc.append(w("tcPr"))
    for element in content:
        tc.append(element)
    tc.append(w("p"))  # a cell ends with a paragraph
    return tbl


def docx_in_layout_table(
    root: lxml.etree._Element, *, each_table: bool = False
) -> None:
    """The whole body inside one cell of a 1×1 table, or (``each_table``) every table
    inside its own 1×1 table."""
    body = root.find(f"{W}body")
    if each_table:
        for tbl in list(body.findall(f"{W}tbl")):
            holder = w("p")
            tbl.addprevious(holder)
            holder.addprevious(_one_cell_table([tbl]))
            body.remove(holder)
        return
    content = [child for child in body if child.tag != f"{W}sectPr"]
    for child in content:
        body.remove(child)
    body.insert(0, _one_cell_table(content))


NOISE = ("proofErr", "bookmark", "field", "format")


def _piece_run(run: lxml.etree._Element, text: str, bold: bool) -> lxml.etree._Element:
    new = w("r")
    props = run.find(f"{W}rPr")
    props = copy.deepcopy(props) if props is not None else w("rPr")
    if bold:
        props.append(w("b"))
        props.append(w("sz", val="21"))
    new.append(props)
    t = lxml.etree.SubElement(new, f"{W}t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return new


def _split_run(
    run: lxml.etree._Element, rng: random.Random, n: int, line_breaks: bool
) -> None:
    t = run.find(f"{W}t")
    text = t.text if t is not None else None
    if not text or len(text) < 2:
        return
    cuts = sorted(rng.sample(range(1, len(text)), min(2, len(text) - 1)))
    pieces = [text[i:j] for i, j in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    out: list[lxml.etree._Element] = []
    for k, piece in enumerate(pieces):
        new = _piece_run(run, piece, bold=k % 2 == 1)
        noise = NOISE[(n + k) % len(NOISE)]
        if noise == "field" and k == 1:
            field = w("fldSimple", instr=' MERGEFIELD "x" \\* MERGEFORMAT ')
            field.append(new)
            new = field
        if k and noise == "proofErr":
            out.append(w("proofErr", type="spellStart"))
        elif k and noise == "bookmark":
            out.append(w("bookmarkStart", id=str(n * 10 + k), name=f"_b{n}"))
            out.append(w("bookmarkEnd", id=str(n * 10 + k)))
        if k and line_breaks and not _NUMBER.fullmatch(text):
            br_run = w("r")
            br_run.append(w("br"))
            out.append(br_run)
        out.append(new)
        if k and noise == "proofErr":
            out.append(w("proofErr", type="spellEnd"))
    for element in out:
        run.addprevious(element)
    run.getparent().remove(run)


def docx_split_runs(
    root: lxml.etree._Element,
    rng: random.Random,
    *,
    labels: bool = True,
    numbers: bool = False,
    line_breaks: bool = False,
) -> None:
    """The text of table cells cut into several runs of different formatting, with
    proofing marks, bookmarks, simple fields and (``line_breaks``, labels only) soft
    line breaks between the pieces."""
    cells = (docx_label_cells(root) if labels else []) + (
        docx_value_cells(root) if numbers else []
    )
    for n, tc in enumerate(cells):
        for run in list(tc.iter(f"{W}r")):
            _split_run(run, rng, n, line_breaks)


def docx_number_line_break(tc: lxml.etree._Element, *, paragraphs: bool) -> None:
    """A number cut by a soft line break, or (``paragraphs``) into two paragraphs."""
    text = docx_cell_text(tc)
    p = tc.find(f"{W}p")
    run = p.find(f"{W}r")
    first, second = _piece_run(run, text[:1], False), _piece_run(run, text[1:], False)
    for r in p.findall(f"{W}r"):
        p.remove(r)
    p.append(first)
    if paragraphs:
        p2 = copy.deepcopy(p)
        for r in p2.findall(f"{W}r"):
            p2.remove(r)
        p2.append(second)
        p.addnext(p2)
    else:
        br_run = w("r")
        br_run.append(w("br"))
        p.append(br_run)
        p.append(second)


def docx_extra_paragraphs(root: lxml.etree._Element, rng: random.Random) -> None:
    """Cells holding several paragraphs: empty ones around the text, and labels cut
    into two paragraphs."""
    for tc in list(root.iter(f"{W}tc")):
        p = tc.find(f"{W}p")
        if p is None:
            continue
        text = docx_cell_text(tc)
        if _HAN_TEXT.search(text) and len(text) > 4 and rng.random() < 0.5:
            cut = rng.randint(2, len(text) - 2)
            run = p.find(f"{W}r")
            second = copy.deepcopy(p)
            for r in p.findall(f"{W}r"):
                p.remove(r)
            for r in second.findall(f"{W}r"):
                second.remove(r)
            p.append(_piece_run(run, text[:cut], False))
            second.append(_piece_run(run, text[cut:], False))
            p.addnext(second)
        empty = copy.deepcopy(p)
        for r in empty.findall(f"{W}r"):
            empty.remove(r)
        if rng.random() < 0.5:
            p.addprevious(empty)
        else:
            tc.append(empty)


def docx_zeros_as(root: lxml.etree._Element, mark: str | None) -> int:
    """Every zero cell printed as ``mark``; ``None``: the cell left without any run."""
    count = 0
    for tc in docx_value_cells(root):
        if docx_cell_text(tc) != "0":
            continue
        count += 1
        for run in list(tc.iter(f"{W}r")):
            if mark is None:
                run.getparent().remove(run)
            else:
                run.find(f"{W}t").text = mark
    return count


def docx_split_table_with_header(
    root: lxml.etree._Element, index: int, cut: int, header_rows: int
) -> None:
    """A table split at a page break into two tables, the header rows repeated at the
    top of the second one."""
    docx_split_table(root, index, cut)
    first = docx_tables(root)[index]
    second = docx_tables(root)[index + 1]
    props = second.find(f"{W}tblGrid")
    for tr in reversed(first.findall(f"{W}tr")[:header_rows]):
        props.addnext(copy.deepcopy(tr))


def docx_table(rows: list[list[tuple]]) -> lxml.etree._Element:
    """A plain Word table of (text, grid span[, vMerge value]) cells."""
    tbl = w("tbl")
    tbl.append(w("tblPr"))
    width = sum(cell[1] for cell in rows[0])
    grid = lxml.etree.SubElement(tbl, f"{W}tblGrid")
    for _ in range(width):
        grid.append(w("gridCol", w="600"))
    for row in rows:
        tr = lxml.etree.SubElement(tbl, f"{W}tr")
        for text, span, *vmerge in row:
            tc = lxml.etree.SubElement(tr, f"{W}tc")
            tc.append(w("tcPr"))
            _set_span(tc, span)
            if vmerge:
                tc[0].append(w("vMerge", val=vmerge[0]) if vmerge[0] else w("vMerge"))
            p = lxml.etree.SubElement(tc, f"{W}p")
            if text:
                run = lxml.etree.SubElement(p, f"{W}r")
                lxml.etree.SubElement(run, f"{W}t").text = text
    return tbl


def docx_table2_article_column(root: lxml.etree._Element, report: Report) -> None:
    """Table 2 with the articles (第二十条第（一）项 …) in a first column merged down
    over the header row and the rows of each article."""
    from gongkai.report.labels import T2_LABELS

    def value(row: str, cell: str) -> str:
        v = report.cell(f"table2.{row}.{cell}")
        return format(v, "f") if isinstance(v, Decimal) else str(v)

    heads = {
        "issued": "本年制发件数",
        "repealed": "本年废止件数",
        "in_force": "现行有效件数",
    }
    articles = [
        ("第二十条第（一）项", ["regulations", "normative_documents"]),
        ("第二十条第（五）项", ["licensing"]),
        ("第二十条第（六）项", ["penalties", "enforcement"]),
        ("第二十条第（八）项", ["fees"]),
    ]
    rows: list[list[tuple]] = []
    for article, keys in articles:
        cells = T2_ROWS[keys[0]]
        head = (
            [(heads[c], 1) for c in cells]
            if len(cells) == 3
            else [
                (
                    "本年收费金额（单位：万元）"
                    if keys[0] == "fees"
                    else "本年处理决定数量",
                    3,
                )
            ]
        )
        rows.append([(article, 1, "restart"), ("信息内容", 1), *head])
        for key in keys:
            values = [(value(key, c), 1 if len(cells) == 3 else 3) for c in cells]
            rows.append([("", 1, ""), (T2_LABELS[key], 1), *values])
    old = docx_tables(root)[0]
    old.addprevious(docx_table(rows))
    old.getparent().remove(old)


def docx_table4_as_two_tables(root: lxml.etree._Element, report: Report) -> None:
    """Table 4 as a 行政复议 table and a 行政诉讼 table."""

    def values(groups: list[str]) -> list[tuple[str, int]]:
        return [
            (str(report.cell(f"table4.{g}.{c}")), 1) for g in groups for c in T4_CELLS
        ]

    heads = [(h, 1) for h in T4_HEADS]
    first = docx_table([[("行政复议", 5)], heads, values(["reconsideration"])])
    second = docx_table(
        [
            [("行政诉讼", 10)],
            [("未经复议直接起诉", 5), ("复议后起诉", 5)],
            heads * 2,
            values(list(T4_GROUPS[1:])),
        ]
    )
    old = docx_tables(root)[2]
    old.addprevious(first)
    old.addprevious(w("p"))
    old.addprevious(second)
    old.getparent().remove(old)


def docx_tracked_changes(
    root: lxml.etree._Element, rng: random.Random, *, kind: str
) -> None:
    """Number cells revised with tracked changes: the printed number inserted
    (``w:ins``) next to a deleted one (``w:del``/``w:delText``), or moved there
    (``w:moveFrom`` keeps its text in ``w:t``), or partly inserted."""
    for n, tc in enumerate(docx_value_cells(root)):
        text = docx_cell_text(tc)
        p = tc.find(f"{W}p")
        run = p.find(f"{W}r")
        for r in p.findall(f"{W}r"):
            p.remove(r)
        old = str(rng.randint(1, 99))
        info = {"id": str(n), "author": "办公室", "date": "2024-01-20T10:00:00Z"}
        if kind == "moved":
            gone = w("moveFrom", **info)
            gone.append(_piece_run(run, old, False))
            came = w("moveTo", **{**info, "id": str(100000 + n)})
            came.append(_piece_run(run, text, False))
        else:
            gone = w("del", **info)
            deleted = _piece_run(run, old, False)
            if kind == "deleted-as-t":
                pass  # some tools keep the deleted text in w:t
            else:
                deleted.find(f"{W}t").tag = f"{W}delText"
            gone.append(deleted)
            came = w("ins", **{**info, "id": str(100000 + n)})
            if kind == "partly-inserted" and len(text) > 1:
                came.append(_piece_run(run, text[:1], False))
                rest = _piece_run(run, text[1:], False)
            else:
                came.append(_piece_run(run, text, False))
                rest = None
        pieces = [gone, came] if n % 2 else [came, gone]
        if kind != "moved" and kind == "partly-inserted" and rest is not None:
            pieces = [came, gone, rest]
        for piece in pieces:
            p.append(piece)


def docx_deleted_row(root: lxml.etree._Element, rng: random.Random) -> None:
    """A tracked deletion of a whole table 3 row: a copy of a data row with other
    numbers, every run deleted, before the real row."""
    tbl = docx_tables(root)[1]
    row = tbl.findall(f"{W}tr")[3]
    copied = copy.deepcopy(row)
    props = copied.find(f"{W}trPr")
    if props is None:
        props = w("trPr")
        copied.insert(0, props)
    props.append(w("del", id="900", author="办公室"))
    for run in list(copied.iter(f"{W}r")):
        t = run.find(f"{W}t")
        if t is not None and _NUMBER.fullmatch(t.text or ""):
            t.text = str(rng.randint(100, 999))
        if t is not None:
            t.tag = f"{W}delText"
        holder = w("del", id="901", author="办公室")
        run.addprevious(holder)
        holder.append(run)
    row.addprevious(copied)


def docx_sdt(root: lxml.etree._Element, *, level: str, xml: bool = False) -> None:
    """Content controls (``w:sdt``) around the tables, their rows, their cells, the
    paragraphs in the cells or the runs; or (``xml``) custom XML elements."""

    def wrap(element: lxml.etree._Element) -> None:
        if xml:
            custom = w("customXml", element="数据")
            element.addprevious(custom)
            custom.append(element)
            return
        sdt = w("sdt")
        props = lxml.etree.SubElement(sdt, f"{W}sdtPr")
        props.append(w("alias", val="数据"))
        content = w("sdtContent")
        element.addprevious(sdt)
        content.append(element)
        sdt.append(content)

    tag = {"table": "tbl", "row": "tr", "cell": "tc", "paragraph": "p", "run": "r"}
    for tbl in docx_tables(root):
        if level == "table":
            wrap(tbl)
            continue
        for element in list(tbl.iter(f"{W}{tag[level]}")):
            wrap(element)


def docx_in_text_box(root: lxml.etree._Element, *, vml_only: bool = False) -> None:
    """Every table inside a text box anchored in a paragraph: DrawingML with a VML
    fallback holding a second copy (``mc:AlternateContent``), or VML alone."""

    def vml(tbl: lxml.etree._Element) -> lxml.etree._Element:
        pict = w("pict")
        shape = lxml.etree.SubElement(pict, f"{VML}shape", type="#_x0000_t202")
        box = lxml.etree.SubElement(shape, f"{VML}textbox")
        content = lxml.etree.SubElement(box, f"{W}txbxContent")
        content.append(tbl)
        content.append(w("p"))
        return pict

    for tbl in docx_tables(root):
        if tbl.getparent().tag != f"{W}body":
            continue
        paragraph = w("p")
        tbl.addprevious(paragraph)
        run = lxml.etree.SubElement(paragraph, f"{W}r")
        if vml_only:
            run.append(vml(tbl))
            continue
        alternate = lxml.etree.SubElement(run, f"{MC}AlternateContent")
        choice = lxml.etree.SubElement(alternate, f"{MC}Choice", Requires="wps")
        drawing = lxml.etree.SubElement(choice, f"{W}drawing")
        shape = lxml.etree.SubElement(drawing, f"{WPS}wsp")
        box = lxml.etree.SubElement(shape, f"{WPS}txbx")
        content = lxml.etree.SubElement(box, f"{W}txbxContent")
        fallback = lxml.etree.SubElement(alternate, f"{MC}Fallback")
        fallback.append(vml(copy.deepcopy(tbl)))
        content.append(tbl)
        content.append(w("p"))


def _only_paragraph(tc: lxml.etree._Element) -> tuple[lxml.etree._Element, str]:
    """The cell's first paragraph emptied of its runs, and the cell's text."""
    text = docx_cell_text(tc)
    p = tc.find(f"{W}p")
    for r in p.findall(f"{W}r"):
        p.remove(r)
    return p, text


def docx_formula_fields(root: lxml.etree._Element, *, simple: bool) -> None:
    """Number cells computed by Word formula fields (``=SUM(LEFT)``): the field code
    holds digits of its own, the printed number is the field's result."""
    for tc in docx_value_cells(root):
        p, text = _only_paragraph(tc)
        result = w("r")
        lxml.etree.SubElement(result, f"{W}t").text = text
        if simple:
            field = w("fldSimple", instr=" =SUM(B2:B12) \\# 0 ")
            field.append(result)
            p.append(field)
            continue
        for kind, code in (
            ("begin", None),
            (None, " =SUM(B2:B12) \\# 0 "),
            ("separate", None),
        ):
            run = w("r")
            if kind:
                run.append(w("fldChar", fldCharType=kind))
            else:
                lxml.etree.SubElement(run, f"{W}instrText").text = code
            p.append(run)
        p.append(result)
        end = w("r")
        end.append(w("fldChar", fldCharType="end"))
        p.append(end)


def docx_numbers_in_text_boxes(root: lxml.etree._Element) -> None:
    """Every number printed in a text box anchored in its cell (DrawingML with the VML
    fallback copy)."""
    for tc in docx_value_cells(root):
        p, text = _only_paragraph(tc)
        run = lxml.etree.SubElement(p, f"{W}r")
        alternate = lxml.etree.SubElement(run, f"{MC}AlternateContent")
        choice = lxml.etree.SubElement(alternate, f"{MC}Choice", Requires="wps")
        fallback = lxml.etree.SubElement(alternate, f"{MC}Fallback")
        shape = lxml.etree.SubElement(
            lxml.etree.SubElement(choice, f"{W}drawing"), f"{WPS}wsp"
        )
        boxes = [
            lxml.etree.SubElement(
                lxml.etree.SubElement(shape, f"{WPS}txbx"), f"{W}txbxContent"
            ),
            lxml.etree.SubElement(
                lxml.etree.SubElement(
                    lxml.etree.SubElement(
                        lxml.etree.SubElement(fallback, f"{W}pict"), f"{VML}shape"
                    ),
                    f"{VML}textbox",
                ),
                f"{W}txbxContent",
            ),
        ]
        for box in boxes:
            inner = lxml.etree.SubElement(box, f"{W}p")
            inner_run = lxml.etree.SubElement(inner, f"{W}r")
            lxml.etree.SubElement(inner_run, f"{W}t").text = text


def docx_hidden_runs(root: lxml.etree._Element, rng: random.Random) -> None:
    """A hidden run (``w:vanish``: not printed) with another number next to every
    number, and a run marked explicitly not hidden (``w:vanish w:val="0"``)."""
    for n, tc in enumerate(docx_value_cells(root)):
        p, text = _only_paragraph(tc)
        hidden = w("r")
        lxml.etree.SubElement(hidden, f"{W}rPr").append(w("vanish"))
        lxml.etree.SubElement(hidden, f"{W}t").text = str(rng.randint(1, 99))
        shown = w("r")
        lxml.etree.SubElement(shown, f"{W}rPr").append(w("vanish", val="0"))
        lxml.etree.SubElement(shown, f"{W}t").text = text
        for run in (hidden, shown) if n % 2 else (shown, hidden):
            p.append(run)


def docx_table_in_first_cell(root: lxml.etree._Element, index: int) -> None:
    """A small table inside the first header cell of table ``index`` (a table of
    figures holding a table is no layout table)."""
    tbl = docx_tables(root)[index]
    tc = tbl.find(f"{W}tr").find(f"{W}tc")
    tc.find(f"{W}p").addprevious(docx_table([[("项目", 1)]]))
