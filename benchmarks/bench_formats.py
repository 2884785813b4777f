"""Readers of the case-file formats (Excel, CSV, RTF) against the plain library read of the same file.

Ratios against a baseline measured in the same run (shared machines are noisy):
- xlsx: ``extract_xlsx`` against ``openpyxl.load_workbook`` plus a walk over every value;
- csv: ``extract_csv`` against ``csv.reader`` over the decoded text (it also writes each cell's
  reference into the text, so some ratio above 1 is the work itself; profiled with cProfile, most
  of the former 9-16x was ``cell_text``'s two regular expressions on every cell, now skipped for
  printable values, the column letters worked out per cell, now cached, and a Row record built per
  row, now skipped: ``read_lines`` writes each row's line straight from the parsed values);
- rtf: our reader against ``striprtf.rtf_to_text`` on the same benign document, and our reader on a
  document four times larger (about 4.0 means linear).

    .venv/bin/python -m benchmarks.run formats
"""

from __future__ import annotations

import csv
import io
import tempfile
import time
from pathlib import Path

from redactor.extract.csvfile import extract_csv
from redactor.extract.rtf import read_rtf
from redactor.extract.xlsx import extract_xlsx
from tests.extract.helpers import context, source_for

ROWS = 20_000


def _best(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def _workbook(path: Path) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    for n in range(ROWS):
        wb.active.append([f"Person {n}", f"07700 9{n % 100000:05d}", n, "note text here", f"p{n}@example.org"])
    wb.save(path)
    return path


def _table(path: Path) -> Path:
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        for n in range(ROWS * 5):
            writer.writerow([f"Person {n}", f"07700 9{n % 100000:05d}", n, "note text here"])
    return path


def _rtf(paragraphs: int) -> bytes:
    body = "".join(f"\\pard Person {n} rang 07700 9{n % 100000:05d} about the {{\\b meeting}}.\\par\n" for n in range(paragraphs))
    return ("{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f0 Arial;}}" + body + "}").encode()


def main() -> None:
    import openpyxl
    from striprtf.striprtf import rtf_to_text

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        ctx = context(root)
        book = _workbook(root / "book.xlsx")

        def baseline_xlsx() -> None:
            wb = openpyxl.load_workbook(book)
            sum(1 for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v is not None)

        ours = _best(lambda: list(extract_xlsx(source_for(book), book, ctx)), 2)
        base = _best(baseline_xlsx, 2)
        print(f"xlsx {ROWS} rows x 5: extract {ours:.2f} s, openpyxl load+walk {base:.2f} s, ratio {ours / base:.2f}")

        table = _table(root / "calls.csv")
        ours = _best(lambda: list(extract_csv(source_for(table), table, ctx)))
        base = _best(lambda: sum(1 for _ in csv.reader(io.StringIO(table.read_text(), newline=""))))
        print(f"csv {ROWS * 5} rows: extract {ours:.2f} s, csv.reader {base:.2f} s, ratio {ours / base:.2f}")

        small, large = _rtf(5_000), _rtf(20_000)
        ours_small = _best(lambda: read_rtf(small, root / "s.rtf"))
        ours_large = _best(lambda: read_rtf(large, root / "l.rtf"))
        base = _best(lambda: rtf_to_text(small.decode("latin-1")))
        print(
            f"rtf {len(small) >> 10} KB: reader {ours_small:.3f} s, striprtf {base:.3f} s, ratio {ours_small / base:.2f}; "
            f"{len(large) >> 10} KB / {len(small) >> 10} KB time ratio {ours_large / ours_small:.2f} (4.0 = linear)"
        )


if __name__ == "__main__":
    main()
