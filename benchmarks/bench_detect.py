"""Detection throughput: redactor's detector against vanilla Presidio (same spaCy model) in the same run.

Texts: the generated evaluation set (benchmarks/eval/data/dev.jsonl), analysed one text at a time
as the detect stage does, after both engines are loaded (model load is timed separately), plus
one long document (about 1.2 million characters, over spaCy's limit) through redactor's
windowed analysis.

    .venv/bin/python -m benchmarks.run detect
    .venv/bin/python -m benchmarks.bench_detect path/to/other_nlp_engine.yaml   # another spaCy model
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from benchmarks.eval.generate import DATA


def _texts() -> list[str]:
    return [json.loads(line)["text"] for line in (DATA / "dev.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


def _timed(fn, texts: list[str]) -> float:
    started = time.perf_counter()
    for text in texts:
        fn(text)
    return time.perf_counter() - started


def main(nlp_config: str | None = None) -> None:
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    from redactor import paths
    from redactor.detect.engine import Detector, _offline_tldextract

    texts = _texts()
    chars = sum(len(t) for t in texts)
    started = time.perf_counter()
    ours = Detector(Path(nlp_config) if nlp_config else paths.models_dir() / "nlp_engine.yaml", paths.models_dir() / "recognizers.yaml")
    load_ours = time.perf_counter() - started
    _offline_tldextract()
    started = time.perf_counter()
    nlp = NlpEngineProvider(
        nlp_configuration={"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": ours.model_names[0]}]}
    ).create_engine()
    vanilla = AnalyzerEngine(nlp_engine=nlp)
    load_vanilla = time.perf_counter() - started
    ours.analyze(texts[0])
    vanilla.analyze(texts[0], language="en")
    t_ours = _timed(ours.analyze, texts)
    t_vanilla = _timed(lambda t: vanilla.analyze(t, language="en"), texts)
    print(f"texts: {len(texts)} ({chars} characters), model {ours.model_names[0]}")
    print(f"load:      redactor {load_ours:.1f} s, vanilla presidio {load_vanilla:.1f} s")
    print(f"redactor:  {t_ours:.2f} s, {chars / t_ours / 1000:.1f} k chars/s, {len(texts) / t_ours:.0f} texts/s")
    print(f"vanilla:   {t_vanilla:.2f} s, {chars / t_vanilla / 1000:.1f} k chars/s, {len(texts) / t_vanilla:.0f} texts/s")
    print(f"ratio:     redactor takes {t_ours / t_vanilla:.2f}x the time of vanilla presidio")
    long_text = "\n".join(texts) * (1_200_000 // (chars + len(texts)) + 1)
    started = time.perf_counter()
    found = ours.analyze(long_text)
    t_long = time.perf_counter() - started
    print(f"long text: {len(long_text)} characters in {t_long:.1f} s ({len(long_text) / t_long / 1000:.1f} k chars/s), {len(found)} spans")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
