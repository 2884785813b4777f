"""End-to-end throughput of `redactor run` + `bundle` on generated text documents.

Baseline in the same run: the bare detector (Presidio + spaCy) over the same texts.
The ratio shows what the pipeline (hashing, SQLite, audit log, policy, rendering) adds.

    .venv/bin/python -m benchmarks.run pipeline
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

FIRST = ["Sophie", "Marcus", "Priya", "Tom", "Hannah", "Daniel", "Chloe", "Aisha", "Liam", "Grace"]
LAST = ["Turner", "Bellamy", "Raman", "Ashworth", "Okafor", "Reyes", "Whitfield", "Khan", "Davies", "Patel"]


def documents(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    docs = []
    for _ in range(n):
        lines = []
        for _ in range(25):
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            phone = f"07700 900{rng.randint(0, 999):03d}"
            lines.append(
                rng.choice(
                    [
                        f"I spoke to {name} on {phone} about the evening.",
                        f"{name} said she would meet us at the station later that night.",
                        "We left the party at around eleven and walked back together.",
                        f"My email is {name.split()[0].lower()}.{name.split()[1].lower()}@example.org if you need me.",
                    ]
                )
            )
        docs.append("\n".join(lines))
    return docs


def main() -> None:
    from redactor.bundling import build_bundle
    from redactor.case import CaseStore
    from redactor.detect.stage import DetectSettings, detector_for
    from redactor.pipeline import load_pipeline
    from redactor.runner import run_case

    docs = documents(40)
    detector = detector_for(DetectSettings())
    detector.analyze("warm up Sophie Turner 07700 900123")
    start = time.perf_counter()
    for text in docs:
        detector.analyze(text)
    bare = time.perf_counter() - start

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        inputs = root / "in"
        inputs.mkdir()
        for i, text in enumerate(docs):
            (inputs / f"doc{i:03d}.txt").write_text(text)
        pipeline = load_pipeline(None)
        store = CaseStore.create(root / "case")
        start = time.perf_counter()
        run_case(store, pipeline, [inputs])
        run_s = time.perf_counter() - start
        start = time.perf_counter()
        build_bundle(store, pipeline, root / "bundle", pending="redact")
        bundle_s = time.perf_counter() - start
    n = len(docs)
    print(f"documents: {n} (25 lines each)")
    print(f"bare detector:      {bare:6.2f} s  {n / bare:6.1f} docs/s")
    print(f"redactor run:       {run_s:6.2f} s  {n / run_s:6.1f} docs/s  ratio to bare detector {run_s / bare:.2f}")
    print(f"redactor bundle:    {bundle_s:6.2f} s  {n / bundle_s:6.1f} docs/s")


if __name__ == "__main__":
    main()
