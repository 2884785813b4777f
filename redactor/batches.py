"""Detection of one source, batch by batch, for the runner.

Each batch of items (``BATCH``) goes through these steps, several batches in flight at once:

1. every segment's text gets a content key (``case.cache.content_key``: the text and the
   detection key); texts the case has analysed before take their spans from ``detect_cache``,
   and a text repeated in the batch or already on its way to a worker is sent once;
2. the remaining texts go to the executor in chunks (worker processes run spaCy's ``pipe``);
3. the coordinating process alone builds findings, applies the policy and writes, in one
   transaction per batch: scope proposals, flags, new cache entries and the source's progress
   (the last item ordinal whose flags are stored). A run killed at any moment therefore redoes
   at most the batches that were in flight, and texts analysed before are not analysed again.

A large source's flags go into the case without the flags table's secondary indexes, which are created again
when the source is done (``DEFER_ITEMS``, ``Flags.defer_flag_indexes``): the indexes' keys are random, and keeping
them in step, batch by batch, cost a third of storing the flags. Nothing detection does meanwhile reads flags by
item (a source with an item out of scope keeps them: the policy's bringing an item back in reads its flags).

Items are read back without their device facts when neither stage reads them: a stage says so with
a true-or-false attribute ``reads_device`` (``PresidioDetect``: never; the policy: only when a scope
is set). A stage that does not say gets every item whole.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from redactor.case import CaseStore
from redactor.case.cache import content_key
from redactor.detect.spans import Found as Span
from redactor.detect.stage import span_from_json
from redactor.executors import BatchDetect, Executor, Pending
from redactor.records import Item, Source

BATCH = 500  # items held in memory at once while detecting a source
TEXTS_PER_TASK = 128  # texts sent to a worker at once (one spaCy pipe batch, PIPE_BATCH)
DEFER_ITEMS = 20_000  # a source with this many items left to detect (and half the case's) defers the flags' indexes
RECENT = 10_000  # texts whose spans are kept decoded across batches (senders, recipients, "ok"), the oldest dropped first


def reads_device(stage: Any) -> bool:
    """Whether ``stage`` reads items' device facts (``Item.device``): yes unless it declares ``reads_device = False``."""
    return bool(getattr(stage, "reads_device", True))


@dataclass(slots=True)
class _InFlight:
    items: list[Item]
    keys: dict[str, str]  # segment id -> content key
    known: dict[str, list[Span]]  # content key -> spans analysed before (kept decoded, or from the case's cache)
    waiting: dict[str, tuple[Pending, int]]  # content key -> (task, index in it)
    sent: list[str] = field(default_factory=list)  # keys this batch sent, in order (their results join the cache in that order)
    per_item: list[Any] | None = None  # findings of a stage without batch entry points


@dataclass(frozen=True, slots=True)
class SourceDetection:
    items: int  # the source's items
    flags: int  # the flags on them
    resumed_items: int  # items whose flags an earlier, interrupted run had stored (not redone)


