"""Scoring of the world sets: ``worldaddr`` (``worldaddr_build.py``, ``WORLDADDR.md``), ``worldphone``
(``worldphone.py``, ``WORLDPHONE.md``), ``worldids`` (``worldids_build.py``, ``WORLDIDS.md``), ``libpostal``
(``libpostal_build.py``, ``LIBPOSTAL.md``) and ``pelias`` (``pelias_build.py``, ``PELIAS.md``).

Scored like ``blind`` (``blind.py``): a value is found when every non-space character of it is covered by some
flag, whatever its label; token precision is the share of word tokens touched by a flag that lie inside a
labelled value. Recall is also broken down by each record's groups (the address's layout and world zone; the
phone's written form, world zone, type and whether a phone word stands before it).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.eval.blind import BlindScore
from benchmarks.eval.libpostal_build import OUT as LIBPOSTAL
from benchmarks.eval.pelias_build import OUT as PELIAS
from benchmarks.eval.worldaddr_build import OUT as WORLDADDR
from benchmarks.eval.worldids_build import OUT as WORLDIDS
from benchmarks.eval.worldphone import ZONES


def load_worldaddr() -> tuple[list[dict] | None, str]:
    if not WORLDADDR.is_file():
        return None, f"{WORLDADDR} missing; run: python -m benchmarks.eval.worldaddr_build SOURCE"
    return _addresses(WORLDADDR), ""


def load_libpostal() -> tuple[list[dict] | None, str]:
    """libpostal's parser test cases as addresses in frames with and without a cue (``libpostal_build.py``)."""
    if not LIBPOSTAL.is_file():
        return None, f"{LIBPOSTAL} missing; run: python -m benchmarks.eval.libpostal_build TEST_PARSER_C"
    return _addresses(LIBPOSTAL), ""


def load_pelias() -> tuple[list[dict] | None, str]:
    """The Pelias parser's address test cases as addresses in frames with and without a cue (``pelias_build.py``)."""
    if not PELIAS.is_file():
        return None, f"{PELIAS} missing; run: python -m benchmarks.eval.pelias_build PELIAS_PARSER_TEST_DIR"
    return _addresses(PELIAS), ""


def _addresses(path: Path) -> list[dict]:
    """An address set's records, grouped by layout, world zone and (when the set says) whether a cue stands before it."""
    import phonenumbers

    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        raw = json.loads(line)
        code = phonenumbers.country_code_for_region(raw["country"])
        zone = ZONES.get(str(code)[0], "other") if code else "other"
        labels = [{"start": e["start"], "end": e["end"], "type": e["label"]} for e in raw["entities"]]
        groups = {"layout": raw["frame"], "zone": zone} | ({"cue": raw["cue"]} if "cue" in raw else {})
        records.append({"id": raw["doc_id"], "text": raw["text"], "people": [], "labels": labels, "groups": groups})
    return records


def load_worldids() -> tuple[list[dict] | None, str]:
    """IBANs, cards, IP and e-mail addresses, postcodes with a town (``worldids_build.py``, ``WORLDIDS.md``)."""
    if not WORLDIDS.is_file():
        return None, f"{WORLDIDS} missing; run: python -m benchmarks.eval.worldids_build IBAN_DOCTEST COUNTRYINFO"
    records = []
    for line in WORLDIDS.read_text(encoding="utf-8").splitlines():
        raw = json.loads(line)
        labels = [{"start": e["start"], "end": e["end"], "type": e["label"]} for e in raw["entities"]]
        records.append({"id": raw["doc_id"], "text": raw["text"], "people": [], "labels": labels, "groups": raw["groups"]})
    return records, ""


@dataclass
class WorldScore(BlindScore):
    """``BlindScore`` with recall per group value (``record["groups"]``): found and total."""

    by_group: dict[tuple[str, str], list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))

    def add(self, record: Mapping, spans: Sequence[Mapping]) -> None:
        missed = len(self.misses)
        super().add(record, spans)
        found = len(record["labels"]) - (len(self.misses) - missed)
        for key, value in record.get("groups", {}).items():
            self.by_group[(key, value)][0] += found
            self.by_group[(key, value)][1] += len(record["labels"])


def world_table(results: Mapping[str, WorldScore]) -> str:
    names = list(results)
    width = max(20, *(len(n) + 2 for n in names))
    first = results[names[0]]
    lines = [f"{'recall':<34}{'n':>6}" + "".join(f"{n:>{width}}" for n in names)]
    for kind in first.total:
        lines.append(f"  {kind:<32}{first.total[kind]:>6}" + "".join(f"{results[n].recall([kind]):>{width}.3f}" for n in names))
    for key, value in sorted(first.by_group):
        total = first.by_group[(key, value)][1]
        cells = "".join(f"{results[n].by_group[(key, value)][0] / total:>{width}.3f}" for n in names)
        lines.append(f"  {key + ': ' + value:<32}{total:>6}" + cells)
    lines.append(f"{'token precision':<40}" + "".join(f"{results[n].precision:>{width}.3f}" for n in names))
    lines.append(f"{'flags on no value':<40}" + "".join(f"{len(results[n].wrong):>{width}}" for n in names))
    return "\n".join(lines)
