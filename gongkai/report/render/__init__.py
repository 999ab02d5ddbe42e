"""Renderers of one report: HTML (fragment or page), Markdown, JSON, DOCX, PDF."""

from __future__ import annotations

from .to_docx import render_docx
from .to_html import REPORT_CSS, render_html, render_print_html
from .to_json import render_json
from .to_markdown import render_markdown
from .to_pdf import render_pdf

__all__ = [
    "FORMATS",
    "REPORT_CSS",
    "render",
    "render_docx",
    "render_html",
    "render_json",
    "render_markdown",
    "render_pdf",
    "render_print_html",
]

# format name -> (file suffix, binary?)
FORMATS: dict[str, tuple[str, bool]] = {
    "html": (".html", False),
    "md": (".md", False),
    "json": (".json", False),
    "docx": (".docx", True),
    "pdf": (".pdf", True),
}


def render(report, fmt: str) -> bytes:  # type: ignore[no-untyped-def]
    """The report rendered in ``fmt`` (one of ``FORMATS``) as bytes (UTF-8 for text)."""
    if fmt == "html":
        return render_html(report, standalone=True).encode()
    if fmt == "md":
        return render_markdown(report).encode()
    if fmt == "json":
        return render_json(report).encode()
    if fmt == "docx":
        return render_docx(report)
    if fmt == "pdf":
        return render_pdf(report)
    raise ValueError(f"不支持的格式：{fmt}（可选：{'、'.join(FORMATS)}）")
