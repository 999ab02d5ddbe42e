"""Marking the matched words in titles and snippets.

The output is HTML: everything from the source text is escaped, and only the
``<mark>`` elements added here are markup. Matching is done on a folded copy of the
text (full-width → half-width, lower case) of the same length, so positions map
back to the original characters. No Django import here.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence

SNIPPET_CHARS = 160
SNIPPET_LEAD = 40
# Only this much of a long body is scanned for a snippet.
SNIPPET_SCAN_CHARS = 200_000

_SPACES = re.compile(r"\s+")


# Full-width ASCII (Ｆ, １, ［) and the ideographic space, the width variants found
# in Chinese text; other compatibility characters are folded one by one below.
_WIDTH = {0x3000: " "} | {code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}


def _fold_char(ch: str) -> str:
    folded = unicodedata.normalize("NFKC", ch).lower()
    return folded if len(folded) == 1 else ch


def fold(text: str) -> str:
    """A copy of ``text`` with the same length, for case- and width-blind matching."""
    quick = text.translate(_WIDTH).lower()
    if len(quick) == len(text) and unicodedata.is_normalized("NFKC", quick):
        return quick
    return "".join(_fold_char(ch) for ch in text)


def _pattern(terms: Sequence[str]) -> re.Pattern[str] | None:
    usable = sorted({t for t in terms if t}, key=lambda t: (-len(t), t))
    if not usable:
        return None
    return re.compile("|".join(re.escape(t) for t in usable))


def _mark(text: str, pattern: re.Pattern[str] | None) -> str:
    if pattern is None:
        return html.escape(text)
    out: list[str] = []
    pos = 0
    for match in pattern.finditer(fold(text)):
        out.append(html.escape(text[pos : match.start()]))
        out.append(f"<mark>{html.escape(text[match.start() : match.end()])}</mark>")
        pos = match.end()
    out.append(html.escape(text[pos:]))
    return "".join(out)


def highlight(text: str, terms: Sequence[str]) -> str:
    """``text`` as escaped HTML with every occurrence of ``terms`` in ``<mark>``."""
    return _mark(text or "", _pattern(terms))


def mark_whole(text: str) -> str:
    """``text`` escaped and marked as a whole (an exact 文号 or 索引号 hit)."""
    return f"<mark>{html.escape(text)}</mark>" if text else ""


def snippet(text: str, terms: Sequence[str], *, width: int = SNIPPET_CHARS) -> str:
    """An excerpt of ``text`` around the first matched term, as escaped HTML.

    Returns "" when no term occurs in the text, so the caller can try another field.
    """
    pattern = _pattern(terms)
    if pattern is None or not text:
        return ""
    flat = _SPACES.sub(" ", text[:SNIPPET_SCAN_CHARS]).strip()
    match = pattern.search(fold(flat))
    if match is None:
        return ""
    start = max(0, match.start() - SNIPPET_LEAD)
    end = min(len(flat), start + width)
    body = _mark(flat[start:end], pattern)
    return ("…" if start else "") + body + ("…" if end < len(flat) else "")


def excerpt(text: str, *, width: int = SNIPPET_CHARS) -> str:
    """The beginning of ``text`` as escaped HTML, when nothing in it matched."""
    flat = _SPACES.sub(" ", (text or "")[: width * 4]).strip()
    cut = flat[:width]
    return html.escape(cut) + ("…" if len(flat) > width else "")
