"""A rich progress bar with a rate, or nothing."""

from __future__ import annotations

import sys
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text


class RateColumn(ProgressColumn):
    def render(self, task) -> Text:
        speed = task.finished_speed or task.speed
        unit = task.fields.get("unit", "rows")
        return Text(
            f"{speed:,.0f} {unit}/s" if speed else f"– {unit}/s", style="progress.data.speed"
        )


class _Silent:
    def add_task(self, *args, **kwargs) -> int:
        return 0

    def advance(self, *args, **kwargs) -> None:
        pass


@contextmanager
def progress_bar(enabled: bool, console: Console | None = None):
    if not enabled:
        yield _Silent()
        return
    bar = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console or Console(file=sys.stderr),
        speed_estimate_period=60,
    )
    with bar:
        yield bar
