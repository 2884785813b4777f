"""The runner: executes a pipeline's stages over a case.

``run_case`` is ingest -> extract -> detect -> decide, one source at a time, each
source in its own transaction: a source is either fully stored or not at all, so an
interrupted run resumes where it stopped and a re-run adds nothing twice. A failure
on one source quarantines it with the reason and the batch goes on.

``build_bundle`` is render -> bundle into a temporary folder that is renamed into
place only when complete. An item that fails to render is withheld and reported,
never written unredacted. Every step is recorded in the audit log.
"""

from __future__ import annotations

import logging
import shutil
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from redactor import paths
from redactor.bundle.manifest import verify_bundle, write_manifest
from redactor.bundle.writer import BundleEntry
from redactor.case import CaseStore
from redactor.decide.values import check_consistent
from redactor.errors import PendingFlagsError, RedactorError, UsageError
from redactor.ingest.files import Discovered, check
from redactor.logs import safe_exception
from redactor.pipeline import Pipeline
from redactor.records import PENDING, REDACT, DerivedFile, Item, Person, Quarantined, Source
from redactor.render.transcript import group_conversations, members_note
from redactor.stages import CASE_KINDS, StageContext

log = logging.getLogger(__name__)


class Reporter(Protocol):
    """Progress sink. The CLI draws a bar on a terminal and plain lines otherwise."""

    def start(self, total: int, label: str) -> None: ...
    def extend(self, more: int) -> None: ...
    def advance(self, note: str = "") -> None: ...
    def problem(self, message: str) -> None: ...
    def finish(self) -> None: ...


class SilentReporter:
    def start(self, total: int, label: str) -> None: ...
    def extend(self, more: int) -> None: ...
    def advance(self, note: str = "") -> None: ...
    def problem(self, message: str) -> None: ...
    def finish(self) -> None: ...


@dataclass(frozen=True, slots=True)
class RunSummary:
    sources_new: int  # sources extracted in this run (derived files included)
    sources_done_before: int
    items: int
    flags: int
    quarantined: tuple[Quarantined, ...] = field(default_factory=tuple)


def _context(store: CaseStore) -> StageContext:
    return StageContext(store=store, models_dir=paths.models_dir(), work_dir=store.work_dir)


def run_case(store: CaseStore, pipeline: Pipeline, inputs: Sequence[Path], reporter: Reporter | None = None) -> RunSummary:
    """Ingest, then extract every new source, then detect and decide over everything not yet detected.

    Extraction finishes for all sources before detection starts, so what one source
    teaches (the device owner's address book) is known when any item is checked.
    """
    reporter = reporter or SilentReporter()
    ctx = _context(store)
    ingest, extract, detect, decide = (pipeline.of_kind(k).build(ctx) for k in CASE_KINDS)
    store.log(
        "run",
        "run.started",
        {"pipeline": pipeline.name, "pipeline_hash": pipeline.hash, "stages": pipeline.describe(), "inputs": len(inputs)},
    )
    quarantined: list[Quarantined] = []
    queue: deque[tuple[Source, Path]] = deque()
    done_before = 0
    case_root = store.root.resolve()
    for found in ingest(inputs):
        if not isinstance(found, Quarantined) and found.path.resolve().is_relative_to(case_root):
            continue  # never ingest the case's own database, log or working files
        if isinstance(found, Quarantined):
            _quarantine(store, found, quarantined, reporter)
            continue
        source, _ = _register(store, found)
        if store.source_status(source.source_id) in ("extracted", "done"):
            done_before += 1
            continue
        queue.append((source, found.path))
    processed = _extract_all(store, extract, queue, quarantined, reporter)
    if processed:  # rebuilt so detection knows the people this run's sources named (address books)
        detect = pipeline.of_kind("detect").build(ctx)
    items, flags = _detect_all(store, pipeline, detect, decide, quarantined, reporter)
    store.sync_values()  # new flags join their values; decided values apply to them (audited)
    summary = RunSummary(processed, done_before, items, flags, tuple(quarantined))
    store.log(
        "run",
        "run.finished",
        {"sources_processed": processed, "sources_skipped": done_before, "items": items, "flags": flags, "quarantined": len(quarantined)},
    )
    return summary


BATCH = 500  # items held in memory at once while extracting or detecting a source


def _extract_all(store: CaseStore, extract, queue: deque[tuple[Source, Path]], quarantined: list[Quarantined], reporter: Reporter) -> int:
    """Extract each queued source, saving items in batches; derived files (attachments) join the queue.

    A source counts as extracted only when all of it is stored; a failure removes what was
    stored of it, and a resumed run stores the same items again without duplicates.
    """
    processed = 0
    reporter.start(len(queue), "extracting")
    while queue:
        source, path = queue.popleft()
        try:
            count, derived, people = _extract_one(store, extract, source, path)
            store.add_people(people)
            store.set_source_status(source.source_id, "extracted")
            store.clear_quarantine(str(path))
            store.log(
                "extract",
                "source.extracted",
                {"source": source.ref, "sha256": source.source_id, "items": count, "derived": len(derived), "people": len(people)},
            )
            log.info("extracted %s: %d items, %d derived files", source.ref, count, len(derived))
            for child in derived:
                queued = _register_derived(store, source, child, quarantined, reporter)
                if queued is not None:
                    queue.append(queued)
                    reporter.extend(1)
        except Exception as exc:  # noqa: BLE001 - fail closed on any stage failure: quarantine, never render
            _stage_failure(store, "extract", source, path, exc, quarantined, reporter)
        processed += 1
        reporter.advance(source.ref)
    reporter.finish()
    return processed


