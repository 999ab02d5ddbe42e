"""Plain text from attachments (PDF, DOCX, TXT) so that search finds their words.

Attachments are uploaded files and may be malformed or hostile: every extractor is
bounded in input size, output size, pages and time, and any failure gives "" (the
attachment is then simply not searchable; the publication itself is unaffected).
"""

from __future__ import annotations

import io
import logging
import time
import warnings
import zipfile
from collections.abc import Callable
from pathlib import PurePosixPath

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 30 * 1024 * 1024
MAX_TEXT_CHARS = 200_000
MAX_PDF_PAGES = 300
PDF_TIME_BUDGET_SECONDS = 20.0
# A DOCX is a zip: refuse archives that would unpack to more than this.
MAX_DOCX_UNPACKED_BYTES = 100 * 1024 * 1024


def _pdf_text(data: bytes) -> str:
    import pdfplumber

    if not data.startswith(b"%PDF-"):
        return ""
    deadline = time.monotonic() + PDF_TIME_BUDGET_SECONDS
    parts: list[str] = []
    size = 0
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages[:MAX_PDF_PAGES]:
            text = page.extract_text() or ""
            page.close()
            parts.append(text)
            size += len(text)
            # The budget is checked between pages; one page is bounded by the
            # file size limit.
            if size >= MAX_TEXT_CHARS or time.monotonic() > deadline:
                break
    return "\n".join(parts)


def _docx_text(data: bytes) -> str:
    import docx
    from docx.oxml.ns import qn

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if sum(info.file_size for info in archive.infolist()) > MAX_DOCX_UNPACKED_BYTES:
            return ""
    document = docx.Document(io.BytesIO(data))
    paragraphs: list[str] = []
    size = 0
    # Every paragraph of the body in document order, table cells included.
    for paragraph in document.element.body.iter(qn("w:p")):
        text = "".join(node.text or "" for node in paragraph.iter(qn("w:t")))
        paragraphs.append(text)
        size += len(text)
        if size >= MAX_TEXT_CHARS:
            break
    return "\n".join(paragraphs)


def _txt_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


_EXTRACTORS: dict[str, Callable[[bytes], str]] = {
    ".pdf": _pdf_text,
    ".docx": _docx_text,
    ".txt": _txt_text,
}


def attachment_text(file_bytes: bytes, filename: str) -> str:
    """The text of an attachment for the search index, or "" if there is none.

    Supports PDF (pdfplumber), DOCX (python-docx) and plain text (UTF-8 or GB18030),
    chosen by the file name's extension; anything else, anything larger than
    ``MAX_FILE_BYTES`` and anything that fails to parse gives "". The text is cut
    at ``MAX_TEXT_CHARS`` characters.
    """
    extractor = _EXTRACTORS.get(PurePosixPath((filename or "").lower()).suffix)
    if extractor is None or not file_bytes or len(file_bytes) > MAX_FILE_BYTES:
        return ""
    try:
        with warnings.catch_warnings():
            # Parsers warn about the many small defects of real-world files.
            warnings.simplefilter("ignore")
            text = extractor(file_bytes)
    except Exception:  # a hostile or broken file must not break publishing
        logger.warning(
            "Could not extract text from attachment %r", filename, exc_info=True
        )
        return ""
    return text.replace("\x00", "")[:MAX_TEXT_CHARS].strip()
