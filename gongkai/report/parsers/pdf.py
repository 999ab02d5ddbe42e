"""PDF with a text layer: characters and ruling lines of each page, read with PDFium
(``pypdfium2``; no JavaScript or form handling is ever initialised), turned into tables
and text lines by ``pdf_layout``. A PDF without any text (a scan) is refused with
"无文本层" rather than guessed at: reading images would need OCR, which this checker
does not do.

Pages are read one at a time and released afterwards, so memory stays bounded by the
largest page, not by the length of the document.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from typing import Any

from .errors import ReaderError
from .ir import Block, Document
from .pdf_layout import Char, Rule, page_blocks

MAX_PAGES = 500
MAX_PATH_SEGMENTS = 5000
THIN = 3.0  # points: a filled rectangle thinner than this is a rule
NO_TEXT_LAYER = (
    "无文本层：这个 PDF 没有可读取的文字（多半是扫描件或图片）。"
    "检查器不做文字识别，请提供带文本层的 PDF，或先进行 OCR。"
)
_SKIP_CHARS = frozenset("\r\n\x00\x02\ufffe\uffff \t\u00a0\u3000")


def _chars(textpage: Any, height: float) -> list[Char]:
    import pypdfium2.raw as raw

    out = []
    rect = raw.FS_RECTF()
    for index in range(textpage.count_chars()):
        code = raw.FPDFText_GetUnicode(textpage, index)
        if not code or code > 0x10FFFF:
            continue
        text = chr(code)
        if text in _SKIP_CHARS:
            continue
        # The loose box spans the font's ascent to descent, so every character of a
        # line (punctuation included) shares its vertical extent.
        if not raw.FPDFText_GetLooseCharBox(textpage, index, rect):
            continue
        if rect.right <= rect.left or rect.top <= rect.bottom:
            continue
        out.append(
            Char(text, rect.left, height - rect.top, rect.right, height - rect.bottom)
        )
    return out


def _bounds(obj: Any) -> tuple[float, float, float, float]:
    return tuple(obj.get_bounds())  # type: ignore[return-value]


def _thin_rule(
    left: float, bottom: float, right: float, top: float, height: float
) -> Rule | None:
    w, h = right - left, top - bottom
    if h <= THIN and w > THIN:
        return Rule(False, height - (top + bottom) / 2, left, right)
    if w <= THIN and h > THIN:
        return Rule(True, (left + right) / 2, height - top, height - bottom)
    return None


def _stroked_segments(obj: Any, height: float) -> Iterator[Rule]:
    """The axis-parallel straight pieces of a stroked path (a grid drawn as lines)."""
    import pypdfium2.raw as raw

    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if (
        not raw.FPDFPath_GetDrawMode(obj.raw, fill, ctypes.byref(stroke))
        or not stroke.value
    ):
        return
    matrix = obj.get_matrix()
    count = min(raw.FPDFPath_CountSegments(obj.raw), MAX_PATH_SEGMENTS)
    x, y = ctypes.c_float(), ctypes.c_float()
    previous = None
    for index in range(count):
        segment = raw.FPDFPath_GetPathSegment(obj.raw, index)
        raw.FPDFPathSegment_GetPoint(segment, x, y)
        point = matrix.on_point(x.value, y.value)
        kind = raw.FPDFPathSegment_GetType(segment)
        if kind == raw.FPDF_SEGMENT_LINETO and previous is not None:
            (x0, y0), (x1, y1) = previous, point
            rule = _thin_rule(
                min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1), height
            )
            if rule is not None:
                yield rule
        previous = point


def _rules(page: Any, height: float) -> list[Rule]:
    import pypdfium2.raw as raw

    rules: list[Rule] = []
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH], max_depth=3):
        left, bottom, right, top = _bounds(obj)
        rule = _thin_rule(left, bottom, right, top, height)
        if rule is not None:
            rules.append(rule)
        else:
            rules.extend(_stroked_segments(obj, height))
    return rules


def _page(page: Any) -> tuple[list[Block], int]:
    height = page.get_height()
    textpage = page.get_textpage()
    try:
        chars = _chars(textpage, height)
    finally:
        textpage.close()
    if not chars:
        return [], 0
    return page_blocks(chars, _rules(page, height), height), len(chars)


def _open_error(exc: Exception) -> ReaderError:
    if "password" in str(exc).lower():
        return ReaderError("PDF 已加密，需要密码才能读取，无法检查。")
    return ReaderError("PDF 文件已损坏或无法解析。")


def read_pdf(data: bytes) -> Document:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise _open_error(exc) from exc
    blocks: list[Block] = []
    total = 0
    try:
        if len(pdf) > MAX_PAGES:
            raise ReaderError(f"PDF 超过 {MAX_PAGES} 页，不予检查。")
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                page_blocks_, chars = _page(page)
            finally:
                page.close()
            blocks.extend(page_blocks_)
            total += chars
    except pdfium.PdfiumError as exc:
        raise _open_error(exc) from exc
    finally:
        pdf.close()
    if total == 0:
        raise ReaderError(NO_TEXT_LAYER)
    return Document(source_format="pdf", blocks=blocks)
