"""Building a bundle: the checks before it, every item rendered (in a worker pool), the bundle stage's
files written, sealed and moved into place in one step.

``redactor bundle`` calls :func:`build_bundle`. The case must have no pending flags in scope (unless
``--pending redact``) and no inconsistent value decisions; a decision made while the bundle renders
refuses it (nothing is written). An item that fails to render is withheld and reported, never
written unredacted. Before it is sealed, the written bundle goes through the leak scan of
``verify --case`` (text, bytes and pictures); a value the case decided to redact anywhere in it
refuses the bundle with E071 and nothing is written.
"""

from __future__ import annotations

import inspect
import logging
import shutil
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from redactor.bundle.describe import describe_entry
from redactor.bundle.facts import case_exhibits, gather_facts
from redactor.bundle.leaks import case_watchlist, scan_bundle
from redactor.bundle.since import read_prior
from redactor.case import CaseStore
from redactor.decisions.values import check_consistent
from redactor.errors import ConflictError, LeakError, PendingFlagsError, UsageError
from redactor.laps import Laps
from redactor.pipeline import Pipeline
from redactor.records import PENDING, REDACT, BundleEntry, Quarantined
from redactor.render.parts import render_split
from redactor.render.pool import AUTO_MIN_JOBS, RenderPool, default_workers
from redactor.runner import Reporter, SilentReporter, _context

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class BundleSummary:
    out: Path
    items: int
    withheld: int
    redactions: int
    failures: tuple[str, ...]
    timings: tuple[tuple[str, float], ...] = ()  # wall seconds of each phase, in order (redactor/laps.py)
    not_processed: int = 0  # quarantined inputs the bundle lists in not_processed.csv (not in it)


def build_bundle(
    store: CaseStore,
    pipeline: Pipeline,
    out: Path,
    *,
    pending: str = "refuse",
    reporter: Reporter | None = None,
    actor: str = "system",
    built_by: str = "",
    pseudonyms: bool = False,
    since: Path | None = None,
    workers: int | None = None,
) -> BundleSummary:
    reporter, laps = reporter or SilentReporter(), Laps()
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise UsageError(f"{out} exists and is not empty", hint="choose a new folder for the bundle")
    with _early_pool(store, workers) as pool:  # spawned now: the workers start up while the checks run
        options = {"pending": pending, "actor": actor, "built_by": built_by, "pseudonyms": pseudonyms, "since": since, "workers": workers}
        return _build(store, pipeline, out, pool, reporter, laps, **options)


def _early_pool(store: CaseStore, workers: int | None) -> AbstractContextManager[RenderPool | None]:
    """The render pool, started before the checks when the bundle will use one: given ``--workers N`` (N > 1), or
    by default (every core) when the case has :data:`AUTO_MIN_JOBS` documents or more (a conversation counts once)."""
    size = default_workers() if workers is None else workers
    if size <= 1 or (workers is None and store.document_count() < AUTO_MIN_JOBS):
        return nullcontext()
    return RenderPool(size)


def _build(
    store: CaseStore,
    pipeline: Pipeline,
    out: Path,
    pool: RenderPool | None,
    reporter: Reporter,
    laps: Laps,
    *,
    pending: str,
    actor: str,
    built_by: str,
    pseudonyms: bool,
    since: Path | None,
    workers: int | None,
) -> BundleSummary:
    store.sync_values()
    store.spread_all(actor=actor)  # every text decided redact, wherever no flag covers it (value_spread): audited
    check_consistent(store)  # a value redacted in one place and kept in another needs a reason per exception
    prior = read_prior(since) if since is not None else None  # verified before anything is rendered
    waiting = store.pending_in_scope()  # out-of-scope and sensitive items are withheld whole
    if waiting and pending != REDACT:
        raise PendingFlagsError(f"{waiting} flags are still pending review")
    mark = store.review_mark()  # a reviewer deciding while the bundle renders would leave it half old, half new
    ctx = _context(store, store.snapshot(identities=True), store.source_opener())
    render, bundle = pipeline.of_kind("render").build(ctx), pipeline.of_kind("bundle").build(ctx)
    tmp = out.with_name(f".{out.name}.partial")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    store.log("bundle", "bundle.started", {"pipeline_hash": pipeline.hash, "pending_policy": pending, "pending": waiting}, actor=actor)
    laps.mark("checks")
    try:
        parts = bundle.plan(store.items(), store.item_scopes(), store.item_refs())  # a chat thread renders as one transcript
        make_render = partial(pipeline.of_kind("render").build, ctx)  # a worker builds the stage the parent built
        if pool is not None:
            pool.give(make_render)  # built from the same context as this process's stage
        entries, failures = _render_all(store, render, parts, reporter, pending == REDACT, make_render, workers, pool)
        if pool is not None:
            pool.close()  # the workers' memory back before the bundle is written
        laps.mark("rendering")
        facts = gather_facts(
            store,
            entries,
            pipeline=pipeline,
            ctx=ctx,
            pending_as_redact=pending == REDACT,
            built_by=built_by,
            pseudonyms=pseudonyms,
            since=prior,
        )
        if store.review_mark() != mark:
            raise ConflictError(
                "decisions changed while the bundle was being built",
                hint="build the bundle again when the reviewers have finished; nothing was written",
            )
        summary = bundle.write(tmp, entries, facts)
        laps.mark("writing")
        _refuse_leaks(store, tmp, workers, actor)
        laps.mark("leak scan")  # text, bytes and OCR of pictures
        event = store.log("bundle", "bundle.written", {**summary, "failures": len(failures)}, actor=actor)
        shutil.copyfile(store.audit.path, tmp / "audit.jsonl")
        sources = [{"ref": s.ref, "sha256": s.source_id, "size": s.size, "media_type": s.media_type} for s in store.sources()]
        pipeline_info = {"name": pipeline.name, "hash": pipeline.hash}
        bundle.seal(
            tmp, sources=sources, pipeline=pipeline_info, models=pipeline.models(), audit_head=(event.seq, event.hash), summary=summary
        )
        _refuse_leaks(store, tmp, workers, actor, files=("manifest.json", "audit.jsonl"))  # written by the sealing
        if out.exists():
            out.rmdir()
        tmp.rename(out)
        laps.mark("sealing")
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    counts = (summary["items"], summary["withheld"], summary["redactions"])
    return BundleSummary(out, *counts, tuple(failures), tuple(laps.seconds), summary.get("not_processed", 0))


