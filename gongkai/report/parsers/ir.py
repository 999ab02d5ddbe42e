"""The neutral intermediate representation every reader produces.

A published report, whatever its shape, becomes a :class:`Document`: an ordered list of
blocks, each either running text or a table. A table is a grid of cells with row and
column spans already resolved: every grid position holds the text of the cell that
covers it, and ``origin`` tells whether the position is where that cell starts (a
number copied into the other positions of a merged cell must be counted once).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class GridCell:
    """One position of a table grid."""

    text: str
    origin: bool = True


@dataclass(slots=True)
class Table:
    """A table as a rectangular-ish grid (rows may differ in length)."""

    rows: list[list[GridCell]]

    @classmethod
    def from_strings(cls, rows: list[list[str]]) -> Table:
        return cls([[GridCell(text) for text in row] for row in rows])

    def texts(self) -> list[list[str]]:
        return [[cell.text for cell in row] for row in self.rows]


@dataclass(slots=True)
class Block:
    """Running text (``table is None``) or a table, in document order."""

    text: str = ""
    table: Table | None = None

    @property
    def is_table(self) -> bool:
        return self.table is not None


@dataclass(slots=True)
class Document:
    """What a reader found in one file."""

    source_format: str
    blocks: list[Block] = field(default_factory=list)
    # Facts the container itself states (e.g. an HTML ``<meta name="PubDate">``).
    meta: dict[str, str] = field(default_factory=dict)

    def text_blocks(self) -> list[str]:
        return [b.text for b in self.blocks if b.table is None and b.text.strip()]

    def tables(self) -> list[Table]:
        return [b.table for b in self.blocks if b.table is not None]

    def plain_text(self) -> str:
        """All text, tables rendered as tab-separated lines, in document order."""
        parts: list[str] = []
        for block in self.blocks:
            if block.table is None:
                parts.append(block.text)
            else:
                parts.extend("\t".join(c.text for c in row) for row in block.table.rows)
        return "\n".join(parts)
