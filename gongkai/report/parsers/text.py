"""Plain text: tab-separated lines are table rows, everything else is running text.

Covers the seed (tables as tab-separated cells) and text copied from web pages, where
the tables may have lost their cell boundaries altogether; those are recovered later by
scanning the running text for the row labels (see ``flat.py``).
"""

from __future__ import annotations

from .ir import Block, Document, Table

MAX_COLUMNS = 200


def lines_to_blocks(lines: list[str]) -> list[Block]:
    """Group consecutive tab-separated lines into tables; other lines are text blocks."""
    blocks: list[Block] = []
    rows: list[list[str]] = []
    for raw in lines:
        line = raw.rstrip("\r\n")
        if "\t" in line and line.strip():
            rows.append(line.split("\t", MAX_COLUMNS)[:MAX_COLUMNS])
            continue
        if rows:
            blocks.append(Block(table=Table.from_strings(rows)))
            rows = []
        if line.strip():
            blocks.append(Block(text=line.strip()))
    if rows:
        blocks.append(Block(table=Table.from_strings(rows)))
    return blocks


def read_text(text: str) -> Document:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Document(source_format="text", blocks=lines_to_blocks(text.split("\n")))
