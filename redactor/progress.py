"""Progress for the CLI: a live bar on a terminal (rich), plain periodic lines otherwise.

Each step (extracting sources, detecting items, rendering) shows items done out of the total,
the rate and the time left. When stderr is not a terminal (logs, CI, a batch job under nohup),
a line is written at the start, at most every ``interval`` seconds, and at the end, so a
million-message run shows steady signs of life without flooding its log. Notes are references
(``S0001``), never document text.
"""

from __future__ import annotations

import sys
import time
from typing import Any

import click


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"
    return f"{seconds // 60} min {seconds % 60:02d} s" if seconds >= 60 else f"{seconds} s"


class ConsoleReporter:
    """The runner's progress sink for the command line."""

    def __init__(self, stream: Any = None, *, interval: float = 10.0, clock: Any = time.monotonic) -> None:
        self.stream = stream or sys.stderr
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.interval, self.clock = interval, clock
        self.total = self.done = 0
        self.label = ""
        self.started = self.last_line = 0.0
        self._bar: Any = None
        self._task: Any = None

    def start(self, total: int, label: str) -> None:
        self.finish()
        self.total, self.done, self.label = total, 0, label
        self.started = self.last_line = self.clock()
        if self.tty:
            self._start_bar()
        else:
            click.echo(f"{label}: 0/{total}", file=self.stream)

    def _start_bar(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

        self._bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
            console=Console(file=self.stream),
            transient=False,
        )
        self._bar.start()
        self._task = self._bar.add_task(self.label, total=self.total, rate="")

    def extend(self, more: int) -> None:
        self.total += more
        if self._bar is not None:
            self._bar.update(self._task, total=self.total)

    def rate(self) -> float:
        return self.done / max(1e-6, self.clock() - self.started)

    def advance(self, note: str = "", count: int = 1) -> None:
        if count <= 0:
            return
        self.done += count
        if self._bar is not None:
            self._bar.update(self._task, advance=count, rate=f"{self.rate():.0f}/s")
        elif self.clock() - self.last_line >= self.interval:
            self._line()

    def _line(self) -> None:
        self.last_line = self.clock()
        rate = self.rate()
        left = f", about {_duration((self.total - self.done) / rate)} left" if rate > 0 and self.done < self.total else ""
        click.echo(f"{self.label}: {self.done}/{self.total}, {rate:.0f}/s{left}", file=self.stream)

    def problem(self, message: str) -> None:
        if self._bar is not None:
            self._bar.console.print(f"quarantined: {message}", markup=False, highlight=False)
        else:
            click.echo(f"quarantined: {message}", file=self.stream)

    def finish(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
        elif self.label and self.total and self.last_line != self.clock():
            self._line()
        self.label = ""
