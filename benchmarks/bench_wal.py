"""What applying a database's write-ahead log costs: a 100,000-message iOS ``sms.db`` read with and without a ``-wal``
of 1,000 more messages beside it, alternated twice in one process (CPU and wall seconds, messages read).

    .venv/bin/python -m benchmarks.bench_wal
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

from benchmarks import device_data as data
from tests.extract.device.helpers import records_of


def main() -> None:
    root = Path(tempfile.mkdtemp(prefix="bench-wal-"))
    build = root / "build.db"
    data.write_sms_db(build, 100_000)
    conn = sqlite3.connect(build)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.executemany(
        "INSERT INTO message (ROWID, guid, text, handle_id, service, date, is_from_me) VALUES (?, ?, ?, 1, 'SMS', ?, 0)",
        [(200_000 + i, f"w{i}", f"late message {i}", 730_916_000 + i) for i in range(1000)],
    )
    conn.commit()
    for name in ("with", "without"):
        (root / name).mkdir()
        shutil.copyfile(build, root / name / "sms.db")
    shutil.copyfile(f"{build}-wal", root / "with" / "sms.db-wal")
    conn.close()
    sizes = ((root / "with" / f).stat().st_size / 1e6 for f in ("sms.db", "sms.db-wal"))
    print("database {:.1f} MB, log {:.2f} MB".format(*sizes))
    for rnd in range(2):
        for name in ("without", "with"):
            t0 = time.process_time()
            w0 = time.perf_counter()
            recs = records_of(root / name / "sms.db", root / f"work-{name}-{rnd}", "ios-sms-db")
            n = sum(1 for r in recs if getattr(r, "kind", "") == "message")
            cpu, wall = time.process_time() - t0, time.perf_counter() - w0
            print(f"{name:<8} round {rnd}: {n:,} messages, {cpu:.2f} CPU s, {wall:.2f} wall s", flush=True)

    shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
