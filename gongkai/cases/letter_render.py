"""A letter's text as DOCX (python-docx) and PDF (WeasyPrint), A4, in the layout of
official letters after GB/T 9704: the agency and the letter's title centred
(小标宋), the text in 仿宋 三号 with a two-character first-line indent.

The text is plain lines in the order ``letter_text`` writes them: the reference
number (right-aligned), the addressee (no indent), the paragraphs, then the signing
agency and the date as the last two lines (right-aligned). No Django import.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from html import escape

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋"
LATIN_FONT = "Times New Roman"
TITLE_PT = 22.0  # 二号
BODY_PT = 16.0  # 三号
LINE_PT = 28.0
SIGNATURE_LINES = 2

FONT_SERIF = (
    '"FangSong", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", serif'
)
FONT_TITLE = '"FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", "Source Han Serif SC", serif'


@dataclass(frozen=True)
class Line:
    text: str
    align: str  # "left" (indented paragraph), "flush" (no indent) or "right"


def layout(body: str) -> list[Line]:
    """The lines of ``body`` with their alignment (see the module docstring)."""
    texts = [text.strip() for text in body.splitlines() if text.strip()]
    lines = []
    last_body = len(texts) - SIGNATURE_LINES
    for n, text in enumerate(texts):
        if n == 0 and text.startswith("编号") or n >= max(last_body, 1):
            align = "right"
        elif n <= 1 and text.endswith("："):
            align = "flush"
        else:
            align = "left"
        lines.append(Line(text, align))
    return lines


def _font(run, name: str, size: float, bold: bool = False) -> None:  # type: ignore[no-untyped-def]
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = LATIN_FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def render_docx(*, heading: str, title: str, body: str) -> bytes:
    """The letter as an A4 DOCX."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    normal = doc.styles["Normal"]
    normal.font.name = LATIN_FONT
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    doc.core_properties.language = "zh-CN"
    doc.core_properties.title = title
    for text in (heading, title):
        para = doc.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        para.paragraph_format.space_after = Pt(0)
        _font(para.add_run(text), TITLE_FONT, TITLE_PT)
    doc.add_paragraph()
    alignments = {"right": WD_ALIGN_PARAGRAPH.RIGHT, "flush": WD_ALIGN_PARAGRAPH.LEFT}
    for line in layout(body):
        para = doc.add_paragraph()
        fmt = para.paragraph_format
        fmt.space_after = Pt(0)
        fmt.line_spacing = Pt(LINE_PT)
        if line.align == "left":
            fmt.first_line_indent = Pt(BODY_PT * 2)
            para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        else:
            para.alignment = alignments[line.align]
        _font(para.add_run(line.text), BODY_FONT, BODY_PT)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


LETTER_CSS = f"""\
@page {{ size: A4; margin: 3.7cm 2.6cm 3.5cm 2.8cm;
  @bottom-center {{ content: counter(page); font-size: 10pt; }} }}
body {{ font-family: {FONT_SERIF}; font-size: {BODY_PT:g}pt; line-height: {LINE_PT:g}pt;
  margin: 0; color: #000; }}
h1 {{ font-family: {FONT_TITLE}; font-size: {TITLE_PT:g}pt; font-weight: normal;
  text-align: center; line-height: 1.4; margin: 0 0 1em; }}
p {{ margin: 0; text-align: justify; text-indent: 2em; }}
p.flush {{ text-indent: 0; }}
p.right {{ text-indent: 0; text-align: right; }}
"""


def render_html(*, heading: str, title: str, body: str) -> str:
    """A standalone page of the letter (the PDF's source)."""
    paragraphs = "\n".join(
        f'<p class="{line.align}">{escape(line.text)}</p>' for line in layout(body)
    )
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{LETTER_CSS}</style></head>\n"
        f"<body><h1>{escape(heading)}<br>{escape(title)}</h1>\n{paragraphs}\n"
        "</body></html>\n"
    )


def render_pdf(*, heading: str, title: str, body: str) -> bytes:
    """The letter as an A4 PDF. Needs the Noto CJK fonts (fonts-noto-cjk)."""
    from weasyprint import HTML  # heavy import, loaded only when a PDF is made

    pdf = HTML(string=render_html(heading=heading, title=title, body=body)).write_pdf()
    assert pdf is not None  # noqa: S101 - write_pdf without a target returns bytes
    return bytes(pdf)
