"""The hand-written sets' texts (``blind_build.py``, ``blind2_build.py``): each value marked inline where it stands
(``⟦kind|value⟧``), the marks stripped and the gold offsets computed by code, and the set written as JSON lines."""

from __future__ import annotations

import json
import re
from pathlib import Path

KINDS = ("person", "address", "phone", "email", "card", "iban", "ip")
MARK = re.compile(r"⟦(\w+)\|(.*?)⟧", re.S)


def strip(marked: str) -> tuple[str, list[dict]]:
    """The text without its marks, and each marked value's kind with its offsets in that text."""
    out, labels, pos, length = [], [], 0, 0
    for m in MARK.finditer(marked):
        out.append(marked[pos : m.start()])
        length += m.start() - pos
        kind, value = m.group(1), m.group(2)
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}")
        labels.append({"start": length, "end": length + len(value), "label": kind})
        out.append(value)
        length += len(value)
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), labels


def write(records: list[dict], out: Path) -> int:
    """Write the set, one record a line, and say what it holds."""
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    kinds: dict[str, int] = {}
    for r in records:
        for e in r["entities"]:
            kinds[e["label"]] = kinds.get(e["label"], 0) + 1
    print(f"{len(records)} texts, {len({r['country'] for r in records}) - 1} countries, {kinds} -> {out}")
    return 0
