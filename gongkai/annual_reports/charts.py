"""A small grouped bar chart as inline SVG, drawn on the server (no script, no CDN).

The chart is decoration for sighted readers; the same figures are always printed in a
table beside it, and the SVG carries a title and description for screen readers.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from django.utils.safestring import SafeString, mark_safe

PALETTE = ("#1f5fa8", "#d9822b", "#3a8a3a", "#a4000f", "#6b4fa0", "#5f6b73", "#b8860b")
WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 40, 10, 10, 60


def _scale_max(values: Sequence[int]) -> int:
    top = max([v for v in values if v is not None] or [0])
    if top <= 5:
        return 5
    step = 10 ** (len(str(top)) - 1)
    return ((top + step - 1) // step) * step


def _legend(series: Sequence[tuple[str, Sequence[int | None]]]) -> list[str]:
    parts = []
    for i, (label, _values) in enumerate(series):
        x = LEFT + (i % 4) * 150
        y = HEIGHT - 28 + (i // 4) * 14
        colour = PALETTE[i % len(PALETTE)]
        parts.append(
            f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{x + 14}" y="{y}" font-size="11">{escape(label)}</text>'
        )
    return parts


def _axis(top: int, plot_h: int) -> list[str]:
    parts = []
    for tick in (0, top // 2, top):
        y = TOP + plot_h - plot_h * tick / top
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="#ddd"/><text x="{LEFT - 4}" y="{y + 4:.1f}" font-size="10" '
            f'text-anchor="end">{tick}</text>'
        )
    return parts


def bar_chart_svg(
    *,
    title: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[int | None]]],
) -> SafeString:
    """Bars for each category (e.g. a year), one bar per series (e.g. a figure)."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    top = _scale_max([v for _label, values in series for v in values if v is not None])
    group_w = plot_w / max(len(categories), 1)
    bar_w = group_w * 0.8 / max(len(series), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="chart-title" class="gk-chart">'
        f'<title id="chart-title">{escape(title)}</title>',
        *_axis(top, plot_h),
    ]
    for c, category in enumerate(categories):
        x0 = LEFT + c * group_w + group_w * 0.1
        for s, (label, values) in enumerate(series):
            value = values[c] or 0
            h = plot_h * value / top
            parts.append(
                f'<rect x="{x0 + s * bar_w:.1f}" y="{TOP + plot_h - h:.1f}" '
                f'width="{bar_w * 0.9:.1f}" height="{h:.1f}" '
                f'fill="{PALETTE[s % len(PALETTE)]}"><title>{escape(category)} '
                f"{escape(label)}：{values[c] if values[c] is not None else '—'}"
                "</title></rect>"
            )
        parts.append(
            f'<text x="{x0 + group_w * 0.4:.1f}" y="{TOP + plot_h + 14}" '
            f'font-size="11" text-anchor="middle">{escape(category)}</text>'
        )
    parts += _legend(series)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above
