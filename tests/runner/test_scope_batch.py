"""A batch's scope proposals applied at once (``apply_scope_proposals``: the items' scopes read in one
query) change exactly what applying them one by one changes: the items' scopes, their scope history and
the audit events; a reviewer's work is never overridden either way."""

from __future__ import annotations

import json
from pathlib import Path

from redactor.case import CaseStore
from redactor.records import Item, ScopeProposal, Segment

IDS = [f"m{i}" for i in range(8)]


def _case(root: Path) -> CaseStore:
    store = CaseStore.create(root)
    store.add_source("src", "/x", "x", 1, "text/plain")
    store.save_items(
        "src", [Item(i, "src", f"line {n}", "message", "m", (Segment(f"{i}s", i, 0, "text", "hi"),)) for n, i in enumerate(IDS)]
    )
    store.set_item_scope("m1", "out", actor="policy", reason="IRR: before the date", stage="decide")  # the policy put it out
    store.set_item_scope("m2", "out", actor="DC Test", reason="unrelated")  # a reviewer put it out
    store.set_item_scope("m3", "sensitive", actor="DC Test", reason="covert source")
    store.set_item_scope("m4", "out", actor="policy", reason="IRR", stage="decide")
    store.set_item_scope("m4", "in", actor="DC Test", reason="relevant")  # a reviewer brought it back in
    return store


PROPOSALS = [
    ScopeProposal("m0", "in", "within the agreed scope again"),
    ScopeProposal("m1", "in", "within the agreed scope again"),
    ScopeProposal("m2", "in", "within the agreed scope again"),
    ScopeProposal("m3", "out", "IRR: before the date"),
    ScopeProposal("m4", "out", "IRR: before the date"),
    ScopeProposal("m5", "out", "IRR: before the date"),
    ScopeProposal("m6", "in", "within the agreed scope again"),
]


def _state(store: CaseStore, root: Path) -> tuple:
    history = [[(h["reviewer"], h["before"], h["after"], h["reason"]) for h in store.scope_history(i)] for i in IDS]
    events = [(e["event"], e["payload"]) for e in map(json.loads, (root / "audit.jsonl").read_text().splitlines())]
    return [store.item_scope(i) for i in IDS], history, events


def test_proposals_applied_at_once_change_what_one_by_one_changes(tmp_path: Path) -> None:
    with _case(tmp_path / "one") as one, _case(tmp_path / "all") as batch:
        with one.transaction():
            for proposal in PROPOSALS:
                one.apply_scope_proposal(proposal)
        with batch.transaction():
            batch.apply_scope_proposals(PROPOSALS)
        scopes, history, events = _state(batch, tmp_path / "all")
        assert (scopes, history, events) == _state(one, tmp_path / "one")
    assert scopes == ["in", "in", "out", "sensitive", "in", "out", "in", "in"]  # back in: m1 only; out: m5 only
    assert history[1][-1][0] == history[5][-1][0] == "policy" and len(history[2]) == len(history[3]) == 1
