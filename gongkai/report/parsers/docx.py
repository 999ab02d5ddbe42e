"""DOCX: paragraphs and tables of ``word/document.xml`` in document order.

Merged cells are resolved from ``w:gridSpan`` (horizontal) and ``w:vMerge``
(vertical); a table split over several Word tables stays several tables here and is
joined by the row labels later. The XML is read directly (no macro, field or embedded
object is ever evaluated), with entity expansion and network access switched off.

Only what Word prints is read: text deleted or moved away with tracked changes
(``w:del``, ``w:moveFrom``, rows marked deleted) and hidden runs (``w:vanish``) are
dropped, and of the alternatives of ``mc:AlternateContent`` only the first one is read
(the fallback holds a second copy of a text box). Content controls (``w:sdt``) and
custom XML around tables, rows, cells and paragraphs are looked through. Tables inside
text boxes are read where the text box is anchored; a table holding tables and no
number of its own (a layout table, often a 1×1 table around the whole report) is read
as the text and tables of its cells.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

import lxml.etree

from .errors import ReaderError
from .glued import is_number_text
from .ir import Block, Document, GridCell, Table
from .text import MAX_COLUMNS, lines_to_blocks

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
MAX_XML_BYTES = 64 * 1024 * 1024
MAX_ROWS = 5000

_PARSER = lxml.etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True
)

_OFF = frozenset({"0", "false", "off"})
# Text boxes taken out of the paragraph anchoring them, read after its text.
_Boxes = dict[lxml.etree._Element, list[lxml.etree._Element]]


def _unwrapped(parent: lxml.etree._Element) -> Iterator[lxml.etree._Element]:
    """The children of ``parent``, looking through content controls and custom XML."""
    for child in parent:
        if child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _unwrapped(content)
        elif child.tag == f"{W}customXml":
            yield from _unwrapped(child)
        else:
            yield child


def _not_printed(root: lxml.etree._Element) -> list[lxml.etree._Element]:
    """Tracked deletions and moves away (a row marked deleted as a whole), hidden runs
    (``w:vanish``) and the fallbacks of alternate content."""
    out: list[lxml.etree._Element] = []
    tags = (f"{W}del", f"{W}moveFrom", f"{W}vanish", f"{MC}Fallback")
    for element in root.iter(*tags):
        parent = element.getparent()
        if parent is None:
            continue
        if element.tag == f"{W}vanish":
            run = parent.getparent()
            hidden = element.get(f"{W}val", "true") not in _OFF
            if hidden and run is not None and run.tag == f"{W}r":
                out.append(run)
        elif element.tag == f"{MC}Fallback":
            if parent.find(f"{MC}Choice") is not None:
                out.append(element)
        elif parent.tag == f"{W}trPr":
            row = parent.getparent()
            if row is not None:
                out.append(row)
        elif parent.tag not in (f"{W}rPr", f"{W}pPr"):
            out.append(element)
    return out


def _printed_only(root: lxml.etree._Element) -> _Boxes:
    """Drop from the tree what is not printed; take the text boxes out of the
    paragraphs anchoring them."""
    for element in _not_printed(root):
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
    boxes: _Boxes = {}
    for box in list(root.iter(f"{W}txbxContent")):
        anchor = next(box.iterancestors(f"{W}p"), None)
        parent = box.getparent()
        if anchor is not None and parent is not None:
            parent.remove(box)
            boxes.setdefault(anchor, []).append(box)
    return boxes


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


def _cell_text(tc: lxml.etree._Element, boxes: _Boxes) -> str:
    texts = []
    for p in tc.iter(f"{W}p"):
        texts.append(_paragraph_text(p))
        for box in boxes.get(p, ()):
            texts.append(_cell_text(box, boxes))
    return " ".join(" ".join(t.split()) for t in texts if t.strip())


def _int_attr(element: lxml.etree._Element | None, default: int) -> int:
    if element is None:
        return default
    try:
        return max(1, min(int(element.get(f"{W}val", default)), MAX_COLUMNS))
    except ValueError:
        return default


def _rows(tbl: lxml.etree._Element) -> Iterator[lxml.etree._Element]:
    return (tr for tr in _unwrapped(tbl) if tr.tag == f"{W}tr")


def _cells(tr: lxml.etree._Element) -> Iterator[lxml.etree._Element]:
    return (tc for tc in _unwrapped(tr) if tc.tag == f"{W}tc")


def _table(tbl: lxml.etree._Element, boxes: _Boxes) -> Table:
    rows: list[list[GridCell]] = []
    # per grid position, the row where its vertically merged cell starts
    starts: list[list[int]] = []
    for tr in _rows(tbl):
        if len(rows) >= MAX_ROWS:
            break
        r = len(rows)
        row: list[GridCell] = []
        start: list[int] = []
        before = tr.find(f"{W}trPr/{W}gridBefore")
        if before is not None:
            row.extend(GridCell("") for _ in range(_int_attr(before, 0)))
            start.extend(r for _ in range(len(row)))
        for tc in _cells(tr):
            props = tc.find(f"{W}tcPr")
            span = _int_attr(
                props.find(f"{W}gridSpan") if props is not None else None, 1
            )
            vmerge = props.find(f"{W}vMerge") if props is not None else None
            col = len(row)
            if vmerge is not None and vmerge.get(f"{W}val") != "restart" and rows:
                above = rows[-1][col].text if col < len(rows[-1]) else ""
                origin = starts[-1][col] if col < len(starts[-1]) else r
                row.extend(GridCell(above, False) for _ in range(span))
                start.extend(origin for _ in range(span))
            else:
                text = _cell_text(tc, boxes)
                row.extend(GridCell(text, i == 0) for i in range(span))
                start.extend(r for _ in range(span))
            if len(row) >= MAX_COLUMNS:
                break
        rows.append(row[:MAX_COLUMNS])
        starts.append(start[:MAX_COLUMNS])
    return Table(_header_merges_left_out(rows, starts))


def _header_merges_left_out(
    rows: list[list[GridCell]], starts: list[list[int]]
) -> list[list[GridCell]]:
    """A cell of the header (the rows above the first row with a number) merged down
    into the rows below it (a header repeated over a table split at a page break, its
    first columns still merged with the rows that follow) is no label of those rows:
    there its positions are blank."""
    first = next(
        (
            r
            for r, row in enumerate(rows)
            if any(c.origin and is_number_text(c.text) for c in row)
        ),
        len(rows),
    )
    for r in range(first, len(rows)):
        row = rows[r]
        for c, s in enumerate(starts[r]):
            if s < first:
                row[c] = GridCell("", False)
    return rows


def _layout_cells(
    tbl: lxml.etree._Element, boxes: _Boxes
) -> list[lxml.etree._Element] | None:
    """The cells of a layout table (one holding tables, with no number in its other
    cells), else ``None``: a table of figures with a small table in one of its cells
    stays a table."""
    if tbl.find(f".//{W}tbl") is None:
        return None
    cells = [tc for tr in _rows(tbl) for tc in _cells(tr)]
    for tc in cells:
        if tc.find(f".//{W}tbl") is None and is_number_text(_cell_text(tc, boxes)):
            return None
    return cells


def _body_blocks(
    parent: lxml.etree._Element, blocks: list[Block], boxes: _Boxes
) -> None:
    lines: list[str] = []
    for child in _unwrapped(parent):
        if child.tag == f"{W}p":
            lines.extend(_paragraph_text(child).split("\n"))
            anchored = boxes.get(child)
            if anchored:
                blocks.extend(lines_to_blocks(lines))
                lines = []
                for box in anchored:
                    _body_blocks(box, blocks, boxes)
        elif child.tag == f"{W}tbl":
            blocks.extend(lines_to_blocks(lines))
            lines = []
            cells = _layout_cells(child, boxes)
            if cells is None:
                blocks.append(Block(table=_table(child, boxes)))
            for cell in cells or ():
                _body_blocks(cell, blocks, boxes)
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
    _body_blocks(body, blocks, _printed_only(body))
    return Document(source_format="docx", blocks=blocks)