class DetectBatches:
    """Detects one source at a time through ``executor``; writes through ``store`` only."""

    def __init__(
        self, store: CaseStore, detect: Any, decide: Any, executor: Executor, key: str, on_batch: Callable[[int], None], batch: int = BATCH
    ) -> None:
        self.store, self.detect, self.decide, self.executor, self.key = store, detect, decide, executor, key
        self.on_batch, self.batch = on_batch, batch
        self.tasks: dict[str, tuple[Pending, int]] = {}  # content keys on their way to a worker
        self.recent: dict[str, list[Span]] = {}  # content key -> spans, the last RECENT texts met (no query, no decoding)
        self.device = reads_device(detect) or reads_device(decide)  # else items are read without their facts

    def run(self, source: Source) -> SourceDetection:
        done_upto = self.store.detect_progress(source.source_id, self.key)
        if done_upto == 0:
            self.store.clear_pending_flags(source.source_id)
        resumed = self.store.count_items(source.source_id, upto=done_upto) if done_upto else 0
        deferred = self._defers_indexes(source, self.store.count_items(source.source_id) - resumed)
        if deferred:
            self.store.defer_flag_indexes()
        try:
            items = self._batches(source, done_upto)
        finally:
            if deferred:
                self.store.restore_flag_indexes()  # before anything reads flags by item (a failure discards them so)
            self.tasks.clear()
            self.recent.clear()
        return SourceDetection(resumed + items, self.store.count_flags(source.source_id), resumed)

    def _batches(self, source: Source, done_upto: int) -> int:
        """Detect the source's items after ordinal ``done_upto``, ``self.executor.workers`` + 1 batches in flight; how many."""
        inflight: deque[_InFlight] = deque()
        items = flags = 0
        for batch in self.store.item_batches(source.source_id, self.batch, after=done_upto, device=self.device):
            inflight.append(self._dispatch(batch))
            if len(inflight) > self.executor.workers:
                items, flags = self._add(items, flags, self._finish(source, inflight.popleft()))
        while inflight:
            items, flags = self._add(items, flags, self._finish(source, inflight.popleft()))
        return items

    def _defers_indexes(self, source: Source, left: int) -> bool:
        """Whether the source's flags go in without the flags table's secondary indexes: it has ``DEFER_ITEMS`` items or
        more left, at least half the case's (creating the indexes again reads every flag of the case), and none of
        its items is out of scope (the policy reads an item's flags, by item, before bringing it back in)."""
        return left >= DEFER_ITEMS and 2 * left >= self.store.count_all_items() and not self.store.any_out_of_scope(source.source_id)

    @staticmethod
    def _add(items: int, flags: int, done: tuple[int, int]) -> tuple[int, int]:
        return items + done[0], flags + done[1]

    def _dispatch(self, batch: list[Item]) -> _InFlight:
        if not isinstance(self.detect, BatchDetect):  # a plain ``item -> findings`` stage: item by item, here
            return _InFlight(batch, {}, {}, {}, per_item=[self.detect(item) for item in batch])
        keys: dict[str, str] = {}  # segment id -> content key
        texts: dict[str, str] = {}  # content key -> text, in the order met
        key_of: dict[str, str] = {}  # text -> content key (senders and "ok" repeat in a batch: hashed once)
        for item in batch:
            for seg in item.segments:
                k = key_of.get(seg.text)
                if k is None:
                    k = key_of[seg.text] = content_key(self.key, seg.text)
                    texts[k] = seg.text
                keys[seg.segment_id] = k
        known = {k: self.recent[k] for k in texts if k in self.recent}
        stored = self.store.cached_spans(k for k in texts if k not in known)
        known |= {k: self._remember(k, found) for k, found in stored.items()}
        waiting = {k: self.tasks[k] for k in texts if k not in known and k in self.tasks}
        todo = [k for k in texts if k not in known and k not in waiting]
        for i in range(0, len(todo), TEXTS_PER_TASK):
            part = todo[i : i + TEXTS_PER_TASK]
            future = self.executor.submit([texts[k] for k in part])
            for index, k in enumerate(part):
                self.tasks[k] = waiting[k] = (future, index)
        return _InFlight(batch, keys, known, waiting, todo)

    def _remember(self, key: str, rows: list[Any]) -> list[Span]:
        """``rows`` (a text's spans as JSON rows) decoded, and kept for the batches after this one."""
        spans = self.recent[key] = [span_from_json(r) for r in rows]
        if len(self.recent) > RECENT:
            del self.recent[next(iter(self.recent))]
        return spans

    def _finish(self, source: Source, job: _InFlight) -> tuple[int, int]:
        fresh = {k: future.result()[index] for k, (future, index) in job.waiting.items()}  # JSON rows from the workers
        if job.per_item is not None:
            decided = [self.decide(item, found) for item, found in zip(job.items, job.per_item, strict=True)]
        else:
            by_key = job.known | {k: self._remember(k, found) for k, found in fresh.items()}  # decoded once per distinct text
            spans = {seg_id: by_key[k] for seg_id, k in job.keys.items()}
            decided = [self.decide(item, self.detect.findings(item, spans)) for item in job.items]
        found = [f for d in decided for f in d.flags]
        with self.store.transaction():
            # the policy's scope proposals before the flags (a reviewer's work is never overridden)
            self.store.apply_scope_proposals([d.scope for d in decided if d.scope is not None])
            self.store.save_flags(source.source_id, found, replace=False)
            self.store.cache_spans({k: fresh[k] for k in job.sent})
            self.store.set_detect_progress(source.source_id, self.key, self.store.item_ordinal(job.items[-1].item_id))
        for k in job.sent:
            self.tasks.pop(k, None)
        self.on_batch(len(job.items))
        return len(job.items), len(found)
