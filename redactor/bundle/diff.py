"""``redactor diff OUT1 OUT2``: what changed between two bundles of a case, without any redacted value.

Compares the bundles' indexes (items added, removed, changed in content or status, redaction
counts) and schedules (boxes per reason code; boxes added and removed per item, by flag id).
Only references, kinds, statuses, codes, counts and flag ids are printed: never a title, a
file name or a value.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path
from typing import Any

from redactor.errors import UsageError


def _read(path: Path, name: str) -> list[dict[str, Any]]:
    try:
        return list(csv.DictReader(open(path / name, encoding="utf-8")))
    except OSError:
        raise UsageError(f"{path}: no {name}", hint="give two bundle folders written by 'redactor bundle'") from None


def _same_content(a: dict[str, Any], b: dict[str, Any], boxes_same: bool) -> bool:
    if b.get("status") == "unchanged":
        return True
    if a.get("content") and b.get("content"):
        return a["content"] == b["content"]
    return boxes_same and a.get("redactions") == b.get("redactions")  # a bundle from before contents were recorded


def diff_bundles(first: Path, second: Path) -> list[str]:
    """One line per difference; empty when the bundles show the same items and redactions."""
    a = {r["item"]: r for r in _read(first, "index.csv")}
    b = {r["item"]: r for r in _read(second, "index.csv")}
    sa, sb = _read(first, "schedule.csv"), _read(second, "schedule.csv")
    flags_a, flags_b = _flags_by_item(sa), _flags_by_item(sb)
    lines = []
    for ref in sorted(set(a) | set(b)):
        ra, rb = a.get(ref), b.get(ref)
        if ra is None:
            lines.append(f"added    {ref}  {rb['kind']}, {rb['status']}, {rb['redactions']} redactions")
            continue
        if rb is None:
            lines.append(f"removed  {ref}  {ra['kind']}")
            continue
        changes = []
        if rb["status"] not in (ra["status"], "unchanged"):
            changes.append(f"{ra['status']} -> {rb['status']}")
        if not _same_content(ra, rb, flags_a[ref] == flags_b[ref]):
            added, removed = flags_b[ref] - flags_a[ref], flags_a[ref] - flags_b[ref]
            changes.append(f"redactions {ra['redactions']} -> {rb['redactions']} (+{len(added)} -{len(removed)} boxes)")
            changes += [f"box added (flag {f})" for f in sorted(added)] + [f"box removed (flag {f})" for f in sorted(removed)]
        if changes:
            lines.append(f"changed  {ref}  " + "; ".join(changes))
    codes_a, codes_b = Counter(r["code"] for r in sa), Counter(r["code"] for r in sb)
    for code in sorted(set(codes_a) | set(codes_b)):
        if codes_a[code] != codes_b[code]:
            lines.append(f"schedule {code}: {codes_a[code]} -> {codes_b[code]} boxes")
    return lines


def _flags_by_item(rows: list[dict[str, Any]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for r in rows:
        out.setdefault(r["item"], set()).add(r["flag_id"])
    return _Default(out)


class _Default(dict):
    def __missing__(self, key: str) -> set[str]:
        return set()
