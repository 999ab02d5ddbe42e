"""Shaping reports for the back-office templates (tables with computed and overridden
values side by side, findings with their acknowledgements)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from gongkai.report.labels import (
    T2_CELL_LABELS,
    T2_LABELS,
    T3_COLUMN_LABELS,
    T3_ROW_SHORT,
    T4_CELL_LABELS,
    T4_GROUP_LABELS,
)
from gongkai.report.model import (
    T2_ROWS,
    T3_COLUMNS,
    T3_ROWS,
    T4_CELLS,
    T4_GROUPS,
    Report,
)

from ..models import CellOverride

T2_COLUMNS = ("issued", "repealed", "in_force", "decisions", "amount_wan_yuan")
TABLE_TITLES = {
    "table2": _("Table 2: proactive disclosure"),
    "table3": _("Table 3: applications received and handled"),
    "table4": _("Table 4: administrative reconsideration and litigation"),
}


@dataclass
class CellView:
    path: str
    value: Any
    computed: Any = None
    override: CellOverride | None = None
    flagged: bool = False

    @property
    def overridden(self) -> bool:
        return self.override is not None


def _cell(
    report: Report,
    computed: Report | None,
    overrides: dict[str, CellOverride],
    flagged: set[str],
    path: str,
) -> CellView:
    return CellView(
        path=path,
        value=report.cell(path),
        computed=computed.cell(path) if computed is not None else None,
        override=overrides.get(path),
        flagged=path in flagged,
    )


def editor_tables(
    report: Report,
    computed: Report | None,
    overrides: dict[str, CellOverride],
    flagged: set[str],
) -> list[dict[str, Any]]:
    """The three tables as rows of ``CellView`` (``None`` where the format has no
    cell), with their column headings."""

    def cell(path: str) -> CellView:
        return _cell(report, computed, overrides, flagged, path)

    table2 = [
        {
            "label": T2_LABELS[row],
            "cells": [
                cell(f"table2.{row}.{c}") if c in cells else None for c in T2_COLUMNS
            ],
        }
        for row, cells in T2_ROWS.items()
    ]
    table3 = [
        {
            "label": T3_ROW_SHORT[row],
            "cells": [cell(f"table3.{row}.{c}") for c in T3_COLUMNS],
        }
        for row in T3_ROWS
    ]
    table4 = [
        {
            "label": T4_GROUP_LABELS[group],
            "cells": [cell(f"table4.{group}.{c}") for c in T4_CELLS],
        }
        for group in T4_GROUPS
    ]
    return [
        {
            "key": "table2",
            "title": TABLE_TITLES["table2"],
            "columns": [T2_CELL_LABELS[c] for c in T2_COLUMNS],
            "rows": table2,
        },
        {
            "key": "table3",
            "title": TABLE_TITLES["table3"],
            "columns": [T3_COLUMN_LABELS[c] for c in T3_COLUMNS],
            "rows": table3,
        },
        {
            "key": "table4",
            "title": TABLE_TITLES["table4"],
            "columns": [T4_CELL_LABELS[c] for c in T4_CELLS],
            "rows": table4,
        },
    ]
