"""Detection reads items back without their device facts only when neither stage reads them.

Decoding a message's facts (sender, thread, direction, time) was 40% of reading it back in the
coordinating process. A stage declares ``reads_device = False`` to do without them; one that does
not declare gets every item whole. The policy reads them only through a scope (date range,
participants), so it declares that, and its decisions are the same with or without the facts.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from redactor.batches import DetectBatches, reads_device
from redactor.case import CaseStore
from redactor.decide.policy import PolicySettings, decide_policy
from redactor.decide.scope import ScopeSettings
from redactor.detect.stage import PresidioDetect
from redactor.executors import InlineExecutor
from redactor.facts import NO_FACTS
from redactor.records import Decided, Finding, Item, Segment
from redactor.stages import StageContext

NAMES = ["Jo Example", "Sam Owner", "Alex Third"]


def _item(i: int) -> Item:
    name = NAMES[i % len(NAMES)]
    facts = {
        "sender": {"raw": f"+4477009004{i % 3:02d}", "name": name, "phone": f"+4477009004{i % 3:02d}", "owner": i % 3 == 1},
        "thread": {"key": "t1", "id": "chat-1", "app": "WhatsApp"},
        "time": {"utc": f"2024-0{1 + i % 6}-01T09:00:00Z"},
    }
    segments = (Segment(f"s{i}a", f"m{i}", 0, "sender", name), Segment(f"s{i}b", f"m{i}", 1, "text", f"meet {name} at 5"))
    return Item(f"m{i}", "src", f"line {i}", "message", "m", segments, facts)


def _case(root: Path, count: int = 12) -> CaseStore:
    store = CaseStore.create(root)
    store.add_source("src", "/x", "x", 1, "text/plain")
    store.save_items("src", [_item(i) for i in range(count)])
    return store


class Stub:
    """A detect stage with batch entry points and no model: every text's last word is a person."""

    def __init__(self, reads: bool | None = None) -> None:
        if reads is not None:
            self.reads_device = reads
        self.seen: list[Item] = []

    def spans(self, texts: list[str]) -> list[list[list[Any]]]:
        return [[[t.rfind(" ") + 1, len(t), "PERSON", 0.8, "Stub", {}]] for t in texts]

    def findings(self, item: Item, spans: Any) -> tuple[Finding, ...]:
        self.seen.append(item)
        return tuple(
            Finding(s.segment_id, f.start, f.end, f.entity, f.score, f.recognizer, f.explanation)
            for s in item.segments
            for f in spans[s.segment_id]
        )


def _decide(reads: bool | None) -> Any:
    def decide(item: Item, findings: Any) -> Decided:
        decide.seen.append(item)  # type: ignore[attr-defined]
        return Decided(())

    decide.seen = []  # type: ignore[attr-defined]
    if reads is not None:
        decide.reads_device = reads  # type: ignore[attr-defined]
    return decide


@pytest.mark.parametrize(
    ("detect_reads", "decide_reads", "whole"), [(None, False, True), (False, None, True), (False, True, True), (False, False, False)]
)
def test_items_lose_their_facts_only_when_both_stages_say_they_never_read_them(
    tmp_path: Path, detect_reads: bool | None, decide_reads: bool | None, whole: bool
) -> None:
    detect, decide = Stub(detect_reads), _decide(decide_reads)
    with _case(tmp_path / "c") as store:
        source = store.sources()[0]
        DetectBatches(store, detect, decide, InlineExecutor(detect), "k", lambda n: None, batch=5).run(source)
    assert len(decide.seen) == len(detect.seen) == 12
    for item in decide.seen + detect.seen:
        assert (item.device.sender is not None) is whole
        assert item.device is not NO_FACTS or not whole


def test_the_detect_stage_never_reads_device_facts_and_undeclared_stages_do() -> None:
    assert reads_device(PresidioDetect) is False
    assert reads_device(object()) is True and reads_device(lambda item: ()) is True


def _policy(scope: ScopeSettings) -> Any:
    return decide_policy(PolicySettings(scope=scope), StageContext(Path("."), Path(".")))


def _findings(item: Item) -> list[Finding]:
    return [Finding(s.segment_id, 0, len(s.text), "PERSON", 0.9, "Stub") for s in item.segments]


def test_the_policy_decides_the_same_without_device_facts_unless_a_scope_reads_them() -> None:
    items = [_item(i) for i in range(12)]
    bare = [Item(i.item_id, i.source_id, i.locator, i.kind, i.title, i.segments, i.meta, NO_FACTS) for i in items]
    policy = _policy(ScopeSettings())
    assert reads_device(policy) is False
    assert [policy(i, _findings(i)) for i in items] == [policy(i, _findings(i)) for i in bare]
    for scope in (ScopeSettings(date_from=date(2024, 3, 1)), ScopeSettings(participants=("Jo Example",))):
        scoped = _policy(scope)
        assert reads_device(scoped) is True
        assert [scoped(i, _findings(i)) for i in items] != [scoped(i, _findings(i)) for i in bare]  # the facts matter here
