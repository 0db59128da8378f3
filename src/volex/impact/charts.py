"""Server-rendered SVG bar charts: geometry computed here, drawn by
`impact/partials/chart.html` (web) and `volex.impact.pdf` (PDF). No JavaScript; every chart is
shown beside a table of the same figures for screen readers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

# Sized to the dashboard's card (about 700 px wide on a laptop) so that the SVG is drawn at
# about its own scale: 13 px text stays 13 px instead of shrinking with a wider drawing.
BAR_HEIGHT = 24
GAP = 6
LABEL_WIDTH = 270  # room for LABEL_CHARACTERS at 13 px, right-aligned
LABEL_CHARACTERS = 36
PLOT_WIDTH = 310
VALUE_WIDTH = 100  # the value written after the longest bar
COLUMN_WIDTH = 24
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

    @property
    def short_label(self) -> str:
        """The label as drawn beside a horizontal bar (whole in its tooltip and the table)."""
        if len(self.label) <= LABEL_CHARACTERS:
            return self.label
        return self.label[: LABEL_CHARACTERS - 1].rstrip() + "…"

    @property
    def value_x(self) -> float:
        """Where the value is written: just after the end of a horizontal bar."""
        return round(self.x + self.width + 4, 2)


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    measure: str
    dimension: str  # what one bar is (the table's first column heading)
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
    id: str,
    title: str,
    measure: str,
    dimension: str,
    items: Sequence[tuple[str, str, Decimal, str]],
) -> Chart:
    """One bar per (key, label, value, text), longest = full width (a ranked list when sorted)."""
    widths = _scale([value for _k, _l, value, _t in items], PLOT_WIDTH)
    bars = tuple(
        Bar(key, label, value, text, LABEL_WIDTH, i * (BAR_HEIGHT + GAP), width, BAR_HEIGHT)
        for i, ((key, label, value, text), width) in enumerate(zip(items, widths, strict=True))
    )
    height = max(len(bars) * (BAR_HEIGHT + GAP), BAR_HEIGHT)
    width = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH
    return Chart(id, title, measure, dimension, "horizontal", bars, width, height)


def vertical_chart(
    id: str,
    title: str,
    measure: str,
    dimension: str,
    items: Sequence[tuple[str, str, Decimal, str]],
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
    return Chart(id, title, measure, dimension, "vertical", bars, width, PLOT_HEIGHT + 60)
