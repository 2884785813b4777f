"""What reading a phone's file system in an archive costs: a zip and a tar.gz of ``--files`` files laid out as an
iPhone's (pictures, property lists, caches, system databases) holding a 100,000-message ``sms.db``, read by the
archive readers (``filesystem.py``: the stores copied out, the rest listed), beside a baseline in the same run: one
pass that only opens every member and reads its first 16 bytes (what any picker by content must do at least), and
copying the ``sms.db`` alone. Each in a child process, alternated twice: CPU and wall seconds, peak memory (RSS).

    .venv/bin/python -m benchmarks.bench_filesystem --files 300000
"""

from __future__ import annotations

import argparse
import io
import json
import random
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

from benchmarks import device_data as data

KINDS = [
    ("Media/DCIM/100APPLE/IMG_{:06d}.JPG", b"\xff\xd8\xff" + bytes(1500)),
    ("Library/Preferences/com.app{:06d}.plist", b"bplist00" + bytes(600)),
    ("Library/Caches/com.app/{:06d}.cache", bytes(200)),
    ("Containers/Data/Application/{:06d}/Library/x.sqlite", None),  # a small system database
]


def build(root: Path, files: int) -> tuple[Path, Path]:
    sms = root / "sms.db"
    data.write_sms_db(sms, 100_000)
    system = root / "system.sqlite"
    conn = sqlite3.connect(system)
    conn.execute("CREATE TABLE kvs (k TEXT, v BLOB)")
    conn.executemany("INSERT INTO kvs VALUES (?, ?)", [(str(i), bytes(20)) for i in range(50)])
    conn.commit()
    conn.close()
    small_db = system.read_bytes()
    rnd = random.Random(7)
    names = []
    for i in range(files - 1):
        pattern, payload = rnd.choices(KINDS, weights=[30, 40, 29, 1])[0]
        names.append(("private/var/mobile/" + pattern.format(i), payload if payload is not None else small_db))
    zpath, tpath = root / "ffs.zip", root / "ffs.tar.gz"
    with zipfile.ZipFile(zpath, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z, tarfile.open(tpath, "w:gz", compresslevel=1) as t:
        z.write(sms, "private/var/mobile/Library/SMS/sms.db")
        t.add(sms, "private/var/mobile/Library/SMS/sms.db")
        for name, payload in names:
            z.writestr(name, payload)
            info = tarfile.TarInfo(name)
            info.size = len(payload)
            t.addfile(info, io.BytesIO(payload))
    return zpath, tpath


CHILD = """
import json, resource, sys, time, zipfile, tarfile, shutil
from pathlib import Path
what, path, work = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
t0, w0 = time.process_time(), time.perf_counter()
out = {}
if what == "read":
    import redactor.extract.archive, redactor.extract.tar
    from tests.extract.device.helpers import records_of
    recs = records_of(path, work)
    out["stores"] = sum(1 for r in recs if type(r).__name__ == "DerivedFile")
elif what == "heads":
    n = 0
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as z:
            for info in z.infolist():
                with z.open(info) as f:
                    f.read(16)
                n += 1
    else:
        with tarfile.open(path, "r:gz") as t:
            for m in t:
                f = t.extractfile(m)
                if f is not None:
                    f.read(16)
                    n += 1
    out["members"] = n
else:  # copy the sms.db alone
    work.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path) as z, z.open("private/var/mobile/Library/SMS/sms.db") as f, open(work / "sms.db", "wb") as o:
        shutil.copyfileobj(f, o)
out.update(cpu=time.process_time() - t0, wall=time.perf_counter() - w0, rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
print(json.dumps(out))
"""


def child(what: str, path: Path, work: Path) -> dict:
    result = subprocess.run([sys.executable, "-c", CHILD, what, str(path), str(work)], capture_output=True, text=True, check=False)
    if result.returncode:
        raise SystemExit(result.stderr[-2000:])
    shutil.rmtree(work, ignore_errors=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=300_000)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="bench-ffs-"))
    t0 = time.perf_counter()
    zpath, tpath = build(root, args.files)
    print(
        f"built {args.files:,} files in {time.perf_counter() - t0:.0f} s: zip {zpath.stat().st_size / 1e6:.0f} MB, "
        f"tar.gz {tpath.stat().st_size / 1e6:.0f} MB",
        flush=True,
    )
    for rnd in range(2):
        for path in (zpath, tpath):
            for what in ("heads", "read") + (("copy",) if path == zpath else ()):
                r = child(what, path, root / f"work-{what}-{rnd}")
                print(f"round {rnd} {path.name:<11} {what:<6} {r}", flush=True)
    shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
