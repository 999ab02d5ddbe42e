"""Text extraction from attachments: PDF, DOCX, TXT; anything else or broken gives ""."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
import weasyprint

from gongkai.search import attachments
from gongkai.search.attachments import attachment_text


def make_pdf(*paragraphs: str) -> bytes:
    body = "".join(f'<p style="page-break-after: always">{p}</p>' for p in paragraphs)
    return weasyprint.HTML(string=f"<html><body>{body}</body></html>").write_pdf()


def make_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("中卫市司法局关于行政许可事项的通知")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "事项名称"
    table.cell(0, 1).text = "律师执业许可"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_pdf_text_from_every_page():
    text = attachment_text(make_pdf("行政许可事项清单", "行政处罚裁量基准"), "清单.PDF")
    assert "行政许可事项清单" in text
    assert "行政处罚裁量基准" in text


def test_pdf_page_limit(monkeypatch):
    monkeypatch.setattr(attachments, "MAX_PDF_PAGES", 1)
    text = attachment_text(make_pdf("第一页", "第二页"), "a.pdf")
    assert "第一页" in text and "第二页" not in text


def test_docx_paragraphs_and_tables():
    text = attachment_text(make_docx(), "通知.docx")
    assert "中卫市司法局关于行政许可事项的通知" in text
    assert "律师执业许可" in text


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_txt(encoding):
    assert attachment_text("公开指南".encode(encoding), "a.txt") == "公开指南"


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"GIF89a...", "photo.gif"),
        (b"%PDF-1.7 this is not really a pdf", "broken.pdf"),
        (b"not a pdf at all", "fake.pdf"),
        (b"PK\x03\x04 truncated zip", "broken.docx"),
        (b"", "empty.pdf"),
        (b"some text", "no-extension"),
        (b"some text", ""),
    ],
)
def test_unsupported_or_broken_files_give_empty_text(data, name):
    assert attachment_text(data, name) == ""


def test_oversized_file_is_skipped(monkeypatch):
    monkeypatch.setattr(attachments, "MAX_FILE_BYTES", 10)
    assert attachment_text("公开指南全文内容".encode(), "a.txt") == ""


def test_docx_that_unpacks_too_large_is_skipped(monkeypatch):
    monkeypatch.setattr(attachments, "MAX_DOCX_UNPACKED_BYTES", 1000)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "0" * 100_000)
    assert attachment_text(out.getvalue(), "bomb.docx") == ""


def test_text_is_cut_at_the_limit(monkeypatch):
    monkeypatch.setattr(attachments, "MAX_TEXT_CHARS", 5)
    assert attachment_text("一二三四五六七八".encode(), "a.txt") == "一二三四五"
