"""Inline SVG bar charts: no library, no script, readable offline and in print.

Every string drawn is escaped here, since labels and tooltips carry body names
taken from documents.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

_LABEL_W = 190   # left column for the bar's label
_BAR_W = 240     # the longest bar
_ROW_H = 22
_TOP = 26        # room for the chart's title


@dataclass(frozen=True)
class Bar:
    """One bar: its label, value, fill colour and the tooltip shown on hover."""

    label: str
    value: int
    colour: str
    tip: str = ""


def _clip(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bar_chart(bars: list[Bar], *, title: str) -> str:
    """A horizontal bar chart as an <svg> element; an empty list draws the title and 'none'."""
    height = _TOP + _ROW_H * max(len(bars), 1) + 6
    width = _LABEL_W + _BAR_W + 50
    top = max((b.value for b in bars), default=0) or 1
    parts = [
        f'<svg class="chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="16" class="chart-title">{escape(_clip(title, 70))}</text>',
    ]
    if not bars:
        parts.append(f'<text x="0" y="{_TOP + 15}" class="chart-label">none</text>')
    for i, bar in enumerate(bars):
        y = _TOP + i * _ROW_H
        length = max(round(_BAR_W * bar.value / top), 1 if bar.value else 0)
        tip = escape(bar.tip or f"{bar.label}: {bar.value}")
        parts.append(
            f'<g class="bar"><title>{tip}</title>'
            f'<text x="{_LABEL_W - 6}" y="{y + 15}" text-anchor="end" class="chart-label">{escape(_clip(bar.label))}</text>'
            f'<rect x="{_LABEL_W}" y="{y + 3}" width="{length}" height="{_ROW_H - 6}" fill="{escape(bar.colour)}"/>'
            f'<text x="{_LABEL_W + length + 4}" y="{y + 15}" class="chart-value">{bar.value}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)
