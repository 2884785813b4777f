"""Labelled sets that nobody in this project wrote, read from ``../shared/eval/`` (never copied here).

Each file is JSON lines ``{"doc_id", "text", "entities": [{"start", "end", "label"}]}``. Scoring
follows ``shared/eval/README.md``: a gold entity is found when every non-space character is covered
by some flag, whatever its label; precision counts flags of a label against gold of that label (a
flag is right when it overlaps a gold span of its label).

``REDACTOR_SHARED`` points at another ``shared`` folder (a git worktree has none beside it).
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
PUBLIC_SETS = {
    "wnut17": "wnut17_dev.jsonl",
    "btc_f": "btc_f.jsonl",
    "gum_news": "gum_news.jsonl",
    "multilingual": "multilingual.jsonl",
    "wikigold": "wikigold.jsonl",
    "re3d": "re3d.jsonl",
    "ewt_dev": "ewt_dev.jsonl",
    "ewt_test": "ewt_test.jsonl",
}
# in data/: multilingual made here (multilingual.py) from independent sources; btc_f converted from BTC section F
# (btc.py, BTC.md); gum_news converted from GUM's Wikinews articles (gum.py, GUM.md); wikigold converted from Wikigold's
# Wikipedia articles (wikigold.py, WIKIGOLD.md); re3d from re3d's openly licensed official and Wikipedia texts (re3d.py, RE3D.md);
# ewt_dev and ewt_test from Universal NER's English Web Treebank (ewt.py, EWT.md)
LOCAL_SETS = {"multilingual", "btc_f", "gum_news", "wikigold", "re3d", "ewt_dev", "ewt_test"}
UNREAD_SETS = {"ewt_test"}  # held out from reading: scored, never listed span by span (--misses)
PRECISION_LABELS = ("PERSON",)
PLACE_LABELS = ("LOCATION", "ORGANIZATION")  # their precision is shown only on a set that has gold of them


def shared_dir() -> Path:
    return Path(os.environ.get("REDACTOR_SHARED") or REPO.parent / "shared")


def load_public(name: str) -> tuple[list[dict] | None, str]:
    """Records in the eval harness's form (``id``, ``text``, ``people``, ``labels``), or None and why not."""
    path = (DATA if name in LOCAL_SETS else shared_dir() / "eval") / PUBLIC_SETS[name]
    if not path.is_file():
        return None, f"{path} is absent (set REDACTOR_SHARED to the shared folder)"
    return read_records(path), ""


def read_records(path: Path) -> list[dict]:
    """A JSON-lines labelled set (``doc_id``, ``text``, ``entities``) in the eval harness's form."""
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            raw = json.loads(line)
            labels = [{"start": e["start"], "end": e["end"], "type": e["label"]} for e in raw["entities"]]
            records.append({"id": raw["doc_id"], "text": raw["text"], "people": [], "labels": labels})
    return records


@dataclass
class LabelScore:
    """Recall per gold label (any flag covers it) and precision per flag label (overlaps gold of that label)."""

    found: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    total: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    flags: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    right: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    misses: list[tuple[str, str]] = field(default_factory=list)
    wrong: list[tuple[str, str]] = field(default_factory=list)

    def recall(self, label: str | None = None) -> float:
        labels = [label] if label else list(self.total)
        total = sum(self.total[x] for x in labels)
        return sum(self.found[x] for x in labels) / total if total else float("nan")

    def precision(self, label: str) -> float:
        return self.right[label] / self.flags[label] if self.flags[label] else float("nan")


def score_labels(score: LabelScore, record: Mapping, spans: Sequence[Mapping]) -> None:
    text = record["text"]
    covered = bytearray(len(text))
    for s in spans:
        covered[max(0, s["start"]) : min(len(text), s["end"])] = b"\x01" * (min(len(text), s["end"]) - max(0, s["start"]))
    for g in record["labels"]:
        score.total[g["type"]] += 1
        if all(covered[i] for i in range(g["start"], g["end"]) if not text[i].isspace()):
            score.found[g["type"]] += 1
        else:
            score.misses.append((record["id"], text[g["start"] : g["end"]]))
    for s in spans:
        label = s["entity"]
        score.flags[label] += 1
        if any(g["type"] == label and g["start"] < s["end"] and s["start"] < g["end"] for g in record["labels"]):
            score.right[label] += 1
        elif label in PRECISION_LABELS:
            score.wrong.append((record["id"], text[s["start"] : s["end"]]))


def label_table(results: Mapping[str, LabelScore], chars: int, times: Mapping[str, float]) -> str:
    names = list(results)
    width = max(20, *(len(n) + 2 for n in names))
    first = results[names[0]]
    lines = [f"{'':<28}{'n':>6}" + "".join(f"{n:>{width}}" for n in names)]
    for label in sorted(first.total):
        lines.append(
            f"  {label + ' recall':<26}{first.total[label]:>6}" + "".join(f"{results[n].recall(label):>{width}.3f}" for n in names)
        )
    for label in [*PRECISION_LABELS, *(x for x in PLACE_LABELS if first.total.get(x))]:
        lines.append(
            f"  {label + ' precision':<26}{'':>6}"
            + "".join(f"{results[n].precision(label):.3f} ({results[n].flags[label]})".rjust(width) for n in names)
        )
    lines.append(f"  {'speed (k chars/s)':<26}{'':>6}" + "".join(f"{chars / times[n] / 1000:>{width}.1f}" for n in names))
    return "\n".join(lines)
