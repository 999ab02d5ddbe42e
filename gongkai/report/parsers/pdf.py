"""PDF with a text layer: tables found from the ruling lines of each page, the rest as text
lines, in reading order (top to bottom). A PDF without any text (a scan) is refused with
"无文本层" rather than guessed at: reading images would need OCR, which this checker does
not do.

Pages are read one at a time and released afterwards, so memory stays bounded by the
largest page, not by the length of the document.
"""

from __future__ import annotations

import io
import logging
from typing import Any

from .errors import ReaderError
from .ir import Block, Document, GridCell, Table
from .text import lines_to_blocks

MAX_PAGES = 500
NO_TEXT_LAYER = (
    "无文本层：这个 PDF 没有可读取的文字（多半是扫描件或图片）。"
    "检查器不做文字识别，请提供带文本层的 PDF，或先进行 OCR。"
)
_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}

for _name in ("pdfminer", "pdfplumber"):
    logging.getLogger(_name).setLevel(logging.ERROR)


def _grid(rows: list[list[str | None]]) -> Table:
    return Table(
        [
            [
                GridCell("", False)
                if cell is None
                else GridCell(" ".join(cell.split()), True)
                for cell in row
            ]
            for row in rows
        ]
    )


def _inside(
    obj: dict[str, Any], boxes: list[tuple[float, float, float, float]]
) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _page_blocks(page: Any) -> tuple[list[Block], int]:
    chars = len(page.chars)
    if not chars:
        return [], 0
    tables = page.find_tables(_TABLE_SETTINGS)
    boxes = [t.bbox for t in tables]
    items: list[tuple[float, int, list[Block]]] = []
    for i, table in enumerate(tables):
        items.append((table.bbox[1], i, [Block(table=_grid(table.extract()))]))
    outside = page.filter(lambda obj: not _inside(obj, boxes)) if boxes else page
    for line in outside.extract_text_lines(return_chars=False):
        items.append((line["top"], len(tables), lines_to_blocks([line["text"]])))
    items.sort(key=lambda item: (item[0], item[1]))
    return [block for _, _, blocks in items for block in blocks], chars


def _open_error(exc: Exception) -> ReaderError:
    name = type(exc).__name__ + " " + repr(getattr(exc, "args", ""))
    if "Password" in name or "Encrypt" in name:
        return ReaderError("PDF 已加密，需要密码才能读取，无法检查。")
    return ReaderError("PDF 文件已损坏或无法解析。")


def read_pdf(data: bytes) -> Document:
    import pdfplumber  # heavy; imported only when a PDF is read

    blocks: list[Block] = []
    total_chars = 0
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise ReaderError(f"PDF 超过 {MAX_PAGES} 页，不予检查。")
            for page in pdf.pages:
                page_blocks, chars = _page_blocks(page)
                blocks.extend(page_blocks)
                total_chars += chars
                page.close()
    except ReaderError:
        raise
    except RecursionError as exc:
        raise ReaderError("PDF 文件结构过深，无法解析。") from exc
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on bad input
        raise _open_error(exc) from exc
    if total_chars == 0:
        raise ReaderError(NO_TEXT_LAYER)
    return Document(source_format="pdf", blocks=blocks)
