"""HTML: real ``<table>``s (with rowspan and colspan), Word-generated pages, web pages
with their chrome, several tables per page. Layout tables (tables holding tables) are
read as text around the inner tables."""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

from .errors import ReaderError
from .ir import Block, Document, GridCell, Table
from .text import MAX_COLUMNS, lines_to_blocks

MAX_ROWSPAN = 500
MAX_ROWS = 5000

_SKIP = frozenset({"script", "style", "noscript", "template", "head", "title", "svg"})
_BLOCK = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "header",
        "footer",
        "main",
        "nav",
        "aside",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "address",
        "figure",
        "figcaption",
        "caption",
        "form",
        "fieldset",
        "center",
        "body",
        "html",
        "hr",
        "tr",
    }
)
_WS = re.compile(r"[ \t\r\n\f\v\u00a0\u3000]+")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_DATE_META = ("pubdate", "publishdate", "firstpublishedtime", "article:published_time")


def _span(value: str | None, limit: int) -> int:
    try:
        number = int((value or "1").strip().split(".")[0] or 1)
    except ValueError:
        return 1
    return max(1, min(number, limit))


def _cell_text(cell: lxml.html.HtmlElement) -> str:
    for br in cell.iter("br"):
        br.tail = " " + (br.tail or "")
    parts = [t for t in cell.itertext() if t]
    return _WS.sub(" ", "".join(parts)).strip()


def _rows_of(table: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    rows = []
    for child in table:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "tr":
            rows.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            rows.extend(r for r in child if r.tag == "tr")
    return rows[:MAX_ROWS]


def table_grid(table: lxml.html.HtmlElement) -> Table:
    """The grid of a ``<table>``, rowspans and colspans resolved."""
    grid: dict[tuple[int, int], GridCell] = {}
    rows = _rows_of(table)
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            if cell.tag not in ("td", "th"):
                continue
            while (r, c) in grid:
                c += 1
            if c >= MAX_COLUMNS:
                break
            text = _cell_text(cell)
            rowspan = _span(cell.get("rowspan"), MAX_ROWSPAN)
            colspan = _span(cell.get("colspan"), MAX_COLUMNS - c)
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid[(r + dr, c + dc)] = GridCell(text, dr == 0 and dc == 0)
            c += colspan
    widths = [0] * len(rows)
    for r, c in grid:
        if r < len(rows):
            widths[r] = max(widths[r], c + 1)
    blank = GridCell("", False)
    return Table(
        [
            [grid.get((r, c), blank) for c in range(width)]
            for r, width in enumerate(widths)
        ]
    )


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.buffer: list[str] = []

    def flush(self) -> None:
        text = "".join(self.buffer)
        self.buffer = []
        lines = [_WS.sub(" ", line).strip() for line in text.split("\n")]
        self.blocks.extend(lines_to_blocks([line for line in lines if line]))

    def walk(self, element: lxml.html.HtmlElement) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _SKIP or not tag:
            self.buffer.append(element.tail or "")
            return
        if tag == "table" and element.find(".//table") is None:
            self.flush()
            self.blocks.append(Block(table=table_grid(element)))
            self.buffer.append(element.tail or "")
            return
        if tag == "br":
            self.buffer.append("\n" + (element.tail or ""))
            return
        block = tag in _BLOCK or tag in ("td", "th", "table")
        if block:
            self.buffer.append("\n")
        self.buffer.append(element.text or "")
        for child in element:
            self.walk(child)
        if block:
            self.buffer.append("\n")
        self.buffer.append(element.tail or "")


def _meta(root: lxml.html.HtmlElement) -> dict[str, str]:
    meta: dict[str, str] = {}
    for element in root.iter("meta"):
        name = (element.get("name") or element.get("property") or "").strip().lower()
        content = (element.get("content") or "").strip()
        if name in _DATE_META and content:
            meta.setdefault("published", content)
    title = root.find(".//title")
    if title is not None and title.text_content().strip():
        meta["title"] = _WS.sub(" ", title.text_content()).strip()
    return meta


def read_html(text: str) -> Document:
    text = _XML_DECL.sub("", text)
    try:
        root = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ReaderError("网页（HTML）无法解析：文件内容不完整或已损坏。") from exc
    walker = _Walker()
    body = root.find(".//body")
    walker.walk(body if body is not None else root)
    walker.flush()
    return Document(source_format="html", blocks=walker.blocks, meta=_meta(root))
