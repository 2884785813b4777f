"""Item scope: in, out (IRR, not relevant) or sensitive (SEN, MG6D), with every change kept."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from redactor.audit.log import utc_now
from redactor.case.actors import POLICY, reviewer_name
from redactor.case.db import CaseDB
from redactor.entities import OUT_OF_SCOPE
from redactor.errors import UsageError
from redactor.records import PENDING, ScopeProposal

SCOPES = ("in", "out", "sensitive")  # out: not relevant (IRR); sensitive: MG6D (SEN)


class Scope(CaseDB):
    SCOPES = SCOPES

    def set_item_scope(self, item_id: str, scope: str, *, actor: str, reason: str, stage: str = "review") -> None:
        """Mark an item in scope, out of scope (IRR) or sensitive (SEN); audited."""
        if scope not in SCOPES:
            raise UsageError(f"unknown scope {scope!r}; use {', '.join(SCOPES)}")
        if stage != "decide":  # anyone but the policy is a reviewer
            reviewer_name(actor, "a scope change")
        with self.transaction() as conn:
            before = self.item_scope(item_id)
            conn.execute("UPDATE items SET scope = ? WHERE item_id = ?", (scope, item_id))
            conn.execute(
                "INSERT INTO scope_changes (item_id, reviewer, reason, at, before, after) VALUES (?, ?, ?, ?, ?, ?)",
                (item_id, actor, reason, utc_now(), before, scope),
            )
            self.log(stage, "item.scope", {"item_id": item_id, "before": before, "after": scope, "reason_given": bool(reason)}, actor=actor)

    def apply_scope_proposal(self, proposal: ScopeProposal) -> None:
        """The policy's scope proposal, applied unless a reviewer's work stands in its way.

        Out: only an item still in scope that no reviewer brought back in is moved out. Back in:
        only an item the policy put out (its last scope change is the policy's) whose IRR flags
        nobody decided is brought back.
        Detecting a source again drops its undecided IRR flags before the policy runs, so the
        item's scope history, not its flags, says who put it out.
        """
        current = self.item_scope(proposal.item_id)
        if proposal.scope == "out" and current == "in" and self._last_scope_actor(proposal.item_id) in (None, POLICY):
            self.set_item_scope(proposal.item_id, "out", actor=POLICY, reason=proposal.reason, stage="decide")
        elif proposal.scope == "in" and current == "out" and self._out_by_policy_alone(proposal.item_id):
            self.set_item_scope(proposal.item_id, "in", actor=POLICY, reason=proposal.reason, stage="decide")

    def apply_scope_proposals(self, proposals: Sequence[ScopeProposal]) -> None:
        """:meth:`apply_scope_proposal` for each, the items' scopes read at once: most proposals (an item in
        scope proposed in again, every message of a download) change nothing and cost no further query."""
        current = self.scopes_of([p.item_id for p in proposals])
        for proposal in proposals:
            if (proposal.scope, current.get(proposal.item_id, "in")) in (("out", "in"), ("in", "out")):
                self.apply_scope_proposal(proposal)

    def scopes_of(self, item_ids: Sequence[str]) -> dict[str, str]:
        """The scope of each of ``item_ids`` that the case holds (:meth:`item_scope` reads a missing one as in)."""
        out: dict[str, str] = {}
        for start in range(0, len(item_ids), 500):
            chunk = item_ids[start : start + 500]
            sql = f"SELECT item_id, scope FROM items WHERE item_id IN ({','.join('?' * len(chunk))})"  # noqa: S608 - placeholders only
            out.update((str(r[0]), str(r[1])) for r in self.conn.execute(sql, chunk))
        return out

    def _out_by_policy_alone(self, item_id: str) -> bool:
        """The policy put the item out and no reviewer has decided on its IRR flags since."""
        irr = [r["status"] for r in self.conn.execute("SELECT status FROM flags WHERE item_id = ? AND entity = ?", (item_id, OUT_OF_SCOPE))]
        if any(status != PENDING for status in irr):
            return False
        last = self._last_scope_actor(item_id)
        if last is None:  # a case from before scope changes were kept (schema v1): only the flags tell
            return bool(irr)
        return last == POLICY

    def _last_scope_actor(self, item_id: str) -> str | None:
        last = self.conn.execute("SELECT reviewer FROM scope_changes WHERE item_id = ? ORDER BY id DESC LIMIT 1", (item_id,)).fetchone()
        return None if last is None else str(last["reviewer"])

    def scope_history(self, item_id: str) -> list[dict[str, Any]]:
        """Who changed an item's scope, when, from what to what, and why (oldest first)."""
        return [dict(r) for r in self.conn.execute("SELECT * FROM scope_changes WHERE item_id = ? ORDER BY id", (item_id,))]

    def item_scope(self, item_id: str) -> str:
        row = self.conn.execute("SELECT scope FROM items WHERE item_id = ?", (item_id,)).fetchone()
        return "in" if row is None else str(row["scope"])

    def pending_in_scope(self) -> int:
        """Undecided flags on items in scope; items marked out of scope or sensitive are withheld whole."""
        return self.conn.execute(
            "SELECT COUNT(*) FROM flags f JOIN items i USING (item_id) WHERE f.status = 'pending' AND i.scope = 'in'"
        ).fetchone()[0]
