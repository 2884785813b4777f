"""``redactor show CASE REF``: from a bundle reference back to the input, for the disclosure officer.

Prints the item's source (case reference, file name, location, type, SHA-256), where in the
source it is, its scope (in, out: IRR, sensitive: SEN) and its flags by id, entity, reason
code, status and character offsets. Flagged values are printed only when asked for
(``--values``): a terminal scrollback or a pasted report is another place a value can leak.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from redactor.errors import UsageError

SCOPES = {"in": "in scope", "out": "out of scope (IRR): withheld", "sensitive": "sensitive (SEN): withheld, MG6D"}


@dataclass(frozen=True, slots=True)
class ShownFlag:
    flag_id: str
    entity: str
    code: str
    status: str
    proposed: str
    origin: str
    field: str
    start: int
    end: int
    score: float
    value: str | None = None  # only with values=True


def item_report(store: Any, ref: str, *, values: bool = False) -> dict[str, Any]:
    """Everything the case knows about the item ``ref`` (e.g. ``S0003-001``), flags without values unless asked."""
    refs = store.item_refs()
    by_ref = {r: item_id for item_id, r in refs.items()}
    if ref not in by_ref:
        raise UsageError(f"no item {ref} in this case", hint="references look like S0001-001; see the bundle's index.csv")
    item = store.item(by_ref[ref])
    source = store.find_source(item.source_id)
    segments = {s.segment_id: s for s in item.segments}
    flags = [
        ShownFlag(
            f.flag_id,
            f.entity,
            f.code,
            f.status,
            f.proposed,
            f.origin,
            segments[f.segment_id].field if f.segment_id in segments else "",
            f.start,
            f.end,
            round(f.score, 2),
            segments[f.segment_id].text[f.start : f.end] if values and f.segment_id in segments else None,
        )
        for f in store.flags(item_id=item.item_id)
    ]
    scope = store.item_scope(item.item_id)
    return {
        "ref": ref,
        "item_id": item.item_id,
        "kind": item.kind,
        "source": {
            "ref": source.ref if source else "",
            "name": source.name if source else "",
            "path": source.path if source else "",
            "media_type": source.media_type if source else "",
            "sha256": source.source_id if source else "",
        },
        "locator": item.locator,
        "scope": scope,
        "status": SCOPES.get(scope, scope),
        "segments": len(item.segments),
        "flags": [{k: getattr(f, k) for k in ShownFlag.__slots__ if k != "value" or values} for f in flags],
    }


def report_lines(report: dict[str, Any]) -> list[str]:
    source = report["source"]
    lines = [
        f"{report['ref']}  {report['kind']}  (item {report['item_id']})",
        f"source:  {source['ref']}  {source['name']}  [{source['media_type']}]",
        f"         {source['path']}",
        f"         sha256 {source['sha256']}",
        f"locator: {report['locator']}",
        f"status:  {report['status']}",
        f"flags:   {len(report['flags'])}",
    ]
    for f in report["flags"]:
        value = f"  {f['value']!r}" if "value" in f else ""
        lines.append(
            f"  {f['flag_id']}  {f['entity']:<14} {f['code']:<4} {f['status']:<8} (proposed {f['proposed']}, {f['origin']})"
            f"  {f['field']}[{f['start']}:{f['end']}]  score {f['score']}{value}"
        )
    return lines
