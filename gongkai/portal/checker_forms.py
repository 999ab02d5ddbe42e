"""The upload form of the report checker, shared by the public portal and the back office.

Uploads are kept in memory only, each cut off at 20 MB (a larger file is flagged, never
buffered in full and never written to disk), their type decided by their content (PDF
magic, a ZIP holding ``word/document.xml``, HTML, UTF-8 or GB18030 text, Markdown), and
never executed: they are only parsed by the pure ``gongkai.report.parsers`` package.
"""

from __future__ import annotations

import io
from typing import Any

from django import forms
from django.core.files.uploadedfile import InMemoryUploadedFile, UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopFutureHandlers
from django.utils.translation import gettext_lazy as _

from gongkai.report.parsers import detect
from gongkai.report.parsers.errors import ReaderError

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_FILES = 10
ACCEPTED = ".pdf,.docx,.html,.htm,.txt,.md,.markdown"
ALLOWED_FORMATS = frozenset(
    {detect.PDF, detect.DOCX, detect.HTML, detect.MARKDOWN, detect.TEXT}
)


class LimitedMemoryUploadHandler(FileUploadHandler):
    """Keep each uploaded file in memory up to ``MAX_FILE_BYTES``; beyond that, drop its
    data and flag it, so an oversize upload costs neither memory nor disk."""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.buffer = io.BytesIO()
        self.oversize = False
        raise StopFutureHandlers

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        if self.oversize:
            return None
        if start + len(raw_data) > MAX_FILE_BYTES:
            self.oversize = True
            self.buffer = io.BytesIO()
            return None
        self.buffer.write(raw_data)
        return None

    def file_complete(self, file_size: int) -> UploadedFile:
        self.buffer.seek(0)
        upload = InMemoryUploadedFile(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )
        upload.oversize = self.oversize  # type: ignore[attr-defined]
        return upload


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPTED}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class CheckerForm(forms.Form):
    reports = MultipleFileField(
        label=_("Report files"),
        help_text=_(
            "One or more published annual reports: PDF with a text layer, Word (DOCX), "
            "web page (HTML), plain text or Markdown; at most 20 MB each."
        ),
    )
    keep = forms.BooleanField(
        label=_("Keep the result so that I can download it as JSON"),
        required=False,
        help_text=_("Without this, nothing you upload or the result is kept."),
    )

    def clean_reports(self) -> list[tuple[str, bytes]]:
        uploads = self.cleaned_data["reports"]
        if len(uploads) > MAX_FILES:
            raise forms.ValidationError(
                _("At most %(count)d files can be checked at once."),
                params={"count": MAX_FILES},
            )
        errors: list[forms.ValidationError] = []
        items: list[tuple[str, bytes]] = []
        for upload in uploads:
            if getattr(upload, "oversize", False) or upload.size > MAX_FILE_BYTES:
                errors.append(
                    forms.ValidationError(
                        _("“%(name)s” is larger than 20 MB."),
                        params={"name": upload.name},
                    )
                )
                continue
            data = upload.read()
            problem = _type_problem(data)
            if problem:
                errors.append(
                    forms.ValidationError(
                        _("“%(name)s” is not a file the checker can read: %(reason)s"),
                        params={"name": upload.name, "reason": problem},
                    )
                )
                continue
            items.append((upload.name or "", data))
        if errors:
            raise forms.ValidationError(errors)
        return items


def _type_problem(data: bytes) -> str | None:
    """Why the content is not one of the accepted types (a Chinese reason), or None."""
    try:
        kind = detect.detect_format(data)
    except ReaderError as exc:
        return str(exc)
    if kind not in ALLOWED_FORMATS:
        return str(
            _("only published reports (PDF, DOCX, HTML, text, Markdown) are accepted.")
        )
    return None
