"""Review app latency on a phone-sized case: pages and decisions over HTTP.

A generated case of 5,000 messages in 100 conversations with three flags each (15,000
flags) is served on 127.0.0.1. Measured: the overview page, message pages (each with its
neighbours), and decisions posted through the API. Baseline in the same run: the same
decisions made directly through ``CaseStore.decide``; the ratio is what HTTP, the
security checks and a fresh database connection per request add.

    .venv/bin/python -m benchmarks.run review
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.review_client import ReviewClient

MESSAGES, THREADS = 5000, 100


def build_case(root: Path):
    from redactor.case import CaseStore
    from redactor.records import Flag, Item, Segment

    store = CaseStore.create(root)
    sid = "b" * 64
    store.add_source(sid, str(root / "phone.xml"), "phone.xml", 1, "application/xml")
    items, flags = [], []
    for n in range(MESSAGES):
        iid = f"{n:016x}"
        text = f"Message {n}: ring Sophie Turner on 07700 900{n % 1000:03d} or mail sophie{n}@example.org later."
        seg = Segment(f"{iid}.0", iid, 0, "text", text)
        thread = {"id": f"t{n % THREADS}", "key": f"k{n % THREADS}", "app": "SMS/MMS"}
        items.append(
            Item(
                iid,
                sid,
                f"/smses/sms[{n + 1}]",
                "message",
                "SMS",
                (seg,),
                {"thread": thread, "sender": {"name": "Sophie Turner"}, "time": {"utc": f"2024-03-01T10:{n % 60:02d}:00Z"}},
            )
        )
        for word, entity in (("Sophie Turner", "PERSON"), ("07700", "PHONE_NUMBER"), (f"sophie{n}@example.org", "EMAIL_ADDRESS")):
            start = text.index(word)
            end = start + (12 if entity == "PHONE_NUMBER" else len(word))
            flags.append(
                Flag(
                    Flag.make_id(seg.segment_id, start, end, entity),
                    iid,
                    seg.segment_id,
                    start,
                    end,
                    entity,
                    0.85,
                    "bench",
                    {"textual_explanation": "generated"},
                    "TP",
                    "redact",
                )
            )
    store.save_items(sid, items)
    store.save_flags(sid, flags)
    return store, items, flags


def _timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    from redactor.case import CaseStore
    from redactor.review.server import ReviewServer

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "case"
        store, items, flags = build_case(root)
        store.close()
        server = ReviewServer(root, "bench", port=0)
        server.start_background()
        try:
            client = ReviewClient(server.url)
            get = client.get

            overview = _timed(lambda: get("/"), 5)
            pages = [_timed(lambda i=i: get(f"/item/{items[i].item_id}"), 1)[0] for i in range(0, MESSAGES, MESSAGES // 50)]
            http_flags = flags[:300:3]
            direct_flags = flags[1:300:3]

            def post(flag) -> None:
                client.post("/api/decide", {"flag_id": flag.flag_id, "action": "accept", "version": flag.version})

            start = time.perf_counter()
            for flag in http_flags:
                post(flag)
            http_rate = len(http_flags) / (time.perf_counter() - start)
            with CaseStore.open(root, actor="bench") as direct:
                start = time.perf_counter()
                for flag in direct_flags:
                    direct.decide(flag.flag_id, action="accept", status="redact", reviewer="bench", expected_version=flag.version)
                direct_rate = len(direct_flags) / (time.perf_counter() - start)
        finally:
            server.stop()
    print(f"case: {MESSAGES} messages in {THREADS} conversations, {len(flags)} flags")
    print(f"start page (people & identifiers): median {statistics.median(overview) * 1000:.0f} ms")
    print(
        f"message page (with neighbours): median {statistics.median(pages) * 1000:.0f} ms, max {max(pages) * 1000:.0f} ms over {len(pages)}"
    )
    print(f"decisions over HTTP: {http_rate:.0f}/s; baseline CaseStore.decide: {direct_rate:.0f}/s; ratio {direct_rate / http_rate:.2f}x")
