import io
import os

import pdfplumber
import pytest
from bs4 import BeautifulSoup
from docx import Document
from docx.oxml.ns import qn
from pdfminer.pdftypes import resolve1

from gongkai.report.model import T3_ROWS, all_cell_paths
from gongkai.report.render import (
    FORMATS,
    render,
    render_docx,
    render_html,
    render_json,
    render_markdown,
    render_pdf,
)
from gongkai.report.render.layout import number, table3_grid
from tests.report.conftest import GOLDEN

UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def _golden(name, text):
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), (
        f"{name} differs (UPDATE_GOLDEN=1 to accept)"
    )


def test_html_golden(seed):
    _golden("zhongwei-justice-bureau-2023.html", render_html(seed))


def test_markdown_golden(seed):
    _golden("zhongwei-justice-bureau-2023.md", render_markdown(seed))


@pytest.fixture
def soup(seed):
    return BeautifulSoup(render_html(seed, standalone=True), "html.parser")


def test_html_carries_every_number_of_the_seed(seed, soup):
    cells = {td["data-cell"]: td.get_text() for td in soup.select("td[data-cell]")}
    assert list(cells) == all_cell_paths()
    assert all(cells[p] == number(seed.cell(p)) for p in cells)
    assert cells["table2.normative_documents.in_force"] == "13"
    assert cells["table2.licensing.decisions"] == "74"
    assert cells["table3.partially_granted.natural_person"] == "1"


def test_html_table3_official_merges(soup):
    table = soup.select_one("table.gk-table3")
    corner = table.select_one("th.gk-corner")
    assert corner["rowspan"] == "3" and corner["colspan"] == "3"
    assert "勾稽关系" in corner.get_text()
    assert len(table.select("thead tr")) == 3
    spans = {td.get_text(): td.get("rowspan") for td in table.select("td.gk-label")}
    assert spans["三、本年度办理结果"] == "22"
    assert spans["（三）不予公开"] == "8"
    assert spans["（四）无法提供"] == "3"
    assert spans["（五）不予处理"] == "5"
    assert spans["（六）其他处理"] == "3"
    assert len(table.select("tbody tr")) == len(T3_ROWS)
    # Every body row spans the 10 grid columns once the rowspans are counted.
    assert all(int(c.get("colspan", 1)) for c in table.select("tbody td"))


def test_html_table4_has_three_header_rows(soup):
    table = soup.select_one("table.gk-table4")
    rows = table.select("thead tr")
    assert len(rows) == 3
    assert [th.get_text() for th in rows[0].select("th")] == ["行政复议", "行政诉讼"]
    assert [th.get_text() for th in rows[1].select("th")][-2:] == [
        "未经复议直接起诉",
        "复议后起诉",
    ]
    assert len(table.select("tbody td")) == 15


def test_html_sections_in_order_with_text_before_tables(seed, soup):
    headings = [h.get_text() for h in soup.select("section h2")]
    assert headings[0] == "一、总体情况" and headings[-1] == "六、其他需要报告的事项"
    assert len(headings) == 6
    assert soup.title.get_text() == "中卫市司法局2023年政府信息公开工作年度报告"
    seed.sections["proactive"] = "本年度主动公开情况如下。"
    section = BeautifulSoup(render_html(seed), "html.parser").select_one(
        "#gk-proactive"
    )
    assert [child.name for child in section.find_all(recursive=False)] == [
        "h2",
        "p",
        "table",
    ]


def test_html_highlight_blank_and_escaping(seed):
    seed.table3["granted"]["research"] = None
    seed.uncertain = ["table3.granted.research"]
    seed.sections["other"] = "<script>x</script>"
    html = render_html(seed, highlight={"table3.carried_forward.total"})
    soup = BeautifulSoup(html, "html.parser")
    marked = soup.select_one('td[data-cell="table3.carried_forward.total"]')
    assert "gk-highlight" in marked["class"]
    blank = soup.select_one('td[data-cell="table3.granted.research"]')
    assert blank.get_text() == "" and "gk-uncertain" in blank["class"]
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_docx_layout_and_numbers(seed):
    doc = Document(io.BytesIO(render_docx(seed)))
    section = doc.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (
        21.0,
        29.7,
    )
    assert round(section.left_margin.cm, 1) == 2.7
    assert [(len(t.rows), len(t.columns)) for t in doc.tables] == [
        (14, 4),
        (28, 10),
        (4, 15),
    ]
    table = doc.tables[1]
    for cell in table3_grid(seed).cells:
        assert table.cell(cell.row, cell.col).text == cell.text
    # Real merges: the corner note spans 3×3, 三、本年度办理结果 22 rows.
    assert table.cell(0, 0)._tc is table.cell(2, 2)._tc
    assert table.cell(3 + 2, 0)._tc is table.cell(3 + 23, 0)._tc
    # The grid columns carry the layout's widths (Word and LibreOffice lay a fixed
    # table out by them): table 3's label column is wide enough for its labels.
    grid_widths = [
        round(int(col.get(qn("w:w"))) / 567, 1)
        for col in table._tbl.tblGrid.findall(qn("w:gridCol"))
    ]
    assert grid_widths == [1.3, 1.8, 4.1, *[1.2] * 7]
    assert all(
        t._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        for t in doc.tables
    )
    xml = doc.element.xml
    assert 'w:eastAsia="仿宋"' in xml and 'w:eastAsia="黑体"' in xml
    texts = [p.text for p in doc.paragraphs]
    assert "一、总体情况" in texts and any("收到 1 名自然人" in t for t in texts)


def test_pdf_embeds_cjk_font_and_carries_the_tables(seed):
    pdf = render_pdf(seed)
    assert pdf.startswith(b"%PDF")
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        text = "\n".join(page.extract_text() or "" for page in doc.pages)
        fonts = [
            resolve1(f)
            for f in resolve1(doc.pages[0].page_obj.resources["Font"]).values()
        ]
        descriptors = [
            resolve1(resolve1(resolve1(f["DescendantFonts"])[0])["FontDescriptor"])
            for f in fonts
        ]
    assert all("CJK-SC" in str(f["BaseFont"]) for f in fonts)
    assert all("FontFile3" in d or "FontFile2" in d for d in descriptors)  # embedded
    assert "中卫市司法局" in text and "勾稽关系" in text
    assert "行政规范性文件 0 1 13" in text
    assert "行政许可 74" in text


def test_json_render_round_trips(seed):
    from gongkai.report.jsonio import report_from_json

    assert report_from_json(render_json(seed)) == seed


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "pdf"])
def test_render_dispatch(seed, fmt):
    assert render(seed, fmt)


def test_render_refuses_unknown_format(seed):
    with pytest.raises(ValueError, match="不支持"):
        render(seed, "rtf")
