"""The ``blind`` and ``blind2`` sets: mixed personal data of 36 countries written by hand in session 14 (``blind_build.py``, ``BLIND.md``).

Scored like the held-out mixed-PII set is described: a value counts as found when every non-space character
of it is covered by some flag, whatever its label; precision is token precision (of the word tokens a flag
touches, the share inside a labelled value), overall and per flag label.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from benchmarks.eval import blind2_build, blind3_build
from benchmarks.eval.blind_build import OUT
from benchmarks.eval.marked import KINDS
from benchmarks.eval.public import read_records
from benchmarks.eval.score import TOKEN


def load_blind() -> tuple[list[dict] | None, str]:
    if not OUT.is_file():
        return None, f"{OUT} missing; run: python -m benchmarks.eval.blind_build"
    return read_records(OUT), ""


def load_blind2() -> tuple[list[dict] | None, str]:
    """The second hand-written set (session 15, ``blind2_build.py``, ``BLIND2.md``), scored the same way."""
    if not blind2_build.OUT.is_file():
        return None, f"{blind2_build.OUT} missing; run: python -m benchmarks.eval.blind2_build"
    return read_records(blind2_build.OUT), ""


def load_blind3() -> tuple[list[dict] | None, str]:
    """The third hand-written set (session 23, ``blind3_build.py``, ``BLIND3.md``), scored the same way."""
    if not blind3_build.OUT.is_file():
        return None, f"{blind3_build.OUT} missing; run: python -m benchmarks.eval.blind3_build"
    return read_records(blind3_build.OUT), ""


@dataclass
class BlindScore:
    found: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    total: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    tokens: int = 0
    right: int = 0
    misses: list[tuple[str, str, str]] = field(default_factory=list)
    wrong: list[tuple[str, str, str]] = field(default_factory=list)

    def add(self, record: Mapping, spans: Sequence[Mapping]) -> None:
        text = record["text"]
        pred, gold = bytearray(len(text)), bytearray(len(text))
        for s in spans:
            pred[max(0, s["start"]) : s["end"]] = b"\x01" * (min(len(text), s["end"]) - max(0, s["start"]))
        for g in record["labels"]:
            gold[g["start"] : g["end"]] = b"\x01" * (g["end"] - g["start"])
            self.total[g["type"]] += 1
            if all(pred[i] for i in range(g["start"], g["end"]) if not text[i].isspace()):
                self.found[g["type"]] += 1
            else:
                self.misses.append((record["id"], g["type"], text[g["start"] : g["end"]]))
        for m in TOKEN.finditer(text):
            if any(pred[m.start() : m.end()]):
                self.tokens += 1
                if any(gold[m.start() : m.end()]):
                    self.right += 1
        for s in spans:
            if not any(gold[s["start"] : s["end"]]):
                self.wrong.append((record["id"], s["entity"], text[s["start"] : s["end"]]))

    def recall(self, kinds: Sequence[str] | None = None) -> float:
        kinds = list(kinds or self.total)
        total = sum(self.total[k] for k in kinds)
        return sum(self.found[k] for k in kinds) / total if total else float("nan")

    @property
    def precision(self) -> float:
        return self.right / self.tokens if self.tokens else float("nan")


def blind_table(results: Mapping[str, BlindScore]) -> str:
    names = list(results)
    width = max(20, *(len(n) + 2 for n in names))
    first = results[names[0]]
    lines = [f"{'recall':<28}{'n':>6}" + "".join(f"{n:>{width}}" for n in names)]
    for kind in KINDS:
        lines.append(f"  {kind:<26}{first.total[kind]:>6}" + "".join(f"{results[n].recall([kind]):>{width}.3f}" for n in names))
    lines.append(f"  {'all kinds':<26}{sum(first.total.values()):>6}" + "".join(f"{results[n].recall():>{width}.3f}" for n in names))
    lines.append(f"{'token precision':<34}" + "".join(f"{results[n].precision:>{width}.3f}" for n in names))
    lines.append(f"{'flags on no value':<34}" + "".join(f"{len(results[n].wrong):>{width}}" for n in names))
    return "\n".join(lines)
