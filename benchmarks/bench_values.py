"""Review by value at phone scale: 100,000 messages, about 150,000 flags.

A generated case (two roster people sending 100,000 messages in 1,000 conversations; every
message flags its sender's name, every other one a phone number from a pool of 1,000) is
served on 127.0.0.1. Measured: the People & identifiers page, a message page (its conversation
around it), a conversation page (every message of a thread as rows), and value decisions over HTTP, for a small value (about 50 occurrences) and the
largest one (50,000): its answer, and when the rest of it has reached every occurrence (the server applies a
large decision in chunks after answering). Baseline in the same run: reading the same flags with one plain SQL
query (what any page over them costs at least). Target: each under 300 ms.

    .venv/bin/python -m benchmarks.run values
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.review_client import ReviewClient

if TYPE_CHECKING:
    from redactor.records import Flag, Segment

MESSAGES, THREADS, PHONES = 100_000, 1_000, 1_000
PEOPLE = (("p-owner", "Sam Owner", "complainant"), ("p-alex", "Alex Witness", "witness"))


def build_case(root: Path):
    from redactor.case import CaseStore
    from redactor.records import Item, Person, Segment

    store = CaseStore.create(root)
    sid = "e" * 64
    store.add_source(sid, str(root / "chat.txt"), "chat.txt", 1, "text/plain")
    store.add_people([Person(pid, name, (), (), (), role, "roster") for pid, name, role in PEOPLE])
    for first in range(0, MESSAGES, 5_000):
        items, flags = [], []
        for n in range(first, first + 5_000):
            iid = f"{n:016x}"
            pid, name, role = PEOPLE[n % 2]
            text = f"{name}: ring 07700 9{n % PHONES:05d} about Saturday #{n}" if n % 2 else f"{name}: ok see you there #{n}"
            seg = Segment(f"{iid}.0", iid, 0, "text", text)
            items.append(Item(iid, sid, f"line {n}", "message", "chat", (seg,), {"thread": {"key": f"k{n % THREADS}"}}))
            spans = [(0, len(name), "PERSON", "keep", {"party": role, "person_id": pid, "category": "name", "rule": "rule 4"})]
            if n % 2:
                start = text.index("07700")
                spans.append((start, start + 12, "PHONE_NUMBER", "redact", {"party": "unknown", "category": "contact", "rule": "rule 9"}))
            flags.extend(bench_flag(seg, start, end, entity, proposed, explanation) for start, end, entity, proposed, explanation in spans)
        store.save_items(sid, items, first + 1)
        store.save_flags(sid, flags, replace=False)
    start = time.perf_counter()
    store.sync_values()
    return store, time.perf_counter() - start


def bench_flag(seg: Segment, start: int, end: int, entity: str, proposed: str, explanation: dict) -> Flag:
    """A detector's flag on ``seg[start:end]`` as the benchmarks store them (score 0.9, recognizer "bench", code TP)."""
    from redactor.records import Flag

    return Flag(
        Flag.make_id(seg.segment_id, start, end, entity),
        seg.item_id,
        seg.segment_id,
        start,
        end,
        entity,
        0.9,
        "bench",
        explanation,
        "TP",
        proposed,
    )


def _timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def _ms(values: list[float]) -> str:
    return f"median {statistics.median(values) * 1000:.0f} ms, max {max(values) * 1000:.0f} ms"


def main() -> None:
    from redactor.case import CaseStore
    from redactor.case.value_apply import APPLY_CHUNK
    from redactor.review.server import ReviewServer

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "case"
        store, sync_s = build_case(root)
        n_flags = store.conn.execute("SELECT COUNT(*) FROM flags").fetchone()[0]
        values = store.value_rows()
        phones = [v for v in values if v.entity == "phone"]
        biggest = max(values, key=lambda v: v.occurrences)
        store.close()
        server = ReviewServer(root, "bench", port=0)
        server.start_background()
        try:
            client = ReviewClient(server.url)
            get, post = client.get, client.post

            values_page = _timed(lambda: get("/"), 5)
            message_pages = [_timed(lambda n=n: get(f"/item/{n:016x}"), 1)[0] for n in range(1, MESSAGES, MESSAGES // 20)]
            conversations = [_timed(lambda n=n: get(f"/thread/{n:016x}"), 1)[0] for n in range(3, MESSAGES, MESSAGES // 20)]
            small = [
                _timed(lambda v=v: post("/api/value", {"value_id": v.value_id, "decision": "accept", "version": v.version}), 1)[0]
                for v in phones[:20]
            ]
            start_big = time.perf_counter()
            big = _timed(
                lambda: post("/api/value", {"value_id": biggest.value_id, "decision": "redact", "code": "VW", "version": biggest.version}),
                1,
            )
            with CaseStore.open(root) as s:
                while s.applying_values():  # the rest of the decision is applied after the answer, chunk by chunk
                    time.sleep(0.05)
                completed = time.perf_counter() - start_big
                redacted = s.value(biggest.value_id).redacted
                page_after = _timed(lambda: get("/"), 3)
                baseline = _timed(lambda: s.conn.execute("SELECT flag_id, status, item_id FROM flags").fetchall(), 5)
        finally:
            server.stop()
    base = statistics.median(baseline)
    print(f"case: {MESSAGES} messages in {THREADS} conversations, {n_flags} flags, {len(values)} values (filed in {sync_s:.1f} s)")
    print(f"baseline, one SQL read of every flag: median {base * 1000:.0f} ms")
    print(f"people & identifiers page: {_ms(values_page)} ({statistics.median(values_page) / base:.1f}x baseline)")
    print(f"message page (its conversation around it): {_ms(message_pages)} ({statistics.median(message_pages) / base:.1f}x baseline)")
    print(
        f"conversation page ({MESSAGES // THREADS} messages as rows): {_ms(conversations)} ({statistics.median(conversations) / base:.1f}x baseline)"
    )
    print(f"value decision, ~{phones[0].occurrences} occurrences: {_ms(small)} ({statistics.median(small) / base:.1f}x baseline)")
    print(f"value decision, {biggest.occurrences} occurrences: {_ms(big)} ({statistics.median(big) / base:.1f}x baseline)")
    print(
        f"  applied to all {redacted} occurrences {completed:.1f} s after it was sent (chunks of {APPLY_CHUNK}, after the answer); "
        f"people & identifiers page then: {_ms(page_after)}"
    )


if __name__ == "__main__":
    main()
