"""The dashboard's chart geometry (`volex.impact.charts`): bars scale to the largest value,
labels are shortened only where they would not fit, values are written after their bar."""

from decimal import Decimal

from volex.impact.charts import (
    LABEL_CHARACTERS,
    LABEL_WIDTH,
    PLOT_WIDTH,
    horizontal_chart,
    vertical_chart,
)

LONG = "Goal 16: Peace, justice and strong institutions"


def test_horizontal_bars_scale_to_the_largest_and_keep_labels_that_fit():
    chart = horizontal_chart(
        "sdg",
        "Hours by SDG goal",
        "approved hours",
        "SDG goal",
        [("3", "Goal 3: Good health", Decimal("50"), "50.00"), ("16", LONG, Decimal("200"), "200")],
    )
    short, long = chart.bars
    assert (short.width, long.width) == (PLOT_WIDTH / 4, PLOT_WIDTH)
    assert short.short_label == "Goal 3: Good health"
    assert len(long.short_label) <= LABEL_CHARACTERS and long.short_label.endswith("…")
    assert LONG.startswith(long.short_label[:-1])
    assert long.value_x == LABEL_WIDTH + PLOT_WIDTH + 4
    assert chart.dimension == "SDG goal" and not chart.is_empty


def test_a_timeline_of_zeros_is_empty_and_keeps_one_column_per_month():
    months = [(f"2025-{m:02d}", f"2025-{m:02d}", Decimal(0), "0.00") for m in range(1, 13)]
    chart = vertical_chart("timeline", "Hours by month", "approved hours", "Month", months)
    assert len(chart.bars) == 12 and chart.is_empty
    assert [bar.height for bar in chart.bars] == [0.0] * 12
