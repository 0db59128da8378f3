"""A report as PDF (reportlab): the summary, the three charts of the dashboard drawn as vector
bar charts (the same geometry as the web page, `volex.impact.charts`), the tables and the notes."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from .charts import Chart
from .exports import report_tables
from .report_results import Report

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing


def _drawing(chart: Chart, width: float) -> Drawing:
    from reportlab.graphics.shapes import Drawing, Rect, String
    from reportlab.lib import colors

    scale = min(1.0, width / chart.width)
    drawing = Drawing(chart.width * scale, chart.height * scale)
    blue = colors.HexColor("#0b5cad")
    size = 8 / scale  # 8 pt once the drawing is scaled down to the page
    for bar in chart.bars:
        if chart.orientation == "horizontal":
            y = chart.height - bar.y - bar.height  # PDF y grows upwards
            drawing.add(String(bar.x - 8, y + 8, bar.short_label, fontSize=size, textAnchor="end"))
            drawing.add(
                Rect(bar.x, y, max(bar.width, 0.5), bar.height, fillColor=blue, strokeWidth=0)
            )
            drawing.add(String(bar.value_x, y + 8, bar.text, fontSize=size))
        else:
            y = chart.height - bar.y - bar.height
            drawing.add(
                Rect(bar.x, y, bar.width, max(bar.height, 0.5), fillColor=blue, strokeWidth=0)
            )
            drawing.add(String(bar.x, 24, bar.label[5:], fontSize=size))  # month, then year
            if bar is chart.bars[0] or bar.label.endswith("-01"):
                drawing.add(String(bar.x, 24 - 1.3 * size, bar.label[:4], fontSize=size))
    drawing.scale(scale, scale)
    return drawing


def report_pdf(report: Report, charts: list[Chart]) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, title=_("Volunteer contribution report"), author="Volex"
    )
    story = [
        Paragraph(_("Volunteer contribution report"), styles["Title"]),
        Paragraph(report.scope.title, styles["Heading2"]),
    ]
    tables = report_tables(report)
    for chart in charts:
        story += [Paragraph(f"{chart.title} ({chart.measure})", styles["Heading3"])]
        if chart.is_empty:
            story.append(Paragraph(_("Nothing to show for this period."), styles["Normal"]))
        else:
            story.append(_drawing(chart, document.width))
    for table in tables:
        story += [Spacer(1, 8), Paragraph(table.title, styles["Heading3"])]
        data = [list(table.header)] + [[str(c) for c in row] for row in table.rows]
        if table.key == "notes":
            story += [Paragraph(str(row[0]), styles["Normal"]) for row in table.rows]
            continue
        grid = Table(
            [[Paragraph(cell, styles["BodyText"]) for cell in row] for row in data], repeatRows=1
        )
        grid.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef3fa")),
                ]
            )
        )
        story.append(grid)
    document.build(story)
    return buffer.getvalue()
