"""Python's cyclic garbage collector during a long run (speed only: nothing is kept that would otherwise be freed).

A run allocates millions of short-lived containers (items, segments, their facts and JSON). Each
of the collector's full passes walks every tracked object in the process, including the modules,
the pipeline and the name lists loaded at start, which live until the process ends; at 100,000
messages those passes took 1.5-2.5 of the 11-14 CPU seconds of extraction. :func:`frozen_heap`
moves what is alive when the run starts into the collector's permanent generation
(``gc.freeze``) and moves it back when the run ends (``gc.unfreeze``). Reference counting
still frees everything as before; only cycles among those start-up objects wait for the end of
the run to be collected.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")
_depth = [0]  # frozen_heap calls under way in this process


def frozen_heap(func: Callable[P, R]) -> Callable[P, R]:
    """Run ``func`` with the objects alive at its start left out of the collector's passes."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        gc.freeze()
        _depth[0] += 1
        try:
            return func(*args, **kwargs)
        finally:
            _depth[0] -= 1
            if not _depth[0]:
                gc.unfreeze()

    return wrapper


def settle() -> None:
    """Inside :func:`frozen_heap`: leave what is alive now (stages just built: name lists, recognizers) out too."""
    if _depth[0]:
        gc.freeze()
