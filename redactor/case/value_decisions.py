"""A reviewer's decision on a value (redact with a code, or keep with a reason) and an exception for one occurrence.

:meth:`ValueDecisions.decide_value` records the decision (a ``value_decisions`` row, the value's new version, one
audit event) and applies it to every occurrence, or to the first ones with the rest following in chunks
(:mod:`redactor.case.value_apply`); a value decided redact is then redacted wherever its text stands
(:mod:`redactor.case.value_spread`). Filing new flags and the policy's decisions are :mod:`redactor.case.values`.
"""

from __future__ import annotations

import json
from typing import Any

from redactor import codes
from redactor.audit.log import utc_now
from redactor.case.actors import POLICY, reviewer_name
from redactor.case.value_apply import ValueApply
from redactor.case.value_reads import ValueReads
from redactor.errors import ConflictError, UsageError
from redactor.records import KEEP, REDACT


class ValueDecisions(ValueApply, ValueReads):
    def decide_value(
        self,
        value_id: str,
        decision: str,
        *,
        reviewer: str,
        code: str | None = None,
        reason: str = "",
        expected_version: int | None = None,
        first: int | None = None,
    ) -> int:
        """Redact (with a code) or keep (with a reason) every occurrence of a value; returns the flags changed.

        With ``first``, only that many occurrences are applied now and the value stays *applying* until
        :meth:`ValueApply.apply_values` completes it (the review server, right after answering)."""
        if decision not in (REDACT, KEEP):
            raise UsageError(f"unknown decision {decision!r}; use redact or keep")
        if code is not None and not codes.is_valid(code):
            raise UsageError(f"unknown reason code {code!r}; valid codes: {', '.join(codes.REASON_CODES)}")
        if decision == KEEP and not reason.strip():
            raise UsageError("keeping a value needs a reason", hint="pass --reason TEXT")
        reviewer_name(reviewer)
        with self.transaction():
            c = self._cluster(value_id)
            if expected_version is not None and c["version"] != expected_version:
                raise ConflictError(f"value {value_id} was changed by someone else (version {c['version']}, you loaded {expected_version})")
            return self._record(c, decision, code or c["code"], reviewer, reason, "value.decided", first=first)

    def _record(
        self,
        c: dict[str, Any],
        decision: str,
        code: str,
        actor: str,
        reason: str,
        event: str,
        first: int | None = None,
        *,
        spread: bool = True,
    ) -> int:
        """The cluster's new decision, its value_decisions row, its occurrences (or the first ones) and one audit event."""
        before = {
            "decision": c["decision"],
            "code": c["code"],
            "version": c["version"],
            "decided_by": c["decided_by"],
            "reason": c["reason"],
        }
        after = {"decision": decision, "code": code, "version": c["version"] + 1, "decided_by": actor}
        now = utc_now()
        self.conn.execute(
            "UPDATE value_clusters SET decision = ?, code = ?, reason = ?, decided_by = ?, decided_at = ?, version = version + 1 WHERE value_id = ?",
            (decision, code, reason, actor, now, c["value_id"]),
        )
        self.conn.execute(
            "INSERT INTO value_decisions (value_id, action, reviewer, reason, at, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (c["value_id"], event, actor, reason, now, json.dumps(before), json.dumps(after)),
        )
        upto = None if first is None else self._chunk_end(c["value_id"], 0, max(1, first))
        n = self._apply(c["value_id"], decision, code, actor, reason, event, only_pending=False, upto=upto)
        if upto is None:  # every occurrence has it
            self.conn.execute("UPDATE value_clusters SET applied_version = version WHERE value_id = ?", (c["value_id"],))
        payload = {"value_id": c["value_id"], "before": before, "after": after, "flags": n, "reason_given": bool(reason)}
        if upto is not None:
            payload["applying"] = True  # the rest follows: a value.applied event says when and how many
        if actor == POLICY:
            payload["rule"] = c["rule"]
        self.log("values", event, payload, actor=actor)
        if spread and decision == REDACT and upto is None:  # its unflagged occurrences too (value_spread)
            self.spread_value_later(c["value_id"], actor=actor)
        return n

    def except_occurrence(self, flag_id: str, status: str, *, reviewer: str, reason: str, code: str | None = None) -> None:
        """One occurrence decided against its value's decision, with a reason; later value decisions leave it alone."""
        if not reason.strip():
            raise UsageError("an exception needs a reason", hint="pass --reason TEXT")
        with self.transaction() as conn:
            row = conn.execute("SELECT value_id FROM flag_values WHERE flag_id = ?", (flag_id,)).fetchone()
            if row is None:
                raise UsageError(f"flag {flag_id} belongs to no value", hint="decide it with 'redactor decide --import' or in review")
            self.decide(flag_id, action="except", status=status, reviewer=reviewer, reason=reason, code=code, stage="values")  # type: ignore[attr-defined]
            conn.execute("UPDATE flag_values SET excepted = 1 WHERE flag_id = ?", (flag_id,))
