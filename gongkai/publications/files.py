"""Attachment checks: a file is what its content says, not what its name says.

PDF starts with ``%PDF-``; DOCX and OFD are ZIP packages recognised by their
mandatory members (``word/document.xml``; ``OFD.xml`` per GB/T 33190-2016).
"""

from __future__ import annotations

import zipfile
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ALLOWED_KINDS = ("pdf", "docx", "ofd")


def sniff_kind(stream: IO[bytes]) -> str | None:
    """``"pdf"``, ``"docx"``, ``"ofd"`` or ``None``, read from the content."""
    stream.seek(0)
    head = stream.read(8)
    stream.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(stream) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, OSError):
        return None
    finally:
        stream.seek(0)
    if "word/document.xml" in names and "[Content_Types].xml" in names:
        return "docx"
    if "OFD.xml" in names:
        return "ofd"
    return None


def validate_attachment(file: Any) -> None:
    """Accept PDF, DOCX and OFD only, checked by content and matching the file name.

    Files already in storage were checked when they were uploaded and are not reopened.
    """
    if getattr(file, "_committed", False):
        return
    name = str(getattr(file, "name", "") or "")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    kind = sniff_kind(file)
    if kind is None:
        raise ValidationError(
            _("Only PDF, DOCX and OFD files are accepted; this file is none of them."),
            code="attachment_type",
        )
    if extension != kind:
        raise ValidationError(
            _(
                "The file's content is %(kind)s but its name ends in “.%(extension)s”; rename it or upload the right file."
            ),
            params={"kind": kind.upper(), "extension": extension},
            code="attachment_mismatch",
        )
