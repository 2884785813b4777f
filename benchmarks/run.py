"""Run every benchmark module (benchmarks/bench_*.py) and print its report.

Each module exposes ``main() -> None`` and prints its own figures, including a ratio
against a baseline measured in the same run, because shared machines are noisy.

    .venv/bin/python -m benchmarks.run [NAME ...]
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def main(argv: list[str]) -> None:
    here = Path(__file__).parent
    names = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))
    wanted = [n for n in names if not argv or any(a in n for a in argv)]
    for name in wanted:
        print(f"== {name}", flush=True)
        importlib.import_module(f"benchmarks.{name}").main()


if __name__ == "__main__":
    main(sys.argv[1:])
