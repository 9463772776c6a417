"""Bar charts as numbers for an inline SVG template (no chart library, no JS).

The template draws the bars; a table of the same figures is the text
alternative for screen readers.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 40, 10, 16, 34  # room for the axis labels


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str  # under the bar, e.g. "11/24"
    value_label: str  # above the bar; "" for no data


@dataclass(frozen=True)
class Chart:
    title: str
    unit: str
    width: int
    height: int
    baseline: float
    top_value: float  # the y-axis maximum, labelled at the top
    bars: list[Bar]


def bar_chart(title: str, unit: str, points: Sequence[tuple[str, Optional[float]]]) -> Chart:
    """Bars scaled to the largest value (None: no bar, e.g. a day with no answered item)."""
    values = [value for _, value in points if value is not None]
    top = _nice_ceiling(max(values, default=0))
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_width / max(len(points), 1)
    bars = []
    for index, (label, value) in enumerate(points):
        height = 0.0 if value is None else plot_height * value / top
        bars.append(Bar(x=round(LEFT + index * slot + slot * 0.15, 1), y=round(TOP + plot_height - height, 1),
                        width=round(slot * 0.7, 1), height=round(height, 1), label=label,
                        value_label="" if value is None else _number(value)))
    return Chart(title, unit, WIDTH, HEIGHT, TOP + plot_height, top, bars)


def _nice_ceiling(value: float) -> float:
    """The axis maximum: 1, 2, 5 or 10 times a power of ten, at least the value (and at least 1)."""
    if value <= 1:
        return 1
    power = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
