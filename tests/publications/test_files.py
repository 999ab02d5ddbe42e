"""Attachments are accepted by content: PDF, DOCX and OFD only."""

import io
import zipfile

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from gongkai.publications.files import validate_attachment


def package(*names):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


DOCX = package("[Content_Types].xml", "word/document.xml")
OFD = package("OFD.xml", "Doc_0/Document.xml")
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"


@pytest.mark.parametrize(
    ("name", "content"), [("a.pdf", PDF), ("b.docx", DOCX), ("c.OFD", OFD)]
)
def test_accepted(name, content):
    validate_attachment(SimpleUploadedFile(name, content))


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("a.pdf", b"MZ\x90\x00 not a pdf", "attachment_type"),
        ("a.pdf", DOCX, "attachment_mismatch"),
        (
            "b.docx",
            package("xl/workbook.xml", "[Content_Types].xml"),
            "attachment_type",
        ),
        ("c.ofd", b"PK\x03\x04broken", "attachment_type"),
        ("d.exe", PDF, "attachment_mismatch"),
    ],
)
def test_refused(name, content, code):
    with pytest.raises(ValidationError) as exc:
        validate_attachment(SimpleUploadedFile(name, content))
    assert exc.value.code == code
