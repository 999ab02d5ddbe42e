"""Markdown as PDF converters write it: pipe tables (often broken into many small tables,
with rows out of place and labels left outside), headings and paragraphs."""

from __future__ import annotations

import re

from .ir import Block, Document, Table
from .text import MAX_COLUMNS

_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_SPLIT = re.compile(r"(?<!\\)\|")
# Converters write a line break inside a cell as <br>.
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def _cells(line: str) -> list[str]:
    inner = line.strip()
    if inner.startswith("|"):
        inner = inner[1:]
    if inner.endswith("|") and not inner.endswith("\\|"):
        inner = inner[:-1]
    cells = [
        _BREAK.sub(" ", c).strip().replace("\\|", "|") for c in _SPLIT.split(inner)
    ]
    return cells[:MAX_COLUMNS]


def _is_row(line: str) -> bool:
    stripped = line.strip()
    return stripped.startswith("|") and stripped.count("|") >= 2


def read_markdown(text: str) -> Document:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks: list[Block] = []
    rows: list[list[str]] = []
    for line in text.split("\n"):
        if _is_row(line):
            if not _SEPARATOR.match(line):
                rows.append(_cells(line))
            continue
        if rows:
            blocks.append(Block(table=Table.from_strings(rows)))
            rows = []
        if _SEPARATOR.match(line) and "|" in line:
            continue
        stripped = _HEADING.sub("", line).strip()
        if stripped:
            blocks.append(Block(text=stripped))
    if rows:
        blocks.append(Block(table=Table.from_strings(rows)))
    return Document(source_format="markdown", blocks=blocks)