def _refuse_leaks(store: CaseStore, tmp: Path, workers: int | None, actor: str, files: tuple[str, ...] | None = None) -> None:
    """The leak scan of ``verify --case`` over the written files before they are sealed; a hit refuses the bundle.

    Nothing is left behind (the caller removes the unsealed folder): a prosecutor's office must never be handed a
    folder that looks like a bundle and holds a value the case decided to redact. The error names the file, where
    in it and the flag (never the value)."""
    leaks = scan_bundle(tmp, case_watchlist(store), workers=workers, cache=store, files=files)  # pictures' OCR kept for verify
    if not leaks:
        return
    first = next((leak for leak in leaks if leak.file.startswith("items/")), leaks[0])  # the item to look at, if one
    store.log("bundle", "bundle.refused", {"leaks": len(leaks), "files": len({leak.file for leak in leaks})}, actor=actor)
    raise LeakError(
        f"bundle refused: {first.file} ({first.where}) shows {first.what}; {len(leaks)} leaks in all; nothing was written",
        hint="decide that text where it stands ('redactor values CASE', 'redactor review CASE'), then bundle again; report the defect",
    )


def _render_all(
    store: CaseStore,
    render,
    parts,
    reporter: Reporter,
    pending_as_redact: bool,
    make_render=None,
    workers: int | None = 1,
    pool: RenderPool | None = None,
) -> tuple[list[BundleEntry], list[str]]:
    """Every planned part rendered (a process per core when ``make_render`` is given) or withheld, in plan order."""
    wanted = (REDACT, PENDING) if pending_as_redact else (REDACT,)
    scopes, exhibits = store.item_scopes(), case_exhibits(store)
    # the bundle prints "CODE N" on every box itself (bundle/labels.py); a render stage without the option draws its own
    unlabelled = {"labels": False} if "labels" in inspect.signature(render).parameters else {}
    entries: list[BundleEntry | None] = []
    jobs, placed = [], []  # render jobs, and where each one's entry goes
    reporter.start(len(parts), "rendering items")
    for part in parts:
        scope = scopes.get(part.item.item_id, "in")
        described = describe_entry(part.item, store.find_source(part.item.source_id), exhibits, scope)
        if part.withheld:
            entries.append(BundleEntry(part.ref, part.item.kind, "withheld", note=part.note, **described))
            reporter.advance(part.ref)
            continue
        flags = [f for m in part.members for f in store.flags(item_id=m) if f.status in wanted]
        jobs.append((part.item, flags, part.ref, unlabelled))
        entry = BundleEntry(part.ref, part.item.kind, "disclosed", note=part.note, contains=part.contains, **described)
        placed.append((len(entries), entry))
        entries.append(None)
    failures: list[str] = []
    for index, rendered, failure in render_split(jobs, render, make_render or (lambda: render), workers if make_render else 1, pool):
        slot, entry = placed[index]
        if failure is None:
            entries[slot] = replace(entry, rendered=rendered)
        else:  # fail closed: the item is withheld, never rendered unredacted
            entries[slot] = _withheld_after_failure(store, entry, failure, failures, reporter)
        reporter.advance(entry.ref)
    reporter.finish()
    return [e for e in entries if e is not None], failures


def _withheld_after_failure(store: CaseStore, entry: BundleEntry, failure, failures: list[str], reporter: Reporter) -> BundleEntry:
    code, reason, diagnostic = failure
    log.error("render failed for %s: %s", entry.ref, diagnostic)
    failures.append(f"{entry.ref}: {reason}")
    store.quarantine(Quarantined(entry.ref, "render", code, reason))
    store.log("render", "item.withheld", {"item": entry.ref, "code": code})
    reporter.problem(f"{entry.ref}: withheld, {reason}")
    return replace(entry, status="withheld", note="render failed; withheld, see failures")
