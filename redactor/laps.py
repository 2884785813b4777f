"""Wall-clock laps of a command's phases, reported to the user (``bundle``: rendering, writing, sealing)."""

from __future__ import annotations

import time


class Laps:
    """``mark(name)`` ends the phase that ran since the previous mark (or since the start) and records its seconds."""

    def __init__(self) -> None:
        self._last = time.perf_counter()
        self.seconds: list[tuple[str, float]] = []

    def mark(self, name: str) -> None:
        now = time.perf_counter()
        self.seconds.append((name, now - self._last))
        self._last = now
