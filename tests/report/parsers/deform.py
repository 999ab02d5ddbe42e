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
