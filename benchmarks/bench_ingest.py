"""The ingest phase of `redactor run` for every device format: peak RSS and seconds, at each size.

For each format a generated download (``benchmarks/device_data.py``) goes through ``redactor run --workers 1``;
the process tree's resident memory (the runner and the child parsing a large source; a forked child's shared
pages count twice) is sampled every 0.1 s until the audit log says the source is extracted, then the run is
stopped once the case has committed the source (its state, people and attachments): detection, the policy, the values
step and the attachments' own extraction are not part of this. Seconds run from the audit log's ``run.started`` to that
commit (hashing, parsing and storing the items, registering the attachments). Beside the tree's peak, each
process's own peak, split as the kernel counts it (``RssAnon``: the heap; ``RssFile``: mapped files such as the
libraries; ``RssShmem``: SQLite's WAL index), so what grows can be told apart; and the CPU seconds of the runner and
of its children (sampled with the memory: a loaded machine stretches wall seconds, not these).

    .venv/bin/python -m benchmarks.bench_ingest [--sizes 10000,1000000] [--formats whatsapp,ufdr,...] [--keep DIR]

``ios-sms-db``: an iOS ``sms.db`` whose every other message has its words only in ``attributedBody`` (iOS 16);
``android-mmssms-db``: an Android ``mmssms.db`` of SMS; ``whatsapp-android-db``: a ``msgstore.db``, a photo in ten;
``google-messages-db``: a ``bugle_db``, one text part a message; ``snapchat-db``: an ``arroyo.db`` (texts in protocol
buffers) with ``main.db`` beside it; ``instagram-db``: a ``direct.db`` (a JSON copy of each message);
``telegram-android-db``: a ``cache4.db`` (TL objects); ``xry-text``: an MSAB XRY ``Messages-SMS.txt`` (UTF-16);
``cellebrite-xlsx``: a Cellebrite Excel report's ``Chats`` sheet (chats of 500 messages).
``ufdr-files``: a UFDR whose every message has an attached file (so the size is also the number of attachments).
``sms-people``: an SMS backup whose messages come from a third as many numbers, each a known person.
``mbox-attachment``: a mailbox of three messages, the second with one base64 attachment of SIZE MB (the size is
megabytes, not messages): the memory of one very large message (``--sizes 200``); ``mbox-qp``: the same attachment
quoted-printable.
``--max-seconds S`` stops a run that takes longer (its peak so far is printed, marked "stopped").

mbox is slow to parse (Python's e-mail package, about 0.5 ms of CPU a message in the parsing child): give it its own
smaller size, or ``--max-seconds``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import device_data as data
from benchmarks.bench_volume import HERE, REDACTOR, _tree

FORMATS = {
    "whatsapp": lambda root, n: (data.write_chat(root / "chat.txt", n), root / "chat.txt")[1],
    "ufdr": lambda root, n: data.write_ufdr(root / "phone.ufdr", n),
    "ufdr-files": lambda root, n: data.write_ufdr(root / "phone.ufdr", n, files_every=1),
    "telegram": lambda root, n: data.write_telegram(root / "result.json", n),
    "meta": lambda root, n: data.write_meta(root / "message_1.json", n),
    "sms-xml": lambda root, n: data.write_sms_backup(root / "sms-20240301.xml", n),
    "vcard": lambda root, n: data.write_vcards(root / "contacts.vcf", n),
    "mbox": lambda root, n: data.write_mbox(root / "mail.mbox", n),
    "whatsapp-zip": lambda root, n: data.write_whatsapp_zip(root / "WhatsApp Chat with Alex.zip", n),
    "whatsapp-ios-db": lambda root, n: data.write_chatstorage(root / "ChatStorage.sqlite", n),
    "ios-sms-db": lambda root, n: data.write_sms_db(root / "sms.db", n),
    "android-mmssms-db": lambda root, n: data.write_mmssms_db(root / "mmssms.db", n),
    "whatsapp-android-db": lambda root, n: data.write_msgstore(root / "msgstore.db", n),
    "google-messages-db": lambda root, n: data.write_bugle_db(root / "bugle_db", n),
    "snapchat-db": lambda root, n: data.write_arroyo(root / "arroyo.db", n),
    "instagram-db": lambda root, n: data.write_direct(root / "direct.db", n),
    "telegram-android-db": lambda root, n: data.write_cache4(root / "cache4.db", n),
    "aleapp-tsv": lambda root, n: data.write_aleapp_tsv(root / "aleapp", n),
    "axiom-csv": lambda root, n: data.write_axiom_csv(root / "axiom.csv", n),
    "xry-text": lambda root, n: data.write_xry(root / "Messages-SMS.txt", n),
    "cellebrite-xlsx": lambda root, n: data.write_cellebrite_xlsx(root / "Phone report.xlsx", n),
    "sms-people": lambda root, n: _sms_people(root / "sms-20240301.xml", n),
    "mbox-attachment": lambda root, n: _mbox_attachment(root / "mail.mbox", n),
    "mbox-qp": lambda root, n: _mbox_attachment(root / "mail.mbox", n, "quoted-printable"),
}


def _mbox_attachment(path: Path, megabytes: int, encoding: str = "base64") -> Path:
    """An mbox of three messages; the second has an attachment of ``megabytes`` MB in ``encoding`` (base64, or
    quoted-printable: text with accented letters and '=', 76-character lines with soft breaks)."""
    import base64
    import quopri

    if encoding == "base64":
        line = base64.encodebytes(bytes(range(256)) * 3)  # 1,024 characters in 76-character lines
    else:
        text = "Caf\u00e9 cr\u00e8me = 2 \u00a3, na\u00efve r\u00e9sum\u00e9s for Zo\u00eb and Ren\u00e9e; " * 400
        line = quopri.encodestring(text.encode("utf-8"))
        line = line[: line.rindex(b"=\n") + 2][:1024]
        line = line[: line.rindex(b"=\n") + 2]  # whole lines with soft breaks, about 1 kB
    with open(path, "wb") as out:
        for i in range(3):
            out.write(f"From MAILER-DAEMON Mon Mar  4 10:0{i}:00 2024\nFrom: Jo Sample <jo@example.com>\nTo: al@example.org\n".encode())
            out.write(f"Subject: note {i}\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=XX\n\n--XX\n".encode())
            out.write(b"Content-Type: text/plain\n\nsee attached\n--XX\n")
            if i == 1:
                out.write(f"Content-Type: application/octet-stream\nContent-Transfer-Encoding: {encoding}\n".encode())
                out.write(b"Content-Disposition: attachment; filename=blob.bin\n\n")
                for _ in range((megabytes << 20) // len(line)):
                    out.write(line)
                out.write(b"\n")
            out.write(b"--XX--\n\n")
    return path


def _sms_people(path: Path, messages: int) -> Path:
    """An SMS Backup & Restore file of ``messages`` SMS from ``messages // 3`` numbers, each with a contact name: a
    phone with very many correspondents (every number is a known person)."""
    from xml.sax.saxutils import quoteattr

    people = max(1, messages // 3)
    with open(path, "w", encoding="utf-8") as out:
        out.write(f"<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<smses count=\"{messages}\">\n")
        for i, when, text in data._texts(messages):
            k = (i * 7919) % people
            name = f"{data.FIRST[k % len(data.FIRST)].title()} Sample{k}"
            out.write(
                f'  <sms protocol="0" address="+4477{k:08d}" date="{int(when.timestamp() * 1000)}" type="{1 + i % 2}" '
                f'body={quoteattr(text)} read="1" contact_name={quoteattr(name)} />\n'
            )
        out.write("</smses>\n")
    return path


def _committed(case: Path) -> bool:
    """Whether the case has committed its first source (the input) as extracted or quarantined (read-only)."""
    if not (case / "case.db").exists():
        return False
    try:
        conn = sqlite3.connect(f"file:{case / 'case.db'}?mode=ro", uri=True, timeout=0.05)
        try:
            row = conn.execute("SELECT source_id, status FROM sources ORDER BY rowid LIMIT 1").fetchone()
            stuck = row is not None and conn.execute("SELECT 1 FROM quarantine WHERE source_id = ?", (row[0],)).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:  # not created yet, or busy
        return False
    return row is not None and (row[1] in ("extracted", "done") or bool(stuck))


def _started(audit: Path) -> datetime | None:
    for line in audit.read_text(encoding="utf-8").splitlines():
        event = json.loads(line)
        if event["event"] == "run.started":
            return datetime.fromisoformat(event["at"].replace("Z", "+00:00"))
    return None


def _split(pid: int) -> tuple[int, int, int, int]:
    """Resident kB of ``pid``: anonymous, file-backed, shared memory, and its peak so far as the kernel counts it
    (``VmHWM``: not missed between two samples) (0s when it is gone)."""
    found = {"RssAnon": 0, "RssFile": 0, "RssShmem": 0, "VmHWM": 0}
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                key, _, value = line.partition(":")
                if key in found:
                    found[key] = int(value.split()[0])
    except OSError:
        pass
    return found["RssAnon"], found["RssFile"], found["RssShmem"], found["VmHWM"]


def ingest(source: Path, case: Path, max_seconds: float | None = None) -> dict:
    """Peak tree RSS (MB) and seconds of the ingest phase of ``redactor run source`` (to the source's commit); each
    process's peak (the runner's and the extraction child's) as anonymous/file/shared MB, and its kernel-counted peak."""
    proc = subprocess.Popen(
        [*REDACTOR, "run", str(source), "--case", str(case), "--workers", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=HERE,
    )
    peak, began, done = 0, time.monotonic(), None
    own: dict[str, tuple[int, int, int]] = {"runner": (0, 0, 0), "child": (0, 0, 0)}
    hwm = {"runner": 0, "child": 0}
    cpu: dict[int, float] = {}  # each process's CPU seconds at its last sample
    try:
        while proc.poll() is None:
            total, pids = _tree(proc.pid)
            peak = max(peak, total)
            cpu.update(pids)
            for pid in pids:
                role, (*split, high) = "runner" if pid == proc.pid else "child", _split(pid)
                hwm[role] = max(hwm[role], high)
                if sum(split) > sum(own[role]):
                    own[role] = tuple(split)
            if _committed(case):
                done = datetime.now(UTC)
                break
            if max_seconds is not None and time.monotonic() - began > max_seconds:
                break
            time.sleep(0.1)
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)  # its child dies with it (PR_SET_PDEATHSIG)
        proc.wait()
    shown = {role: "/".join(f"{kb / 1000:.0f}" for kb in split) + f" (hwm {hwm[role] / 1000:.0f})" for role, split in own.items()}
    started = _started(case / "audit.jsonl") if (case / "audit.jsonl").exists() else None
    seconds = (done - started).total_seconds() if done and started else None
    runner_cpu = cpu.pop(proc.pid, 0.0)
    cpu_s = f"{runner_cpu:.1f}/{sum(cpu.values()):.1f}"
    return {"peak_mb": peak / 1e6, "seconds": seconds, "stopped": done is None, "cpu": cpu_s, **shown}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="bench_ingest")
    parser.add_argument("--sizes", default="10000,1000000")
    parser.add_argument("--formats", default=",".join(f for f in FORMATS if f not in ("mbox", "ufdr-files", "sms-people")))
    parser.add_argument("--keep", type=Path, help="keep each case (stopped after extraction) under this folder")
    parser.add_argument("--max-seconds", type=float, help="stop a run that takes longer (its peak so far is printed)")
    args = parser.parse_args(argv)
    print(f"load average at start: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(
        f"{'format':<16} {'messages':>9} {'input MB':>8} {'ingest peak RSS MB':>18} {'ingest s':>8}  runner, child peak MB anon/file/shm (kernel's peak); CPU s runner/children"
    )
    for fmt in args.formats.split(","):
        for n in (int(s) for s in args.sizes.split(",")):
            root = Path(tempfile.mkdtemp(prefix=f"bench-ingest-{fmt}-"))
            try:
                source = FORMATS[fmt](root, n)
                r = ingest(source, root / "case", args.max_seconds)
                seconds = f"{r['seconds']:8.1f}" if r["seconds"] is not None else " stopped" if r["stopped"] else "  failed"
                mb = source.stat().st_size / 1e6
                print(f"{fmt:<16} {n:>9,} {mb:8.1f} {r['peak_mb']:18.0f} {seconds}  {r['runner']}, {r['child']}; {r['cpu']}", flush=True)
                if args.keep:
                    shutil.move(root / "case", args.keep / f"{fmt}-{n}")
            finally:
                shutil.rmtree(root, ignore_errors=True)
    print(f"load average at end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main(sys.argv[1:])
