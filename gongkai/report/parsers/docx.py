"""DOCX: paragraphs and tables of ``word/document.xml`` in document order.

Merged cells are resolved from ``w:gridSpan`` (horizontal) and ``w:vMerge``
(vertical); a table split over several Word tables stays several tables here and is
joined by the row labels later. The XML is read directly (no macro, field or embedded
object is ever evaluated), with entity expansion and network access switched off.
"""

from __future__ import annotations

import io
import zipfile

import lxml.etree

from .errors import ReaderError
from .ir import Block, Document, GridCell, Table
from .text import MAX_COLUMNS, lines_to_blocks

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_XML_BYTES = 64 * 1024 * 1024
MAX_ROWS = 5000

_PARSER = lxml.etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True
)


def _paragraph_text(p: lxml.etree._Element) -> str:
    parts: list[str] = []
    for node in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"):
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        elif node.tag == f"{W}tab":
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


def _cell_text(tc: lxml.etree._Element) -> str:
    texts = [_paragraph_text(p) for p in tc.iter(f"{W}p")]
    return " ".join(" ".join(t.split()) for t in texts if t.strip())


def _int_attr(element: lxml.etree._Element | None, default: int) -> int:
    if element is None:
        return default
    try:
        return max(1, min(int(element.get(f"{W}val", default)), MAX_COLUMNS))
    except ValueError:
        return default


def _table(tbl: lxml.etree._Element) -> Table:
    rows: list[list[GridCell]] = []
    for tr in tbl.iterchildren(f"{W}tr"):
        if len(rows) >= MAX_ROWS:
            break
        row: list[GridCell] = []
        before = tr.find(f"{W}trPr/{W}gridBefore")
        if before is not None:
            row.extend(GridCell("") for _ in range(_int_attr(before, 0)))
        for tc in tr.iterchildren(f"{W}tc"):
            props = tc.find(f"{W}tcPr")
            span = _int_attr(
                props.find(f"{W}gridSpan") if props is not None else None, 1
            )
            vmerge = props.find(f"{W}vMerge") if props is not None else None
            col = len(row)
            if vmerge is not None and vmerge.get(f"{W}val") != "restart" and rows:
                above = rows[-1][col].text if col < len(rows[-1]) else ""
                cells = [GridCell(above, False) for _ in range(span)]
            else:
                text = _cell_text(tc)
                cells = [GridCell(text, i == 0) for i in range(span)]
            row.extend(cells)
            if len(row) >= MAX_COLUMNS:
                break
        rows.append(row[:MAX_COLUMNS])
    return Table(rows)


def _body_blocks(parent: lxml.etree._Element, blocks: list[Block]) -> None:
    lines: list[str] = []
    for child in parent:
        if child.tag == f"{W}p":
            lines.extend(_paragraph_text(child).split("\n"))
        elif child.tag == f"{W}tbl":
            blocks.extend(lines_to_blocks(lines))
            lines = []
            blocks.append(Block(table=_table(child)))
        elif child.tag == f"{W}sdt":
            blocks.extend(lines_to_blocks(lines))
            lines = []
            content = child.find(f"{W}sdtContent")
            if content is not None:
                _body_blocks(content, blocks)
    blocks.extend(lines_to_blocks(lines))


def read_docx(data: bytes) -> Document:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("word/document.xml")
            if info.file_size > MAX_XML_BYTES:
                raise ReaderError("Word 文档（DOCX）过大：正文超过 64 MB。")
            xml = archive.read(info)
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, ValueError) as exc:
        raise ReaderError("Word 文档（DOCX）无法打开：文件已损坏或不是 DOCX。") from exc
    except NotImplementedError as exc:
        raise ReaderError("Word 文档（DOCX）使用了不支持的压缩方式。") from exc
    try:
        root = lxml.etree.fromstring(xml, _PARSER)
    except lxml.etree.XMLSyntaxError as exc:
        raise ReaderError("Word 文档（DOCX）的正文 XML 已损坏，无法读取。") from exc
    body = root.find(f"{W}body")
    if body is None:
        raise ReaderError("Word 文档（DOCX）没有正文。")
    blocks: list[Block] = []
    _body_blocks(body, blocks)
    return Document(source_format="docx", blocks=blocks)
