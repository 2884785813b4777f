"""Scoring: entity recall (every character covered) and token precision.

- An entity counts as found only when every one of its non-space characters is covered by some
  predicted span, whatever entity type the detector gave it: for redaction, what matters is that
  the text is removed.
- Token precision: of the word tokens a prediction touches, the share that lie in a labelled span.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

TOKEN = re.compile(r"\w+", re.UNICODE)

GROUPS = {
    "structured identifiers": ("phone", "email", "postcode", "nino", "nhs", "card", "bank", "vehicle_reg"),
    "names of known people": ("person_known",),
    "other person names": ("person_other",),
}
TARGETS = {"structured identifiers": 0.99, "names of known people": 0.97, "other person names": 0.90, "token precision": 0.85}


@dataclass
class Score:
    found: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    total: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    tokens_predicted: int = 0
    tokens_correct: int = 0
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # record id, type, text (dev diagnostics only)
    false_tokens: list[tuple[str, str]] = field(default_factory=list)

    def recall(self, types: Iterable[str] | None = None) -> float:
        types = list(types) if types is not None else list(self.total)
        total = sum(self.total[t] for t in types)
        return sum(self.found[t] for t in types) / total if total else float("nan")

    @property
    def precision(self) -> float:
        return self.tokens_correct / self.tokens_predicted if self.tokens_predicted else float("nan")


def _covered(text: str, spans: Sequence[Mapping]) -> list[bool]:
    mask = [False] * len(text)
    for s in spans:
        for i in range(max(0, s["start"]), min(len(text), s["end"])):
            mask[i] = True
    return mask


def score_record(score: Score, record: Mapping, spans: Sequence[Mapping]) -> None:
    text = record["text"]
    pred = _covered(text, spans)
    gold = _covered(text, record["labels"])
    for label in record["labels"]:
        score.total[label["type"]] += 1
        chars = [i for i in range(label["start"], label["end"]) if not text[i].isspace()]
        if all(pred[i] for i in chars):
            score.found[label["type"]] += 1
        else:
            score.misses.append((record["id"], label["type"], text[label["start"] : label["end"]]))
    for m in TOKEN.finditer(text):
        if any(pred[m.start() : m.end()]):
            score.tokens_predicted += 1
            if any(gold[m.start() : m.end()]):
                score.tokens_correct += 1
            else:
                score.false_tokens.append((record["id"], m.group(0)))


def table(results: Mapping[str, Score]) -> str:
    """Per-type and grouped recall, and token precision, one column per detector."""
    names = list(results)
    types = sorted({t for s in results.values() for t in s.total})
    width = max(24, *(len(n) + 2 for n in names))
    lines = [f"{'entity recall':<26}{'n':>6}" + "".join(f"{n:>{width}}" for n in names)]
    first = results[names[0]]
    for t in types:
        lines.append(f"  {t:<24}{first.total[t]:>6}" + "".join(f"{results[n].recall([t]):>{width}.3f}" for n in names))
    lines.append("")
    for group, members in GROUPS.items():
        target = f" (target {TARGETS[group]:.2f})"
        lines.append(f"{group + target:<32}" + "".join(f"{results[n].recall(members):>{width}.3f}" for n in names))
    lines.append(f"{'all entities':<32}" + "".join(f"{results[n].recall():>{width}.3f}" for n in names))
    lines.append(f"{'token precision (target 0.85)':<32}" + "".join(f"{results[n].precision:>{width}.3f}" for n in names))
    return "\n".join(lines)