def _extract_one(store: CaseStore, extract, source: Source, path: Path) -> tuple[int, list[DerivedFile], list[Person]]:
    batch: list = []
    derived: list[DerivedFile] = []
    people: list[Person] = []
    count = 0
    for record in extract(source, path):
        if isinstance(record, DerivedFile):
            derived.append(record)
        elif isinstance(record, Person):
            people.append(record)
        else:
            batch.append(record)
            if len(batch) >= BATCH:
                store.save_items(source.source_id, batch, count + 1)
                count, batch = count + len(batch), []
    store.save_items(source.source_id, batch, count + 1)
    return count + len(batch), derived, people


def _detect_all(
    store: CaseStore, pipeline: Pipeline, detect, decide, quarantined: list[Quarantined], reporter: Reporter
) -> tuple[int, int]:
    """Detect and decide over every source whose detection is missing or out of date, a batch of items at a time."""
    key = store.detection_key(pipeline.hash)
    todo = [
        s
        for s in store.sources()
        if store.source_status(s.source_id) == "extracted"
        or (store.source_status(s.source_id) == "done" and store.source_detect_key(s.source_id) != key)
    ]
    items_total = flags_total = 0
    reporter.start(len(todo), "detecting")
    for source in todo:
        try:
            store.clear_pending_flags(source.source_id)
            items = flags = 0
            for batch in store.item_batches(source.source_id, BATCH):
                found = [f for item in batch for f in decide(item, detect(item))]
                store.save_flags(source.source_id, found, replace=False)
                items, flags = items + len(batch), flags + len(found)
            store.set_source_status(source.source_id, "done", key)
            store.log("detect", "source.detected", {"source": source.ref, "items": items, "flags": flags, "detection_key": key})
            items_total, flags_total = items_total + items, flags_total + flags
        except Exception as exc:  # noqa: BLE001
            _stage_failure(store, "detect", source, Path(source.path), exc, quarantined, reporter)
        reporter.advance(source.ref)
    reporter.finish()
    return items_total, flags_total


def _stage_failure(
    store: CaseStore, stage: str, source: Source, path: Path, exc: Exception, quarantined: list[Quarantined], reporter: Reporter
) -> None:
    if isinstance(exc, RedactorError):
        code, reason = exc.code, str(exc)
    else:
        log.error("%s failure on %s: %s", stage, source.ref, safe_exception(exc))
        code, reason = "E040", f"{path}: internal error in the {stage} stage ({type(exc).__name__}); the source was quarantined"
    store.discard_items(source.source_id)
    _quarantine(store, Quarantined(str(path), stage, code, reason, source.source_id), quarantined, reporter)


def _register_derived(
    store: CaseStore, parent: Source, child: DerivedFile, quarantined: list[Quarantined], reporter: Reporter
) -> tuple[Source, Path] | None:
    """Register a file found inside a source (an attachment) as a source of its own."""
    try:
        found = check(child.path, 1 << 40)
    except RedactorError as exc:
        _quarantine(store, Quarantined(f"{parent.ref}:{child.locator}", "extract", exc.code, str(exc), None), quarantined, reporter)
        return None
    source, created = store.add_source(
        found.sha256, str(child.path.resolve()), child.name, found.size, found.media_type, parent_id=parent.source_id, locator=child.locator
    )
    if created:
        store.log(
            "extract",
            "source.derived",
            {"source": source.ref, "parent": parent.ref, "sha256": source.source_id, "media_type": source.media_type},
        )
    if store.source_status(source.source_id) in ("extracted", "done"):
        return None
    return source, child.path


def _register(store: CaseStore, found: Discovered) -> tuple[Source, bool]:
    source, created = store.add_source(found.sha256, str(found.path.resolve()), found.path.name, found.size, found.media_type)
    if created:
        store.log(
            "ingest",
            "source.added",
            {"source": source.ref, "sha256": source.source_id, "size": source.size, "media_type": source.media_type},
        )
    return source, created


def _quarantine(store: CaseStore, q: Quarantined, out: list[Quarantined], reporter: Reporter) -> None:
    store.quarantine(q)
    out.append(q)
    reporter.problem(q.reason)
    ref = store.find_source(q.source_id).ref if q.source_id else None
    store.log(q.stage, "input.quarantined", {"source": ref, "sha256": q.source_id, "code": q.code})


SCOPE_NOTES = {
    "out": "IRR: outside the agreed scope (date range, contacts, terms); not disclosed",
    "sensitive": "SEN: sensitive material, listed on the sensitive schedule (MG6D); not disclosed",
}


