"""The downloads of a published report (DOCX, PDF), rendered from the frozen snapshot.

A published version never changes, so its files are rendered once, on first request,
and kept in the default storage (object storage in production; nothing here assumes a
local disk or a single process: two simultaneous first requests render twice and the
second keeps the first's file).
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from gongkai.report.render import render_docx, render_pdf

from .models import AnnualReport, ReportFile, ReportStatus
from .selectors import snapshot_report

DOWNLOAD_FORMATS = {
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        render_docx,
    ),
    "pdf": ("application/pdf", render_pdf),
}
DOWNLOADABLE = (ReportStatus.PUBLISHED, ReportStatus.SUPERSEDED)


def download_name(report: AnnualReport, fmt: str) -> str:
    suffix = f"（第{report.version}版）" if report.version > 1 else ""
    return f"{report.agency.name}{report.year}年政府信息公开工作年度报告{suffix}.{fmt}"


def report_file_get_or_render(*, report: AnnualReport, fmt: str) -> ReportFile:
    """The stored file of a published version in ``fmt``, rendered if not yet stored."""
    if fmt not in DOWNLOAD_FORMATS:
        raise ValueError(fmt)
    if report.status not in DOWNLOADABLE or report.snapshot is None:
        raise ValueError("only published reports have downloads")
    existing = ReportFile.objects.filter(report=report, fmt=fmt).first()
    if existing is not None:
        return existing
    data = DOWNLOAD_FORMATS[fmt][1](snapshot_report(report))
    name = f"{report.agency_id}-{report.year}-v{report.version}.{fmt}"
    try:
        with transaction.atomic():
            stored = ReportFile(report=report, fmt=fmt, size=len(data))
            stored.file.save(name, ContentFile(data), save=False)
            stored.save()
            return stored
    except IntegrityError:
        return ReportFile.objects.get(report=report, fmt=fmt)
