"""Flags as flat rows for listing and the spreadsheet round trip."""

from __future__ import annotations

from typing import Any

from redactor.store import CaseStore

CONTEXT = 40


def flag_rows(store: CaseStore, status: str | None = None, with_text: bool = False) -> list[dict[str, Any]]:
    refs = store.item_refs()
    segments = {}
    last_decision = {d.flag_id: d for d in store.decisions()}
    rows = []
    for flag in store.flags(status=status):
        if flag.segment_id not in segments:
            row = store.conn.execute("SELECT field, page, text FROM segments WHERE segment_id = ?", (flag.segment_id,)).fetchone()
            segments[flag.segment_id] = row
        seg = segments[flag.segment_id]
        decision = last_decision.get(flag.flag_id)
        out = {
            "flag_id": flag.flag_id, "item": refs.get(flag.item_id, flag.item_id), "page": seg["page"], "field": seg["field"],
            "start": flag.start, "end": flag.end, "entity": flag.entity, "score": flag.score, "recognizer": flag.recognizer,
            "code": flag.code, "proposed": flag.proposed, "status": flag.status, "version": flag.version,
            "decision": "", "reason": decision.reason if decision else "",
        }
        if with_text:
            out["text"] = seg["text"][flag.start:flag.end]
        rows.append(out)
    return rows
