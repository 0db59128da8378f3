"""Server-rendered SVG bar charts: geometry computed here, drawn by
`impact/partials/chart.html` (web) and `volex.impact.pdf` (PDF). No JavaScript; every chart is
shown beside a table of the same figures for screen readers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

BAR_HEIGHT = 22
GAP = 6
LABEL_WIDTH = 300  # room for 38 characters at 12 px, right-aligned
PLOT_WIDTH = 420
COLUMN_WIDTH = 36
PLOT_HEIGHT = 180


@dataclass(frozen=True)
class Bar:
    key: str
    label: str
    value: Decimal
    text: str  # the value as shown
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    measure: str
    orientation: str  # "horizontal" (ranked bars) or "vertical" (a timeline)
    bars: tuple[Bar, ...]
    width: int
    height: int

    @property
    def is_empty(self) -> bool:
        return not self.bars or all(bar.value == 0 for bar in self.bars)


def _scale(values: Sequence[Decimal], length: float) -> list[float]:
    top = max(values, default=Decimal(0))
    if top <= 0:
        return [0.0 for _ in values]
    return [round(float(value / top) * length, 2) for value in values]


def horizontal_chart(
    id: str, title: str, measure: str, items: Sequence[tuple[str, str, Decimal, str]]
) -> Chart:
    """One bar per (key, label, value, text), longest = full width (a ranked list when sorted)."""
    widths = _scale([value for _k, _l, value, _t in items], PLOT_WIDTH)
    bars = tuple(
        Bar(key, label, value, text, LABEL_WIDTH, i * (BAR_HEIGHT + GAP), width, BAR_HEIGHT)
        for i, ((key, label, value, text), width) in enumerate(zip(items, widths, strict=True))
    )
    height = max(len(bars) * (BAR_HEIGHT + GAP), BAR_HEIGHT)
    return Chart(id, title, measure, "horizontal", bars, LABEL_WIDTH + PLOT_WIDTH + 120, height)


def vertical_chart(
    id: str, title: str, measure: str, items: Sequence[tuple[str, str, Decimal, str]]
) -> Chart:
    """A timeline: one column per (key, label, value, text), left to right."""
    heights = _scale([value for _k, _l, value, _t in items], PLOT_HEIGHT)
    bars = tuple(
        Bar(
            key,
            label,
            value,
            text,
            x=i * (COLUMN_WIDTH + GAP),
            y=PLOT_HEIGHT - height + 20,
            width=COLUMN_WIDTH,
            height=height,
        )  # fmt: skip
        for i, ((key, label, value, text), height) in enumerate(zip(items, heights, strict=True))
    )
    width = max(len(bars) * (COLUMN_WIDTH + GAP), COLUMN_WIDTH)
    return Chart(id, title, measure, "vertical", bars, width, PLOT_HEIGHT + 60)