@dataclass(frozen=True, slots=True)
class BundleSummary:
    out: Path
    items: int
    withheld: int
    redactions: int
    failures: tuple[str, ...]


def build_bundle(
    store: CaseStore, pipeline: Pipeline, out: Path, *, pending: str = "refuse", reporter: Reporter | None = None, actor: str = "system"
) -> BundleSummary:
    reporter = reporter or SilentReporter()
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise UsageError(f"{out} exists and is not empty", hint="choose a new folder for the bundle")
    store.sync_values()
    check_consistent(store)  # a value redacted in one place and kept in another needs a reason per exception
    waiting = store.pending_in_scope()  # out-of-scope and sensitive items are withheld whole
    if waiting and pending != REDACT:
        raise PendingFlagsError(f"{waiting} flags are still pending review")
    ctx = _context(store)
    render, write = pipeline.of_kind("render").build(ctx), pipeline.of_kind("bundle").build(ctx)
    tmp = out.with_name(f".{out.name}.partial")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    store.log("bundle", "bundle.started", {"pipeline_hash": pipeline.hash, "pending_policy": pending, "pending": waiting}, actor=actor)
    try:
        entries, failures = _render_all(store, render, reporter, pending == REDACT)
        summary = write(tmp, entries)
        event = store.log("bundle", "bundle.written", {**summary, "failures": len(failures)}, actor=actor)
        shutil.copyfile(store.audit.path, tmp / "audit.jsonl")
        sources = [{"ref": s.ref, "sha256": s.source_id, "size": s.size, "media_type": s.media_type} for s in store.sources()]
        models = _model_names(pipeline)
        write_manifest(
            tmp,
            sources=sources,
            pipeline={"name": pipeline.name, "hash": pipeline.hash},
            models=models,
            audit_head=(event.seq, event.hash),
            summary=summary,
        )
        verify_bundle(tmp)
        if out.exists():
            out.rmdir()
        tmp.rename(out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return BundleSummary(out, summary["items"], summary["withheld"], summary["redactions"], tuple(failures))


def _render_all(store: CaseStore, render, reporter: Reporter, pending_as_redact: bool) -> tuple[list[BundleEntry], list[str]]:
    wanted = (REDACT, PENDING) if pending_as_redact else (REDACT,)
    refs = store.item_refs()
    items = group_conversations(store.items(), store.item_scope)  # a chat thread renders as one transcript
    entries: list[BundleEntry] = []
    failures: list[str] = []
    reporter.start(len(items), "rendering items")
    for item in items:
        members = item.meta.get("members") or [item.item_id]  # a conversation: its message items
        ref = refs.get(item.item_id) or min(refs[m] for m in members)
        contains = tuple(sorted(refs[m] for m in members)) if item.item_id not in refs else ()
        scope = store.item_scope(item.item_id)
        if scope != "in":
            entries.append(BundleEntry(ref, item.kind, "withheld", note=SCOPE_NOTES.get(scope, scope)))
            reporter.advance(ref)
            continue
        flags = [f for m in members for f in store.flags(item_id=m) if f.status in wanted]
        try:
            entries.append(
                BundleEntry(ref, item.kind, "disclosed", render(item, flags, ref), note=_note(item, members, refs), contains=contains)
            )
        except Exception as exc:  # noqa: BLE001 - fail closed: the item is withheld, never rendered unredacted
            reason = str(exc) if isinstance(exc, RedactorError) else f"internal error ({type(exc).__name__})"
            log.error("render failed for %s: %s", ref, safe_exception(exc))
            failures.append(f"{ref}: {reason}")
            store.quarantine(Quarantined(ref, "render", getattr(exc, "code", "E040"), reason))
            store.log("render", "item.withheld", {"item": ref, "code": getattr(exc, "code", "E040")})
            reporter.problem(f"{ref}: withheld, {reason}")
            entries.append(BundleEntry(ref, item.kind, "withheld", note="render failed; withheld, see failures"))
        reporter.advance(ref)
    reporter.finish()
    return entries, failures


def _note(item: Item, members: Sequence[str], refs: dict[str, str]) -> str:
    """The index note: what a transcript holds, and what of the original the bundle does not show."""
    notes = [members_note(members, refs)]
    dropped = item.meta.get("annotations_not_reproduced") or []
    comments = sum(d.get("comments", 0) for d in dropped)
    fields = sum(d.get("form_fields", 0) for d in dropped)
    if comments or fields:
        pages = ", ".join(str(d["page"]) for d in dropped)
        notes.append(f"original has {comments} comments/annotations and {fields} form fields (pages {pages}), not reproduced")
    return "; ".join(n for n in notes if n)


def _model_names(pipeline: Pipeline) -> list[str]:
    import yaml

    detect = pipeline.of_kind("detect").settings
    config = paths.models_dir() / getattr(detect, "nlp_config", "nlp_engine.yaml")
    try:
        return [m["model_name"] for m in yaml.safe_load(config.read_text())["models"]]
    except (OSError, KeyError, TypeError):
        return []
