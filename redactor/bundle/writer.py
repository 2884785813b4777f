"""The ``bundle.disclosure`` stage: plan the bundle, write redacted items, the schedule, the index and the manifest.

:meth:`DisclosureBundle.plan` decides what the bundle holds: a chat thread's in-scope messages
become one conversation (rendered as a transcript), items out of scope or sensitive are
withheld with their note. The runner renders each planned part, then :meth:`write` and, once
the audit event is written, :meth:`seal` (manifest, then verification).

File names in the bundle are bundle references (``S0001-001.pdf``), never original
file names, which can themselves be personal data. The schedule has one row per
box: where it is, its reason code and what that code means; never the redacted value.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from redactor.bundle.combined import combined_pdf
from redactor.bundle.facts import BundleFacts
from redactor.bundle.labels import number_boxes
from redactor.bundle.manifest import write_manifest
from redactor.bundle.schedule import SCHEDULE_FIELDS, SUMMARY_FIELDS, merge_rows, schedule_rows, summary_rows
from redactor.bundle.since import carry_over, content_hash
from redactor.bundle.unprocessed import NOT_PROCESSED_FIELDS, NOT_PROCESSED_NOTE, not_processed_rows
from redactor.bundle.unused import MG6C_FIELDS, MG6D_FIELDS, mg6c_rows, mg6d_rows
from redactor.bundle.verify import verify_bundle
from redactor.records import BundleEntry, Item
from redactor.render.transcript import group_conversations, members_note
from redactor.stages import StageContext, register

INDEX_FIELDS = (
    "item",
    "title",
    "kind",
    "exhibit",
    "date",
    "status",
    "pages",
    "bundle_pages",
    "redactions",
    "file",
    "contains",
    "note",
    "content",  # SHA-256 of the redacted rendering before labels: what --since and 'redactor diff' compare
)


FILES_NOTE = "Files and hashes: manifest.json; verify with 'redactor verify'."  # the cover's summary ends with it
SCOPE_NOTES = {
    "out": "IRR: outside the agreed scope (date range, contacts, terms); not disclosed",
    "sensitive": "SEN: sensitive material, listed on the sensitive schedule (MG6D); not disclosed",
}


@dataclass(frozen=True, slots=True)
class BundlePart:
    """One document of the bundle as planned: the item to render (a conversation folds its messages)."""

    item: Item
    ref: str
    members: tuple[str, ...]  # case items it holds
    contains: tuple[str, ...]  # their references, when it holds items other than itself
    note: str
    withheld: bool = False  # out of scope or sensitive: listed, never rendered


class BundleSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    items_dir: str = "items"
    combined: bool = True  # also write bundle.pdf: index, all items, schedule, continuous page numbers


@register("bundle.disclosure", kind="bundle", settings=BundleSettings)
def bundle_disclosure(settings: BundleSettings, ctx: StageContext) -> DisclosureBundle:
    """Write items/*.pdf, schedule.csv, index.csv and the paginated bundle.pdf into the bundle folder."""
    return DisclosureBundle(settings)


class DisclosureBundle:
    def __init__(self, settings: BundleSettings) -> None:
        self.settings = settings

    def plan(self, items: Sequence[Item], scopes: Mapping[str, str], refs: Mapping[str, str]) -> list[BundlePart]:
        """The bundle's documents in order: a chat thread's in-scope messages as one conversation."""
        parts = []
        for item in group_conversations(items, lambda item_id: scopes.get(item_id, "in")):
            members = tuple(item.meta.get("members") or [item.item_id])  # a conversation: its message items
            ref = refs.get(item.item_id) or min(refs[m] for m in members)
            contains = tuple(sorted(refs[m] for m in members)) if item.item_id not in refs else ()
            scope = scopes.get(item.item_id, "in")
            if scope != "in":
                parts.append(BundlePart(item, ref, members, contains, SCOPE_NOTES.get(scope, scope), withheld=True))
            else:
                parts.append(BundlePart(item, ref, members, contains, _note(item, members, refs)))
        return parts

    def write(self, out: Path, entries: Sequence[BundleEntry], facts: BundleFacts | None = None) -> dict[str, int]:
        """items/*.pdf, schedule.csv, schedule_summary.csv, index.csv, mg6c.csv, mg6d.csv, not_processed.csv and bundle.pdf;
        returns the counts."""
        settings, facts = self.settings, facts or BundleFacts()
        contents = {e.ref: content_hash(e.rendered) for e in entries if e.rendered is not None}
        entries, carried, first = carry_over(entries, facts.since)  # --since: unchanged items are not repeated
        entries = numbered(entries, facts.pseudonyms, first)  # every box labelled with its code and schedule number
        kept: dict[str, int] = {}
        for r in carried:
            kept[r["item"]] = kept.get(r["item"], 0) + 1
        (out / settings.items_dir).mkdir(parents=True, exist_ok=True)
        index_rows = []
        for entry in entries:
            file = ""
            if entry.rendered is not None:
                file = f"{settings.items_dir}/{entry.ref}.pdf"
                (out / file).write_bytes(entry.rendered.pdf)
            index_rows.append(_index_row(entry, facts, file, kept.get(entry.ref, 0), contents.get(entry.ref, "")))
        disclosed = [(e.ref, e.rendered) for e in entries if e.rendered is not None]
        rows = merge_rows(carried, schedule_rows(disclosed, facts.decided, names=facts.pseudonyms, first=first))
        withheld = sum(e.status == "withheld" for e in entries)
        if settings.combined:
            unchanged = f"{len(entries) - len(disclosed) - withheld} unchanged since {facts.since.name}, " if facts.since else ""
            missing = f"{len(facts.unprocessed)} {NOT_PROCESSED_NOTE}. " if facts.unprocessed else ""
            summary = [f"{len(disclosed)} items disclosed, {withheld} withheld, {unchanged}{len(rows)} redactions. {missing}{FILES_NOTE}"]
            pdf, rows, starts = combined_pdf(entries, facts, summary, first=first, carried=carried)
            (out / "bundle.pdf").write_bytes(pdf)
            for row in index_rows:
                start, last = starts.get(row["item"], (0, 0))
                row["bundle_pages"] = (f"{start}-{last}" if last > start else str(start)) if start else ""
        _write_csv(out / "schedule.csv", SCHEDULE_FIELDS, rows)
        _write_csv(out / "schedule_summary.csv", SUMMARY_FIELDS, summary_rows(rows, first))  # boxes per code
        _write_csv(out / "index.csv", INDEX_FIELDS, index_rows)
        _write_csv(out / "mg6c.csv", MG6C_FIELDS, mg6c_rows(entries, facts, kept))  # drafts of the unused-material schedules
        _write_csv(out / "mg6d.csv", MG6D_FIELDS, mg6d_rows(entries, facts))
        _write_csv(out / "not_processed.csv", NOT_PROCESSED_FIELDS, not_processed_rows(facts.unprocessed, facts.printable))
        counts = {"items": len(disclosed), "withheld": withheld, "redactions": len(rows), "not_processed": len(facts.unprocessed)}
        return counts | ({"unchanged": len(entries) - len(disclosed) - withheld} if facts.since else {})

    def seal(
        self, out: Path, *, sources: list[dict], pipeline: dict, models: list[str], audit_head: tuple[int, str], summary: dict
    ) -> None:
        """Write manifest.json (hashes of every file, sources, versions) and verify the bundle against it."""
        write_manifest(out, sources=sources, pipeline=pipeline, models=models, audit_head=audit_head, summary=summary)
        verify_bundle(out)


def numbered(entries: Sequence[BundleEntry], names: Mapping[str, str] | None = None, first: int = 1) -> list[BundleEntry]:
    """Entries whose boxes are labelled ``CODE N``, N counting through the bundle in entry order from ``first``."""
    out = []
    for e in entries:
        if e.rendered is not None:
            e = replace(e, rendered=number_boxes(e.rendered, first, names))
            first += len(e.rendered.redactions)
        out.append(e)
    return out


def _index_row(entry: BundleEntry, facts: BundleFacts, file: str, carried: int, content: str) -> dict[str, object]:
    return {
        "item": entry.ref,
        "title": facts.printable(entry.title),
        "kind": entry.kind,
        "exhibit": facts.printable(entry.exhibit),
        "date": entry.date,
        "status": entry.status,
        "pages": entry.rendered.pages if entry.rendered else 0,
        "redactions": len(entry.rendered.redactions) if entry.rendered else carried,
        "file": file,
        "contains": " ".join(entry.contains),
        "note": entry.note,
        "content": content,
    }


def _note(item: Item, members: Sequence[str], refs: Mapping[str, str]) -> str:
    """The index note: what a transcript holds, and what of the original the bundle does not show."""
    notes = [members_note(members, dict(refs))]
    dropped = item.meta.get("annotations_not_reproduced") or []
    comments = sum(d.get("comments", 0) for d in dropped)
    fields = sum(d.get("form_fields", 0) for d in dropped)
    if comments or fields:
        pages = ", ".join(str(d["page"]) for d in dropped if d.get("comments") or d.get("form_fields"))
        notes.append(f"original has {comments} comments/annotations and {fields} form fields (pages {pages}), not reproduced")
    if links := sum(d.get("links", 0) for d in dropped):
        pages = ", ".join(str(d["page"]) for d in dropped if d.get("links"))
        notes.append(f"original has {links} links (pages {pages}), not reproduced; their targets were checked for personal data")
    notes.append(embedded_note(item.meta.get("embedded_files") or []))
    return "; ".join(n for n in notes if n)


def embedded_note(embedded: Sequence[dict]) -> str:
    """What became of the files embedded in a PDF: extracted as items of their own, or why not."""
    if not embedded:
        return ""
    done = sum(1 for e in embedded if e.get("status") == "extracted")
    missed = sorted({str(e.get("status", "")).removeprefix("not extracted: ") for e in embedded if e.get("status") != "extracted"})
    note = f"original has {len(embedded)} embedded files, {done} extracted as items of their own"
    return note + (f"; not extracted: {'; '.join(missed)}" if missed else "")


def _write_csv(path: Path, fields: Sequence[str], rows: Sequence[dict]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
