"""JSON: the report in the spec §5 shape."""

from __future__ import annotations

from ..jsonio import report_dumps
from ..model import Report


def render_json(report: Report) -> str:
    """The report as JSON text (spec §5 shape, Chinese unescaped, indented)."""
    return report_dumps(report)
