"""Which reader a file needs, decided by its content (never by its name alone)."""

from __future__ import annotations

import io
import re
import zipfile

from .errors import ReaderError

PDF = "pdf"
DOCX = "docx"
HTML = "html"
MARKDOWN = "markdown"
TEXT = "text"
JSON = "json"

FORMAT_LABELS = {
    PDF: "PDF",
    DOCX: "Word 文档（DOCX）",
    HTML: "网页（HTML）",
    MARKDOWN: "Markdown",
    TEXT: "纯文本",
    JSON: "JSON",
}

_HTML_RE = re.compile(
    rb"<\s*(!doctype\s+html|html|body|table|tr|td|p|div|meta|head)[\s>/]", re.I
)
_MD_TABLE_RE = re.compile(r"^\s*\|.*\|\s*$\n^\s*\|?\s*:?-{3,}", re.M)
_MD_HEADING_RE = re.compile(r"^#{1,6}\s+\S", re.M)


def is_docx(data: bytes) -> bool:
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


def decode_text(data: bytes) -> str:
    """Decode text bytes: BOMs first, then UTF-8, then GB18030 (which covers GBK/GB2312).

    Raises :class:`ReaderError` for data that is evidently binary.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    sample = data[:4096]
    if b"\x00" in sample:
        raise ReaderError(
            "无法识别的文件类型：内容是二进制数据，不是文本、网页、DOCX 或 PDF。"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise ReaderError(
            "无法识别的文本编码：文件既不是 UTF-8 也不是 GB18030（GBK）编码。"
        ) from exc


def detect_format(data: bytes) -> str:
    """Return one of PDF, DOCX, HTML, MARKDOWN, TEXT, JSON; raise ReaderError otherwise."""
    if not data.strip():
        raise ReaderError("文件是空的。")
    head = data[:1024].lstrip()
    if data[:1024].find(b"%PDF-") != -1:
        return PDF
    if data.startswith(b"PK\x03\x04"):
        if is_docx(data):
            return DOCX
        raise ReaderError("这是一个 ZIP 压缩文件，但不是 Word 文档（DOCX）。")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReaderError("这是旧版 Word（.doc）文件，请另存为 DOCX 或 PDF 后再检查。")
    text = decode_text(data)
    if head[:1] in (b"{", b"[") and '"table3"' in text[:200000]:
        return JSON
    if _HTML_RE.search(data[:200000]):
        return HTML
    if _MD_TABLE_RE.search(text) or _MD_HEADING_RE.search(text):
        return MARKDOWN
    return TEXT
