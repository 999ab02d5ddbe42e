"""PDF via WeasyPrint from the print HTML, with the CJK font embedded (subset)."""

from __future__ import annotations

from ..model import Report
from .to_html import render_print_html


def render_pdf(report: Report) -> bytes:
    """The report as an A4 PDF. Needs the Noto CJK fonts (fonts-noto-cjk) installed."""
    from weasyprint import HTML  # heavy import, loaded only when a PDF is asked for

    pdf = HTML(string=render_print_html(report)).write_pdf()
    assert pdf is not None
    return bytes(pdf)
