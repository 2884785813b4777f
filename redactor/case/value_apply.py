"""Applying a value's decision to its occurrences, in chunks, and undoing a value decision.

A decision on a value with 50,000 occurrences rewrites 50,000 flags (status, code, version) and
writes 50,000 decision rows: seconds of work, far more than a reviewer's key press may wait. So a
decision can be recorded at once together with its first :data:`APPLY_CHUNK` occurrences, and the
rest follows in transactions of :data:`APPLY_CHUNK` flags (:meth:`ValueApply.apply_values`), each
short enough that another write never waits long for the lock. Until then the value is *applying*
(``applied_version < version``). Nothing is rendered from a half-applied decision:
:meth:`Values.sync_values`, which every bundle runs first, completes every application, and so
does the review server right after answering.

Each flag's decision row names the value decision that made it (``decisions.value_decision``), so
undoing a value decision restores exactly the occurrences it changed and that nobody changed since.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from redactor.audit.log import utc_now
from redactor.case.actors import POLICY
from redactor.case.value_filed import Member
from redactor.case.value_spread_many import ManySpread
from redactor.errors import ConflictError, UsageError
from redactor.records import REDACT

_CHUNK = 500  # values per statement in :meth:`ValueApply._record_many`
APPLY_CHUNK = 2_000  # occurrences per transaction while a decision is applied in the background
_APPLYING = "SELECT value_id FROM value_clusters WHERE decision IS NOT NULL AND applied_version < version ORDER BY value_id"
_NEW_CODE = "CASE WHEN :status = 'redact' THEN :code ELSE code END"
_DECISION = "INSERT INTO decisions (flag_id, action, reviewer, reason, at, before, after, value_decision) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
_ROWS = 10_000  # members read and written at a time while a decision is applied (flat memory: a value may have a million)
_LATER = 100_000  # flags changed by the policy held at most before they are written, in table order (flat memory)
_STATE = "json_object('status', {0}, 'code', {1}, 'start', start, 'end', \"end\", 'version', {2})"


class ValueApply(ManySpread):
    def _apply(
        self,
        value_id: str,
        status: str,
        code: str,
        actor: str,
        reason: str,
        action: str,
        *,
        only_pending: bool,
        after: int = 0,
        upto: int | None = None,
    ) -> int:
        """Set occurrences (not excepted) to the decision; one decision row per flag changed, linked to the value decision.

        Set-based (two statements). ``after``/``upto`` bound the membership rows (``flag_values.rowid``) covered,
        so a large value is applied chunk by chunk."""
        args = {
            "v": value_id,
            "status": status,
            "code": code,
            "actor": actor,
            "reason": reason,
            "action": action,
            "at": utc_now(),
            "after": after,
            "upto": upto if upto is not None else 2**62,
            "vd": self._last_value_decision(value_id)[0],
        }
        # "+status": SQLite would otherwise read every pending flag of the case (flags_status) for each value
        changes = "+status = 'pending'" if only_pending else f"(status != :status OR code != {_NEW_CODE})"
        members = "SELECT flag_id FROM flag_values WHERE value_id = :v AND excepted = 0 AND rowid > :after AND rowid <= :upto"
        where = f"flag_id IN ({members}) AND {changes}"
        self.conn.execute(
            "INSERT INTO decisions (flag_id, action, reviewer, reason, at, before, after, value_decision) "
            f"SELECT flag_id, :action, :actor, :reason, :at, {_STATE.format('status', 'code', 'version')}, "
            f"{_STATE.format(':status', _NEW_CODE, 'version + 1')}, :vd FROM flags WHERE {where}",
            args,
        )
        return self.conn.execute(
            f"UPDATE flags SET status = :status, code = {_NEW_CODE}, version = version + 1 WHERE {where}", args
        ).rowcount

    def _record_many(
        self,
        decided: Sequence[tuple[dict[str, Any], str]],
        actor: str,
        event: str,
        filed: Mapping[str, Sequence[Member]] | None = None,
    ) -> dict[str, int]:
        """Many undecided clusters' decisions (each with its own code, and its rule as the reason) at once, applied to every
        occurrence: what :meth:`Values._record` does for one, as set-based statements, and the same audit events
        (one per value, in order) with one fsync. Returns the flags changed per value.

        ``filed``: values whose every member the caller holds as it stands in this transaction (flag id and rowid as
        ``flag_rowid``, status, code, start, end, version, in membership order: the filing that created them); their
        occurrences are changed from those rows."""
        now, changed, later = utc_now(), {}, []
        for start in range(0, len(decided), _CHUNK):
            part = decided[start : start + _CHUNK]
            self.conn.executemany(
                "UPDATE value_clusters SET decision = ?, code = ?, reason = ?, decided_by = ?, decided_at = ?, version = version + 1, "
                "applied_version = version + 1 WHERE value_id = ?",
                [(decision, c["code"], c["rule"], actor, now, c["value_id"]) for c, decision in part],
            )
            self.conn.executemany(
                "INSERT INTO value_decisions (value_id, action, reviewer, reason, at, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (c["value_id"], event, actor, c["rule"], now, json.dumps(_before(c)), json.dumps(_after(c, decision, actor)))
                    for c, decision in part
                ],
            )
            changed |= self._apply_many(part, actor, event, now, filed or {}, later)
            if len(later) >= _LATER or start + _CHUNK >= len(decided):
                self._write_later(later)
        events = []
        for c, decision in decided:
            payload = {"value_id": c["value_id"], "before": _before(c), "after": _after(c, decision, actor)}
            payload |= {"flags": changed.get(c["value_id"], 0), "reason_given": bool(c["rule"])}
            events.append(("values", event, payload | ({"rule": c["rule"]} if actor == POLICY else {}), actor))
        self.log_many(events)
        return changed

    def _apply_many(
        self,
        part: Sequence[tuple[dict[str, Any], str]],
        actor: str,
        event: str,
        now: str,
        filed: Mapping[str, Sequence[Member]],
        later: list[tuple[str, str, int]],
    ) -> dict[str, int]:
        """:meth:`_apply` (every occurrence, not excepted) for each of these just-recorded decisions, in three statements,
        or from the members the caller holds (:meth:`_apply_filed`) when it holds every one's: then the flags' new
        status and code join ``later``, which the caller writes."""
        ids = [c["value_id"] for c, _ in part]
        marks = ",".join("?" * len(ids))
        latest = f"SELECT value_id, max(id) FROM value_decisions WHERE value_id IN ({marks}) GROUP BY value_id"
        vd = dict(self.conn.execute(latest, ids).fetchall())
        if all(v in filed for v in ids) and (done := self._apply_filed(part, actor, event, now, vd, filed, later)) is not None:
            return done
        rows = [(c["value_id"], decision, c["code"], c["rule"], vd[c["value_id"]]) for c, decision in part]
        batch = "WITH b (value_id, status, code, reason, vd) AS (VALUES {}) ".format(",".join(["(?, ?, ?, ?, ?)"] * len(rows)))
        new_code = "CASE WHEN b.status = 'redact' THEN b.code ELSE f.code END"
        # INDEXED BY: without it SQLite builds an automatic index over the whole flag_values table for every
        # statement (value_id and excepted), which made the policy's decisions quadratic in the case's flags
        changes = (
            "FROM b JOIN flag_values v INDEXED BY flag_values_value ON v.value_id = b.value_id AND v.excepted = 0 "
            "JOIN flags f ON f.flag_id = v.flag_id "
            f"WHERE (f.status != b.status OR f.code != {new_code})"
        )
        old = "json_object('status', f.status, 'code', f.code, 'start', f.start, 'end', f.\"end\", 'version', f.version)"
        new = f"json_object('status', b.status, 'code', {new_code}, 'start', f.start, 'end', f.\"end\", 'version', f.version + 1)"
        # one read of the members (the flags' states before and after as SQLite writes them); the flags change later,
        # in table order (``later``): joining them twice, once to write decision rows and once to update, cost twice
        cursor = self.conn.cursor()
        cursor.row_factory = None
        found = cursor.execute(
            batch + f"SELECT b.value_id, f.flag_id, {old}, {new}, f.rowid, f.code {changes}", [x for r in rows for x in r]
        )
        how = {c["value_id"]: (decision, c["rule"], vd[c["value_id"]], c["code"] if decision == REDACT else None) for c, decision in part}
        changed = dict.fromkeys(ids, 0)
        while chunk := found.fetchmany(_ROWS):
            decisions = []
            for value_id, flag_id, before, after, rowid, was in chunk:
                status, reason, value_decision, code = how[value_id]
                decisions.append((flag_id, event, actor, reason, now, before, after, value_decision))
                later.append((status, was if code is None else code, rowid))
                changed[value_id] += 1
            self.conn.executemany(_DECISION, decisions)
            if len(later) >= _LATER:  # a value may have 500,000 members: flags already read may change (this reads no more)
                self._write_later(later)
        return changed

    def _write_later(self, later: list[tuple[str, str, int]]) -> None:
        """The flags' new status and code, in table order: one statement per flag, a third of the time of a join per part."""
        later.sort(key=lambda f: f[2])
        self.conn.executemany("UPDATE flags SET status = ?, code = ?, version = version + 1 WHERE rowid = ?", later)
        later.clear()

    def _apply_filed(
        self,
        part: Sequence[tuple[dict[str, Any], str]],
        actor: str,
        event: str,
        now: str,
        vd: dict[str, int],
        filed: Mapping[str, Sequence[Member]],
        later: list[tuple[str, str, int]],
    ) -> dict[str, int] | None:
        """What :meth:`_apply_many`'s statements do, from member rows the caller holds: the same decision rows in the same
        order (value by value, each in membership order) and the same flags changed, without joining the members again.
        None (nothing written) when a status or code would not be written as SQLite's ``json_object`` writes it."""
        decisions, flags, changed = [], [], {}
        for c, decision in part:
            value_id, n = c["value_id"], 0
            for r in filed[value_id]:  # none excepted: every member was filed by the caller
                status, was = r.status, r.code
                code = c["code"] if decision == REDACT else was
                if status == decision and was == code:
                    continue
                old, new = _state(status, was, r.start, r.end, r.version), _state(decision, code, r.start, r.end, r.version + 1)
                if old is None or new is None:
                    return None
                decisions.append((r.flag_id, event, actor, c["rule"], now, old, new, vd[value_id]))
                flags.append((decision, code, r.flag_rowid))
                n += 1
            changed[value_id] = n
        self.conn.executemany(_DECISION, decisions)
        later += flags
        return changed

    def _chunk_end(self, value_id: str, after: int, size: int) -> int | None:
        """The last membership row of the chunk of ``size`` after ``after``; None when the rest fits in it."""
        row = self.conn.execute(
            "SELECT rowid FROM flag_values WHERE value_id = ? AND rowid > ? ORDER BY rowid LIMIT 1 OFFSET ?", (value_id, after, size - 1)
        ).fetchone()
        return None if row is None else int(row[0])

    def _last_value_decision(self, value_id: str) -> tuple[int | None, str]:
        row = self.conn.execute(
            "SELECT id, action FROM value_decisions WHERE value_id = ? ORDER BY id DESC LIMIT 1", (value_id,)
        ).fetchone()
        return (None, "") if row is None else (int(row["id"]), str(row["action"]))

    @contextmanager
    def page_cache(self, kib: int) -> Iterator[None]:
        """At least ``kib`` KiB of page cache on this connection for a while (never less than it had)."""
        before = int(self.conn.execute("PRAGMA cache_size").fetchone()[0])
        wanted = -kib
        if before < 0 and before <= wanted or before > 0 and before * 4 >= kib:  # pages of 4 KiB at least
            yield
            return
        self.conn.execute(f"PRAGMA cache_size = {wanted}")
        try:
            yield
        finally:
            self.conn.execute(f"PRAGMA cache_size = {before}")

    # -- completing applications ---------------------------------------------------------------
    def applying_values(self) -> list[str]:
        """Values whose latest decision has not reached every occurrence yet."""
        return [r[0] for r in self.conn.execute(_APPLYING)]

    def apply_values(self, chunk: int = APPLY_CHUNK) -> int:
        """Complete every value decision not yet applied to all its occurrences; returns the flags changed."""
        return sum(self._complete(value_id, chunk) for value_id in self.applying_values())

    def _complete(self, value_id: str, chunk: int) -> int:
        after, version, changed = 0, None, 0
        while True:
            with self.transaction():
                c = dict(self.conn.execute("SELECT * FROM value_clusters WHERE value_id = ?", (value_id,)).fetchone())
                if c["decision"] is None or c["applied_version"] >= c["version"]:
                    return changed  # completed by another connection, or undone
                if c["version"] != version:  # a newer decision came in meanwhile: start again with it
                    after, version, changed = 0, c["version"], 0
                upto = self._chunk_end(value_id, after, chunk)
                action = self._last_value_decision(value_id)[1] or "value.decided"
                actor = c["decided_by"] or "system"
                changed += self._apply(
                    value_id, c["decision"], c["code"], actor, c["reason"], action, only_pending=False, after=after, upto=upto
                )
                if upto is None:
                    self.conn.execute("UPDATE value_clusters SET applied_version = version WHERE value_id = ?", (value_id,))
                    payload = {"value_id": value_id, "decision": c["decision"], "flags": changed, "version": version}
                    self.log("values", "value.applied", payload, actor=actor)
                    if c["decision"] == REDACT:
                        self.spread_values([value_id], actor=actor)
                    return changed
                after = upto

    # -- undo ----------------------------------------------------------------------------------
    def undo_value_decision(self, value_id: str, *, reviewer: str, expected_version: int) -> int:
        """Undo a value's latest decision: the value gets its state before, and every occurrence that decision
        changed (and nobody changed since) gets its own state before, each with a new decision row and one audit
        event. History is never deleted. Returns the flags restored."""
        if not reviewer.strip():
            raise UsageError("a decision needs a reviewer name", hint="pass --reviewer NAME")
        with self.transaction() as conn:
            c = dict(conn.execute("SELECT * FROM value_clusters WHERE value_id = ?", (value_id,)).fetchone() or {})
            if not c:
                raise UsageError(f"no value {value_id} in this case", hint="list them with 'redactor values CASE'")
            if c["version"] != expected_version:
                raise ConflictError(f"value {value_id} was changed by someone else (version {c['version']}, you loaded {expected_version})")
            last = conn.execute("SELECT * FROM value_decisions WHERE value_id = ? ORDER BY id DESC LIMIT 1", (value_id,)).fetchone()
            if last is None:
                raise UsageError(f"value {value_id} has no decision to undo")
            return self._undo(c, last, reviewer)

    def _undo(self, c: dict[str, Any], last: Any, reviewer: str) -> int:
        was = json.loads(last["before"])
        now, version = utc_now(), c["version"] + 1
        restored = {
            "decision": was.get("decision"),
            "code": was.get("code") or c["code"],
            "version": version,
            "decided_by": was.get("decided_by"),
        }
        reason = f"undo of {last['action']} by {last['reviewer']} at {last['at']}"
        before = {"decision": c["decision"], "code": c["code"], "version": c["version"], "decided_by": c["decided_by"]}
        self.conn.execute(
            "UPDATE value_clusters SET decision = ?, code = ?, reason = ?, decided_by = ?, decided_at = ?, version = ?, applied_version = ? "
            "WHERE value_id = ?",
            (restored["decision"], restored["code"], was.get("reason", ""), restored["decided_by"], now, version, version, c["value_id"]),
        )
        vd = self.conn.execute(
            "INSERT INTO value_decisions (value_id, action, reviewer, reason, at, before, after) VALUES (?, 'value.undo', ?, ?, ?, ?, ?)",
            (c["value_id"], reviewer, reason, now, json.dumps(before), json.dumps(restored)),
        ).lastrowid
        n = self._restore_flags(int(last["id"]), int(vd or 0), reviewer, reason, now)
        payload = {"value_id": c["value_id"], "undid": int(last["id"]), "before": before, "after": restored, "flags": n}
        self.log("values", "value.undone", payload, actor=reviewer)
        return n

    def _restore_flags(self, undone: int, vd: int, reviewer: str, reason: str, at: str) -> int:
        """Occurrences whose latest decision row came from value decision ``undone`` get their state before it."""
        args = {"undone": undone, "vd": vd, "reviewer": reviewer, "reason": reason, "at": at}
        old = "json_extract(d.before, '$.{0}')"
        self.conn.execute(
            "INSERT INTO decisions (flag_id, action, reviewer, reason, at, before, after, value_decision) "
            "SELECT f.flag_id, 'value.undo', :reviewer, :reason, :at, "
            "json_object('status', f.status, 'code', f.code, 'start', f.start, 'end', f.\"end\", 'version', f.version), "
            f"json_object('status', {old.format('status')}, 'code', {old.format('code')}, 'start', f.start, 'end', f.\"end\", "
            "'version', f.version + 1), :vd FROM decisions d JOIN flags f USING (flag_id) "
            "WHERE d.value_decision = :undone AND d.id = (SELECT max(id) FROM decisions WHERE flag_id = d.flag_id)",
            args,
        )
        return self.conn.execute(
            "UPDATE flags SET status = json_extract(u.after, '$.status'), code = json_extract(u.after, '$.code'), "
            "version = version + 1 FROM (SELECT flag_id, after FROM decisions WHERE value_decision = :vd) AS u "
            "WHERE flags.flag_id = u.flag_id",
            args,
        ).rowcount


def _state(status: str, code: str, start: int, end: int, version: int) -> str | None:
    """A flag's state as :data:`_STATE` (SQLite's ``json_object``) writes it, or None for what it might write otherwise."""
    head = _state_head(status, code)
    if head is None or type(start) is not int or type(end) is not int or type(version) is not int:
        return None
    return f'{head}"start":{start},"end":{end},"version":{version}}}'


@lru_cache(maxsize=256)
def _state_head(status: str, code: str) -> str | None:
    """``{"status":...,"code":...,``, or None for a quote, backslash, control or non-ASCII character (never in a status
    or reason code), which json_object might escape otherwise."""
    if not (isinstance(status, str) and isinstance(code, str)) or (json.dumps(status), json.dumps(code)) != (f'"{status}"', f'"{code}"'):
        return None
    return f'{{"status":"{status}","code":"{code}",'


def _before(c: dict[str, Any]) -> dict[str, Any]:
    return {"decision": c["decision"], "code": c["code"], "version": c["version"], "decided_by": c["decided_by"], "reason": c["reason"]}


def _after(c: dict[str, Any], decision: str, actor: str) -> dict[str, Any]:
    return {"decision": decision, "code": c["code"], "version": c["version"] + 1, "decided_by": actor}
