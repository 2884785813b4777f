"""The benchmarks' process-tree sampler survives a process that ends while /proc is read."""

from __future__ import annotations

import builtins
import io
import os
import sys

from benchmarks import bench_volume


def test_tree_counts_this_process() -> None:
    rss, cpu = bench_volume._tree(os.getpid())
    assert rss > 0
    assert os.getpid() in cpu


def test_tree_skips_a_process_that_ends_while_read(monkeypatch) -> None:
    """A process that exits between listing /proc and reading its stat file gives an empty read: skipped, not an
    IndexError that stops the sampler (which then reported no CPU for the coordinating process)."""
    real_open = builtins.open
    me = f"/proc/{os.getpid()}/stat"

    def ending_open(path, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003 - open's signature
        if str(path).startswith("/proc/") and str(path).endswith("/stat") and str(path) != me:
            return io.StringIO("")  # what a process's stat file reads once the process is gone
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(bench_volume, "open", ending_open, raising=False)
    rss, cpu = bench_volume._tree(os.getpid())
    assert rss > 0
    assert list(cpu) == [os.getpid()]


def test_measure_keeps_the_root_cpu_after_it_ends() -> None:
    """The sampler's last pass may run after the measured process has been reaped: the root is then absent from
    /proc, and before, it was recorded as 0.0 CPU s over its earlier readings (the "coordinating process alone:
    0.0 CPU s" seen in some benchmark runs)."""
    gone = 2**22 + 12345  # above any pid_max: never in /proc
    assert bench_volume._tree(gone) == (0, {})
    burn = [sys.executable, "-c", "import time\nt = time.process_time()\nwhile time.process_time() - t < 0.6: pass"]
    run = bench_volume.measure(burn)
    assert run["own_cpu"] >= 0.3, run
