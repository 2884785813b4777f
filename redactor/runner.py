"""The runner: executes a pipeline's stages over a case.

``run_case`` is ingest -> extract -> detect -> decide, one source at a time, each
source in its own transaction: a source is either fully stored or not at all, so an
interrupted run resumes where it stopped and a re-run adds nothing twice. A failure
on one source quarantines it with the reason and the batch goes on; a part of a source its
reader refused (one message of a mailbox) is quarantined alone, with the source's state, and
the rest of the source is stored and flagged.

``build_bundle`` is render -> bundle into a temporary folder that is renamed into
place only when complete. An item that fails to render is withheld and reported,
never written unredacted. Every step is recorded in the audit log.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from redactor import paths
from redactor.batches import DetectBatches
from redactor.case import CaseStore
from redactor.errors import RedactorError, WorkerError
from redactor.executors import ProcessExecutor, StagePlan, choose_workers, make_executor, start_workers
from redactor.extraction import extract_source
from redactor.heap import frozen_heap, settle
from redactor.logs import safe_exception
from redactor.pipeline import Pipeline
from redactor.records import CaseSnapshot, DerivedFile, Discovered, Quarantined, Refused, Source
from redactor.render.pool import default_workers
from redactor.stages import StageContext

log = logging.getLogger(__name__)


class Reporter(Protocol):
    """Progress sink. The CLI draws a bar on a terminal and plain lines otherwise."""

    def start(self, total: int, label: str) -> None: ...
    def extend(self, more: int) -> None: ...
    def advance(self, note: str = "", count: int = 1) -> None: ...
    def problem(self, message: str) -> None: ...
    def finish(self) -> None: ...


class SilentReporter:
    def start(self, total: int, label: str) -> None: ...
    def extend(self, more: int) -> None: ...
    def advance(self, note: str = "", count: int = 1) -> None: ...
    def problem(self, message: str) -> None: ...
    def finish(self) -> None: ...


@dataclass(frozen=True, slots=True)
class RunSummary:
    sources_new: int  # sources extracted in this run (derived files included)
    sources_done_before: int
    items: int
    flags: int
    quarantined: tuple[Quarantined, ...] = field(default_factory=tuple)
    items_resumed: int = 0  # items whose flags an interrupted run had stored: not detected again
    workers_replaced: int = 0  # times detection workers died and their unanswered batches went to fresh ones


def _context(store: CaseStore, case: CaseSnapshot | None = None, open_source=None) -> StageContext:
    """What stages get: plain values read from the case now, never the case itself."""
    return StageContext(paths.models_dir(), store.work_dir, case or CaseSnapshot(), open_source)


@frozen_heap
def run_case(
    store: CaseStore,
    pipeline: Pipeline,
    inputs: Sequence[Path],
    reporter: Reporter | None = None,
    *,
    workers: int | None = None,
    batch_items: int | None = None,
    executor: str = "local",
    scheduler: str | None = None,
) -> RunSummary:
    """Ingest, then extract every new source, then detect and decide over everything not yet detected.

    Extraction finishes for all sources before detection starts, so what one source
    teaches (the device owner's address book) is known when any item is checked.
    """
    reporter = reporter or SilentReporter()
    store.bulk_writes()
    if executor == "dask" and scheduler is not None:
        from redactor.cluster import check_scheduler

        check_scheduler(scheduler)  # unreachable: stop now, not after extraction
    ingest, extract = (pipeline.of_kind(k).build(_context(store)) for k in ("ingest", "extract"))
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
    # with --workers N (local), the workers load the model while the sources are read
    plan = StagePlan.of(pipeline.path, "detect", _context(store))
    started = start_workers(plan, workers) if queue and executor == "local" else None
    try:
        processed = _extract_all(store, extract, ingest, queue, quarantined, reporter)
        # Built after extraction, as detection is: the policy classifies against every person the sources
        # named (address books, the device owner) and knows the conversations' participants. Every source
        # is extracted by now, so a resumed run sees the same people as an uninterrupted one.
        decide = pipeline.of_kind("decide").build(_context(store, store.snapshot(threads=True)))
        items, flags, resumed, replaced = _detect_all(
            store, pipeline, decide, quarantined, reporter, workers, batch_items or BATCH, started, (executor, scheduler)
        )
    finally:
        if started is not None:
            started.close()
    store.sync_values()  # new flags join their values; decided values apply to them (audited)
    summary = RunSummary(processed, done_before, items, flags, tuple(quarantined), resumed, replaced)
    store.log(
        "run",
        "run.finished",
        {"sources_processed": processed, "sources_skipped": done_before, "items": items, "flags": flags, "quarantined": len(quarantined)},
    )
    return summary


BATCH = 500  # items held in memory at once while detecting a source
MAX_DEPTH = 8  # files inside files (an attachment of a message in a zip in a UFDR ...): deeper is refused


def _extract_all(
    store: CaseStore, extract, ingest, queue: deque[tuple[Source, Path]], quarantined: list[Quarantined], reporter: Reporter
) -> int:
    """Extract each queued source, saving items in batches; derived files (attachments) join the queue.

    A source counts as extracted only when all of it is stored; a failure removes what was
    stored of it, and a resumed run stores the same items again without duplicates.
    """
    processed = 0
    reporter.start(len(queue), "extracting")
    store.open_queue()  # derived files wait there, after the inputs; first those a killed run registered but never extracted
    reporter.extend(store.queue_unextracted())
    while (entry := queue.popleft() if queue else store.next_queued()) is not None:
        source, path = entry
        try:
            count, derived, people, refused = extract_source(store, extract, source, path)
            with store.transaction():  # the source's state, its refused parts, its attachments and their audit events, or none of them
                store.add_people(people)
                store.set_source_status(source.source_id, "extracted")
                store.clear_quarantine(str(path))
                event = {"source": source.ref, "sha256": source.source_id, "items": count, "derived": len(derived), "people": len(people)}
                store.log("extract", "source.extracted", event | ({"refused": len(refused)} if refused else {}))
                for part in refused:
                    _quarantine(store, _part(source, part), quarantined, reporter, within=source)
                queued = _register_all_derived(store, ingest, source, derived, quarantined, reporter)
            log.info("extracted %s: %d items, %d derived files", source.ref, count, len(derived))
            if queued:
                reporter.extend(queued)
        except Exception as exc:  # noqa: BLE001 - fail closed on any stage failure: quarantine, never render
            _stage_failure(store, "extract", source, path, exc, quarantined, reporter)
        processed += 1
        reporter.advance(source.ref)
    reporter.finish()
    return processed


def _detect_all(
    store: CaseStore,
    pipeline: Pipeline,
    decide,
    quarantined: list[Quarantined],
    reporter: Reporter,
    workers: int | None,
    batch: int,
    started: ProcessExecutor | None = None,
    where: tuple[str, str | None] = ("local", None),
) -> tuple[int, int, int, int]:
    """Detect and decide over every source whose detection is missing or out of date, a batch of items at a time.

    The detect stage runs in ``workers`` processes (default: every core; ``started``: a pool
    started before extraction), or on a Dask cluster when ``where`` is ``("dask", scheduler
    address or None for a local cluster)``; this process alone writes.
    """
    key = store.detection_key(pipeline.hash)
    todo = [
        s
        for s in store.sources()
        if store.source_status(s.source_id) == "extracted"
        or (store.source_status(s.source_id) == "done" and store.source_detect_key(s.source_id) != key)
    ]
    if not todo:
        return 0, 0, 0, 0
    # Built after extraction: detection knows the people this run's sources named (address books).
    ctx = _context(store, store.snapshot())
    detect = pipeline.of_kind("detect").build(ctx)
    settle()  # the stages live until the run ends
    total = sum(store.count_items(s.source_id) for s in todo)
    plan = StagePlan.of(pipeline.path, "detect", ctx)
    count = choose_workers(workers, total) if where[0] == "local" else workers or default_workers()
    executor = make_executor(plan, count, detect, started, *where)
    totals = [0, 0, 0]  # items, flags, items resumed
    reporter.start(total, "detecting items")
    batches = DetectBatches(store, detect, decide, executor, key, lambda n: reporter.advance("", n), batch)
    try:
        for source in todo:
            try:
                done = batches.run(source)
                reporter.advance("", done.resumed_items)
                with store.transaction():
                    store.set_source_status(source.source_id, "done", key)
                    store.clear_detect_progress(source.source_id)
                    store.log(
                        "detect", "source.detected", {"source": source.ref, "items": done.items, "flags": done.flags, "detection_key": key}
                    )
                totals = [totals[0] + done.items, totals[1] + done.flags, totals[2] + done.resumed_items]
            except WorkerError:
                raise  # the run stops; what is stored is kept and a re-run resumes
            except Exception as exc:  # noqa: BLE001
                _stage_failure(store, "detect", source, Path(source.path), exc, quarantined, reporter)
    finally:
        executor.close()
        reporter.finish()
    return totals[0], totals[1], totals[2], executor.replaced


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


def _register_all_derived(store: CaseStore, ingest, parent: Source, derived, quarantined: list[Quarantined], reporter: Reporter) -> int:
    """Register the files found inside ``parent`` (``derived``: :class:`~redactor.case.sources.Attached`), a chunk
    at a time, in the caller's transaction, and queue those to extract; how many were queued.

    The ``source.derived`` events of a chunk are written together (one fsync), in the order one at a time would write
    them: a quarantine's event comes after those of the files before it."""
    queued = 0
    too_deep = store.source_depth(parent.source_id, MAX_DEPTH) + 1 > MAX_DEPTH  # a zip in a zip in ... (a nested-archive bomb)
    for chunk in derived.chunks():
        events: list[tuple[str, str, dict, None]] = []
        for child in chunk:
            found = next(iter(ingest([child.path])), None)
            refused = _refused(parent, child, found, too_deep)
            if refused is not None:
                store.log_many(events)
                events = []
                _quarantine(store, refused, quarantined, reporter)
                continue
            source, created = _register_derived(store, parent, child, found)
            if created:
                payload = {"source": source.ref, "parent": parent.ref, "sha256": source.source_id, "media_type": source.media_type}
                events.append(("extract", "source.derived", payload, None))
            if store.source_status(source.source_id) not in ("extracted", "done"):
                store.queue_source(source.source_id, child.path)
                queued += 1
        store.log_many(events)
    return queued


def _refused(parent: Source, child: DerivedFile, found, too_deep: bool) -> Quarantined | None:
    """Why a file found inside ``parent`` is not registered (not found by the ingest stage, or nested too deep), or None."""
    if not isinstance(found, Discovered):
        code, reason = (found.code, found.reason) if found is not None else ("E030", f"{child.path}: no such file")
        return Quarantined(f"{parent.ref}:{child.locator}", "extract", code, reason, None)
    if too_deep:
        reason = f"{child.path}: a file nested more than {MAX_DEPTH} files deep (archive in archive); refused"
        return Quarantined(f"{parent.ref}:{child.locator}", "extract", "E035", reason, None)
    return None


def _part(source: Source, refused: Refused) -> Quarantined:
    """A part of ``source`` its reader refused, quarantined as a refused attachment is: by where it is in the source,
    with no source of its own (the source itself is extracted)."""
    return Quarantined(f"{source.ref}:{refused.locator}", "extract", refused.code, refused.reason, None)


def _register_derived(store: CaseStore, parent: Source, child: DerivedFile, found: Discovered) -> tuple[Source, bool]:
    """Register a file found inside a source (an attachment) as a source of its own: ``(source, created)``.

    It went through the ingest stage like any input: hashed, sniffed, and quarantined when it is
    empty, unreadable or over the size limit.
    """
    return store.add_source(
        found.sha256, str(child.path.resolve()), child.name, found.size, found.media_type, parent_id=parent.source_id, locator=child.locator
    )


def _register(store: CaseStore, found: Discovered) -> tuple[Source, bool]:
    with store.transaction():
        source, created = store.add_source(found.sha256, str(found.path.resolve()), found.path.name, found.size, found.media_type)
        if created:
            store.log(
                "ingest",
                "source.added",
                {"source": source.ref, "sha256": source.source_id, "size": source.size, "media_type": source.media_type},
            )
    return source, created


def _quarantine(store: CaseStore, q: Quarantined, out: list[Quarantined], reporter: Reporter, within: Source | None = None) -> None:
    """Record ``q`` (its audit event names the source, or for a refused part the source it is ``within``)."""
    with store.transaction():
        store.quarantine(q)
        ref = store.find_source(q.source_id).ref if q.source_id else None
        event = {"source": ref, "sha256": q.source_id, "code": q.code}
        if within is not None:
            event |= {"within": within.ref, "part": q.path.removeprefix(f"{within.ref}:")}
        store.log(q.stage, "input.quarantined", event)
    out.append(q)
    reporter.problem(q.reason)
