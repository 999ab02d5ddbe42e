"""Reading any supported file into the neutral intermediate representation."""

from __future__ import annotations

from . import detect
from .errors import ReaderError
from .ir import Document

MAX_BYTES = 20 * 1024 * 1024


def read_document(data: bytes) -> Document:
    """Detect the format by content and read the file. Raises :class:`ReaderError` with a
    Chinese reason when the file cannot be read at all."""
    if len(data) > MAX_BYTES:
        raise ReaderError("文件超过 20 MB，不予检查。")
    kind = detect.detect_format(data)
    try:
        return _read(kind, data)
    except ReaderError:
        raise
    except RecursionError as exc:
        raise ReaderError("文件结构嵌套过深，无法读取。") from exc


def _read(kind: str, data: bytes) -> Document:
    if kind == detect.PDF:
        from .pdf import read_pdf

        return read_pdf(data)
    if kind == detect.DOCX:
        from .docx import read_docx

        return read_docx(data)
    if kind == detect.JSON:
        raise ReaderError("这是报告 JSON，不是发布的报告文件。")
    text = detect.decode_text(data)
    if kind == detect.HTML:
        from .html import read_html

        return read_html(text)
    if kind == detect.MARKDOWN:
        from .markdown import read_markdown

        return read_markdown(text)
    from .text import read_text

    return read_text(text)
