"""The values step on a case of very many distinct values (issue 10): an address book's worth, without detection.

``build``: a case written straight through the case API, as a vCard address book and a chat would leave it after
detection, before the values step: ``--cards`` N people (a name, a mobile and an e-mail each, as
``device_data.write_vcards`` writes them, numbers distinct beyond 100,000), one contact item per card flagging the
three (the name as the person's, the number and the address with ``policy_decides``, as the default policy's
structured identifiers), and a chat where every tenth card is named, rung or written to again (flagged or not). About
three distinct values a card.

``step``: the values step alone (``sync_values``) on a copy of a built case, in this process: seconds, CPU seconds and
peak RSS (``ru_maxrss``; the process's RSS before the step beside it; the CPU and peak of the spread's helper
process, if it ran, apart), then with ``--digest`` the md5 of the tables the
step writes (flags, flag_values, value_clusters, value_decisions, decisions, the audit events, the segment index and
meta, times left out), to show that two versions write the same.

    .venv/bin/python -m benchmarks.bench_value_filing build --cards 100000 --out /tmp/cards100k
    .venv/bin/python -m benchmarks.bench_value_filing step /tmp/cards100k --digest [--bounded 0]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.device_data import FIRST

SID, CHAT = "a" * 64, "b" * 64
BATCH = 5_000
TABLES = ("flags", "flag_values", "value_clusters", "value_decisions", "decisions", "segment_index", "meta")


def _card(i: int) -> tuple[str, str, str]:
    first = FIRST[i % len(FIRST)].title()
    return f"{first} Sample{i}", f"07{700 + i // 100_000:03d} 9{i % 100_000:05d}", f"{first.lower()}.{i}@example.com"


def build(root: Path, cards: int) -> None:
    from benchmarks.bench_values import bench_flag
    from redactor.case import CaseStore
    from redactor.records import Flag, Item, Person, Segment

    store = CaseStore.create(root)
    store.add_source(SID, str(root / "contacts.vcf"), "contacts.vcf", 1, "text/vcard")
    store.add_source(CHAT, str(root / "chat.txt"), "chat.txt", 1, "text/plain")
    for first in range(0, cards, BATCH):
        people = [
            Person(f"p{i:07d}", _card(i)[0], (), (_card(i)[1],), (_card(i)[2],), "unknown", "S1")
            for i in range(first, min(cards, first + BATCH))
        ]
        store.add_people(people)

    def flagged(iid: str, sid: str, text: str, spans: list[tuple[str, str, str | None]]) -> tuple[Item, list[Flag]]:
        seg = Segment(f"{iid}.0", iid, 0, "text", text)
        item = Item(iid, sid, iid, "message" if sid == CHAT else "contact", "chat" if sid == CHAT else "contacts", (seg,), {})
        flags = []
        for word, entity, person_id in spans:
            start = text.index(word)
            explanation: dict = {"party": "third_party", "category": "name" if entity == "PERSON" else "contact", "rule": "bench"}
            if person_id:
                explanation["person_id"] = person_id
            if entity != "PERSON":
                explanation["policy_decides"] = True
            proposed = "review" if entity == "PERSON" else "redact"
            flags.append(bench_flag(seg, start, start + len(word), entity, proposed, explanation))
        return item, flags

    for first in range(0, cards, BATCH):
        items, flags = [], []
        chat_items, chat_flags = [], []
        for i in range(first, min(cards, first + BATCH)):
            name, phone, email = _card(i)
            item, fl = flagged(
                f"c{i:07d}",
                SID,
                f"{name}\nTEL {phone}\nEMAIL {email}",
                [(name, "PERSON", f"p{i:07d}"), (phone, "PHONE_NUMBER", None), (email, "EMAIL_ADDRESS", None)],
            )
            items.append(item)
            flags += fl
            if i % 10 == 0:  # named again in the chat: one flagged, the number unflagged in another spelling
                item, fl = flagged(
                    f"m{i:07d}",
                    CHAT,
                    f"ask {name} on {phone.replace(' ', '')} or {email} tomorrow",
                    [(name, "PERSON", f"p{i:07d}"), (email, "EMAIL_ADDRESS", None)],
                )
                chat_items.append(item)
                chat_flags += fl
        store.save_items(SID, items, first + 1)
        store.save_flags(SID, flags, replace=False)
        store.save_items(CHAT, chat_items, first + 1)
        store.save_flags(CHAT, chat_flags, replace=False)
    store.close()


def digest(root: Path) -> dict[str, str]:
    """md5 of each table the step writes, rows in key order, time columns left out; the audit events without their times
    (and so without the hash chain)."""
    import sqlite3

    conn = sqlite3.connect(f"file:{root / 'case.db'}?mode=ro", uri=True)
    out = {}
    for table in TABLES:
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] != "at" and not r[1].endswith("_at")]
        if table == "segment_index":
            cols = ["rowid", "squeezed"]
        h = hashlib.md5()
        for row in conn.execute(
            f"SELECT {', '.join(repr(c) if c != 'rowid' else c for c in cols)} FROM {table} ORDER BY {'rowid' if table == 'segment_index' else '1, 2'}"
        ):
            h.update(repr(row).encode())
        out[table] = h.hexdigest()
    conn.close()
    h = hashlib.md5()
    for path in sorted(root.rglob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            event = json.loads(line)
            h.update(json.dumps({k: v for k, v in event.items() if k not in ("at", "prev", "hash")}, sort_keys=True).encode())
    out["audit"] = h.hexdigest()
    return out


def step(root: Path, with_digest: bool, bounded: int | None = None) -> None:
    from redactor.case import CaseStore

    if bounded is not None:  # the filing's threshold (values past which it holds no record per value)
        from redactor.case import values

        values.BOUNDED = bounded

    with tempfile.TemporaryDirectory(dir=root.parent) as tmp:
        copy = Path(tmp) / "case"
        shutil.copytree(root, copy)
        store = CaseStore.open(copy)
        values = store.conn.execute("SELECT COUNT(*) FROM value_clusters").fetchone()[0]
        flags = store.conn.execute("SELECT COUNT(*) FROM flags").fetchone()[0]
        before, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        counts = store.sync_values()
        seconds = time.perf_counter() - start
        after, helper = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        made = store.conn.execute("SELECT COUNT(*) FROM value_clusters").fetchone()[0] - values
        store.close()
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        result = {
            "flags": flags,
            "values": made,
            "counts": counts,
            "seconds": round(seconds, 2),
            "cpu_s": round(cpu, 2),
            "helper_cpu_s": round(helper.ru_utime + helper.ru_stime - children.ru_utime - children.ru_stime, 2),
            "helper_peak_mb": round(helper.ru_maxrss / 1024),
            "rss_before_mb": round(before.ru_maxrss / 1024),
            "peak_rss_mb": round(after.ru_maxrss / 1024),
        }
        if with_digest:
            result["digest"] = digest(copy)
        print(json.dumps(result))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build")
    b.add_argument("--cards", type=int, default=100_000)
    b.add_argument("--out", type=Path, required=True)
    s = sub.add_parser("step")
    s.add_argument("case", type=Path)
    s.add_argument("--digest", action="store_true")
    s.add_argument("--bounded", type=int, help="the filing's threshold (value_spill.BOUNDED) for this run")
    args = parser.parse_args(argv)
    if args.command == "build":
        build(args.out, args.cards)
    else:
        step(args.case, args.digest, args.bounded)


if __name__ == "__main__":
    main(sys.argv[1:])
