"""Value clusters: one decision per person or identifier instead of one per occurrence.

Every detector flag belongs to one cluster (``value_keys.value_key``: a known person, a phone
in E.164, an e-mail, an address, any other identifier by its normalised text). A cluster has a
party (roster role, ``device_owner``, ``third_party``, ``unknown``), a proposal and at most one
decision: redact with a code, or keep with a reason. The decision applies to every occurrence,
present and future: :meth:`Values.sync_values` (run after detection and before the values are
read) puts new flags in their clusters and applies the cluster's decision to them, with an
audit event. A single occurrence can be excepted with a reason (:meth:`Values.except_occurrence`).
This module files and lets the policy decide; a reviewer's decisions are ``value_decisions.py``, applying
them ``value_apply.py``, the read side ``value_reads.py``.

A cluster of a roster party that the policy proposes to keep, and a structured identifier that a rule
with ``decide`` proposes to redact, are decided by the policy (actor ``policy``, the rule named in the
audit log) and stay open to review.

Audit payloads carry value ids (``V00001``, numbered within the case) and counts, never values.
"""

from __future__ import annotations

import heapq
import itertools
import sqlite3
from collections.abc import Container, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from redactor.case.actors import POLICY
from redactor.case.schema import RECOUNT_MARK, STANDING_ASIDE, count_later
from redactor.case.value_decisions import ValueDecisions
from redactor.case.value_filed import Filed, Known, common
from redactor.case.value_held import Redacted as _Redacted
from redactor.case.value_helper import SpreadHelper, wanted
from redactor.case.value_keys import NOT_VALUES, ValueKey, value_key
from redactor.case.value_spill import BOUNDED, NAMES, TEMPORARY, FiledTable, KnownTable, NameTable, ValueTable, in_order
from redactor.case.value_spread import INDEX_MARK
from redactor.records import KEEP, REDACT

ROSTER_ROLES = ("complainant", "suspect", "witness", "officer", "other")  # as redactor.decide.roster.ROLES

# in reading order, ties as flags_item holds them; '+': the table read in storage order and sorted once (not along flags_item)
_NEW_FLAGS = (
    'SELECT f.flag_id, f.rowid AS flag_rowid, f.item_id, f.entity, f.proposed, f.code, f.origin, f.status, f.start, f."end", f.version, substr(s.text, f.start + 1, f."end" - f.start) AS value, '
    "json_extract(f.explanation, '$.party') AS party, json_extract(f.explanation, '$.person_id') AS person_id, "
    "json_extract(f.explanation, '$.category') AS category, json_extract(f.explanation, '$.rule') AS rule, "
    "json_extract(f.explanation, '$.policy_decides') AS policy_decides "
    "FROM flags f JOIN segments s USING (segment_id) LEFT JOIN flag_values v USING (flag_id) "
    f"WHERE v.flag_id IS NULL AND f.entity NOT IN ({', '.join(repr(e) for e in NOT_VALUES)}) ORDER BY +f.item_id, f.start, f.segment_id, f.rowid"
)
_UNFILED = f"SELECT (SELECT COUNT(*) FROM flags WHERE entity NOT IN ({', '.join(repr(e) for e in NOT_VALUES)})) - (SELECT COUNT(*) FROM flag_values)"
_ANY_REDACTED = "SELECT 1 FROM flags WHERE status = 'redact' LIMIT 1"  # flags_status
_KEEP_ROWS = 300_000  # new flags up to which a filing keeps its new values' rows for the policy and the spread; above, they are read back
_POLICY_BATCH = 5_000  # values the policy decides and records at a time (flat memory; the same statements as all at once)
_FILING_BATCH = 50_000  # memberships written at a time to the filing's temporary table (flat memory at a million messages)
_CACHE_KIB = 65_536  # page cache while filing: the counting triggers read flags by id all over the table (2 MB: 2.5x slower)
_UNDECIDABLE = (  # a detected occurrence of the value that no rule with 'decide' proposed to redact (Filed.add: the same test)
    "SELECT 1 FROM flag_values v JOIN flags f USING (flag_id) WHERE v.value_id = ? AND f.origin = 'detector' "
    "AND coalesce(json_extract(f.explanation, '$.policy_decides'), 0) != 1 LIMIT 1"
)
_RECOUNT = (  # a value's counters from its members, as the counting triggers keep them (a member without its flag counts once)
    "UPDATE value_clusters SET (occurrences, excepted, pending, redacted, kept) = (SELECT COUNT(*), coalesce(SUM(v.excepted), 0), "
    "coalesce(SUM(f.status = 'pending'), 0), coalesce(SUM(f.status = 'redact'), 0), coalesce(SUM(f.status = 'keep'), 0) "
    "FROM flag_values v INDEXED BY flag_values_value LEFT JOIN flags f ON f.flag_id = v.flag_id WHERE v.value_id = value_clusters.value_id) "
    "WHERE value_id IN ({})"
)
_ITEMS = (
    "UPDATE value_clusters SET items = (SELECT COUNT(DISTINCT f.item_id) FROM flag_values v JOIN flags f USING (flag_id) "
    "WHERE v.value_id = value_clusters.value_id) WHERE value_id = ?"
)


Touched = set[str] | ValueTable  # the case's older values a filing touched: a table past value_spill.BOUNDED


class _Either(Container[str]):
    """The values in either container (the values redacted before, and the policy's: a set and a temporary table)."""

    def __init__(self, *parts: Container[str]) -> None:
        self._parts = parts

    def __contains__(self, value_id: object) -> bool:
        return any(value_id in part for part in self._parts)


def risk_of(entity: str, category: str | None, party: str) -> int:
    """Higher first: special category, victim/witness details, third parties, everything else."""
    if category == "special" or entity in ("SPECIAL_CATEGORY", "NRP"):
        return 3
    if party in ("complainant", "witness"):
        return 2
    return 1 if party == "third_party" else 0


class Values(ValueDecisions):
    # -- clustering ----------------------------------------------------------------------------
    def sync_values(self, actor: str = "system", *, complete: bool = True) -> dict[str, int]:
        """Put flags without a cluster in theirs, apply decisions to them and flag a redacted value's unflagged
        occurrences in new material (:mod:`redactor.case.value_spread`); returns counts.

        With ``complete`` (the default, and what every bundle does), value decisions still being applied
        are completed first (:meth:`ValueApply.apply_values`)."""
        mark = int(self.meta(INDEX_MARK) or 0)  # the segments seen before this sync: those after it are new material
        if complete:
            self.apply_values()
        counts, redacted, spread = {"flags": 0, "clusters": 0, "applied": 0, "policy": 0}, set(), set()
        with self.page_cache(_CACHE_KIB):
            earlier = self.conn.execute(_ANY_REDACTED).fetchone() is not None  # a text decided before this sync
            if unfiled := self.conn.execute(_UNFILED).fetchone()[0]:  # counts only: cheap when nothing is new
                counts, redacted, spread = self._file_new(actor, keep_rows=unfiled <= _KEEP_ROWS, helped=wanted(unfiled))
            counts["spread"] = self._spread_new(redacted, spread, actor, mark=mark, earlier=earlier)
        for name in TEMPORARY:  # a bounded filing's value tables (value_spill.ValueTable)
            self.conn.execute(f"DROP TABLE IF EXISTS temp.{name}")
        return counts

    def _spread_new(self, redacted: Touched, spread: Container[str], actor: str, *, mark: int, earlier: bool) -> int:
        """Redacted values whose new flags may bring a new spelling, over the whole case; every text decided before this
        sync (``earlier``: there is one) over the segments past ``mark`` (the index's mark when the sync began: the
        segments added since the last sync). ``spread``: the values the policy redacted in this sync, spread over every
        segment already (as ``redacted`` are here), so not read again."""
        if isinstance(redacted, ValueTable):  # a bounded filing's: a batch of values' texts at a time
            added = self.spread_many(redacted, actor=actor)
        else:
            added = len(self.spread_values(redacted, actor=actor)) if redacted else 0
        if earlier and self.last_segment() > mark:
            added += len(self.spread_all(actor=actor, after=mark, besides=_Either(redacted, spread)))
        elif self.segments_unindexed():
            self.index_segments()  # nothing to spread over them: indexed now all the same, as every sync leaves the index
        return added

    def _file_new(self, actor: str, *, keep_rows: bool = True, helped: bool = False) -> tuple[dict[str, int], Touched, Container[str]]:
        """File the new flags, streamed (memory holds the clusters, not the flags); ``keep_rows``: the new values' member
        rows are kept for the policy and the spread, else those read them back from the case; ``helped``: a helper
        process reads the policy spread's occurrences while the policy is recorded (:mod:`redactor.case.value_helper`).
        Returns the counts, the values decided redact before that these flags joined, and those the policy redacted now
        (spread over every segment here)."""
        with self.transaction() as conn:  # the helper starts inside the write lock: nothing else is committed until the spread
            helper = SpreadHelper.start(self.db_path) if helped else None
            try:
                return self._file_in(conn, actor, keep_rows, helper)
            finally:
                if helper is not None:
                    helper.close()

    def _file_in(
        self, conn: sqlite3.Connection, actor: str, keep_rows: bool, helper: SpreadHelper | None
    ) -> tuple[dict[str, int], Touched, Container[str]]:
        created, touched, filed_flags = self._file_rows(conn, keep_rows)
        if not filed_flags:
            return {"flags": 0, "clusters": 0, "applied": 0, "policy": 0}, set(), set()
        with self._counting_later():  # the counting triggers stand aside; one recount at the end
            conn.execute("INSERT INTO flag_values (flag_id, value_id) SELECT flag_id, value_id FROM temp.filing ORDER BY flag_id")
            conn.execute("DELETE FROM temp.filing")
            self._count_items(touched, created)
            applied = self._apply_to_new(touched, actor)
            if isinstance(created, FiledTable):  # past value_spill.BOUNDED: the decisions in a temporary table
                policy: dict[str, str] | ValueTable = self._decide_bounded(touched, created, helper)
            else:
                assert isinstance(touched, set)
                policy = self._decide_by_policy(touched, created, helper)
            self._recount(touched, created, policy)
        made, decided = len(created), len(policy)
        spread: Container[str]
        if isinstance(policy, ValueTable):
            created.clear()
            spread = policy.only(REDACT)
            self.spread_many(spread, actor=POLICY)  # their texts a batch at a time (value_spread_many)
        else:
            redacted_now = [v for v, decision in policy.items() if decision == REDACT]
            held = _Redacted(self._clusters(created.keys() & set(redacted_now)), created) if isinstance(created, dict) else None
            created.clear()  # the spread needs no more of them
            self.spread_values(redacted_now, actor=POLICY, members=held, elsewhere=helper.answer if helper is not None else None)
            spread = set(redacted_now)
        self.log("values", "values.synced", {"flags": filed_flags, "clusters_created": made, "applied": applied, "policy": decided})
        # the policy's values are spread already (above, over every segment: a second spread adds nothing)
        redacted = self._redacted_before(touched, policy)
        return {"flags": filed_flags, "clusters": made, "applied": applied, "policy": decided}, redacted, spread

    def _redacted_before(self, touched: Touched, policy: Container[str]) -> Touched:
        """The values decided redact before this filing touched them (not by the policy now), as ``touched`` holds them."""
        if not isinstance(touched, ValueTable):
            return {c["value_id"] for c in self._clusters(v for v in touched if v not in policy) if c["decision"] == REDACT}
        redacted = ValueTable.empty(self.conn, "redacted_before")
        for c in self._clusters((v for v in touched if v not in policy), ordered=True):
            if c["decision"] == REDACT:
                redacted.add_ids([c["value_id"]])
        return redacted

    def _file_rows(self, conn: sqlite3.Connection, keep_rows: bool) -> tuple[dict[str, Filed] | FiledTable, Touched, int]:
        """Each new flag to its cluster (made when new), its membership to ``temp.filing``; returns the clusters made, those
        touched and the flags filed. The map of every value of the case lives only here (a million messages: 135,000), up
        to :data:`value_spill.BOUNDED` values (the case's and new); past them the filing holds none: the clusters are looked
        up in the case, the new ones counted there (:class:`FiledTable`), and ``touched``, a temporary table then, holds only the
        case's older ones."""
        people = conn.execute("SELECT COUNT(*) FROM people").fetchone()[0]
        names = (
            NameTable(conn) if people > NAMES else {r["person_id"]: r["name"] for r in conn.execute("SELECT person_id, name FROM people")}
        )
        after = conn.execute("SELECT coalesce(max(rowid), 0) FROM value_clusters").fetchone()[0]  # new clusters are past it
        clusters, number = self._known()
        first, table = number, KnownTable(conn) if clusters is None else None
        created: dict[str, Filed] | None = {} if clusters is not None else None  # new clusters: every member is one of these rows
        touched: set[str] = set()
        older: ValueTable | None = None  # past BOUNDED: the older values touched, but the last few, in a temporary table
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS filing (flag_id TEXT NOT NULL, value_id TEXT NOT NULL)")
        conn.execute("DELETE FROM temp.filing")
        members: list[tuple[str, str]] = []  # the memberships not yet in the temporary table
        filed_flags, item, last_item = 0, -1, None
        cursor = conn.cursor()
        cursor.row_factory = None  # plain tuples, unpacked (a Row finds a field by name through its columns)
        for row in cursor.execute(_NEW_FLAGS):  # sorted by SQLite before the first row: the writes below do not disturb it
            flag_id, _, item_id, entity, proposed, code, origin, status, _, _, _, value, party, person_id, category, rule, decides = row
            vk = value_key(entity, value or "", category, person_id, names.get(person_id))
            if clusters is not None:
                keys = clusters.setdefault(vk.entity, {})
                cluster = keys.get(vk.key)
            else:
                assert table is not None
                cluster = table.get(vk.entity, vk.key)
            if cluster is None:
                number += 1
                cluster = self._new_cluster(conn, vk, number, entity, proposed, code, party, person_id, category, rule)
                if clusters is not None:
                    keys[vk.key] = cluster
                else:
                    table.put(vk.entity, vk.key, cluster)  # type: ignore[union-attr]
                if created is not None:
                    created[cluster.value_id] = Filed(rows=[], firsts=None) if keep_rows else Filed(rows=None, firsts=())
            else:
                self._join(conn, cluster, entity, proposed, party, person_id, category)
            if item_id != last_item:
                item, last_item = item + 1, item_id
            if created is not None:
                if (filed := created.get(cluster.value_id)) is not None:
                    filed.add(row, item, status, origin == "detector" and (decides or 0) != 1)
                touched.add(cluster.value_id)
                if number > BOUNDED:  # from here on the filing holds no record per value: every value is in the case
                    touched -= created.keys()
                    clusters, created, table = None, None, KnownTable(conn)
            elif int(cluster.value_id[1:]) <= first:  # one of the case's older values (the new ones are counted in the case)
                touched.add(cluster.value_id)
                if len(touched) >= _FILING_BATCH:
                    older = older or ValueTable.empty(conn, "touched")
                    older.add_ids(touched)
                    touched.clear()
            members.append((flag_id, cluster.value_id))
            filed_flags += 1
            if len(members) >= _FILING_BATCH:
                conn.executemany("INSERT INTO temp.filing VALUES (?, ?)", members)
                members.clear()
        conn.executemany("INSERT INTO temp.filing VALUES (?, ?)", members)
        value_key.cache_clear()  # its entries hold the rows' texts (65,536 at most: 30 MB at a million messages)
        if created is not None:
            return created, touched, filed_flags
        older = older or ValueTable.empty(conn, "touched")
        older.add_ids(touched)
        return FiledTable(conn, after), older, filed_flags

    def _known(self) -> tuple[dict[str, dict[str, Known]] | None, int]:
        """Every cluster of the case by entity and key, as filing needs it, and how many there are (None past
        :data:`value_spill.BOUNDED`: the filing looks them up in the case)."""
        count = self.conn.execute("SELECT COUNT(*) FROM value_clusters").fetchone()[0]
        if count > BOUNDED:
            return None, count
        cursor = self.conn.cursor()
        cursor.row_factory = None
        clusters: dict[str, dict[str, Known]] = {}
        number = 0
        for entity, key, value_id, party, person_id, proposal, risk in cursor.execute(
            "SELECT entity, key, value_id, party, person_id, proposal, risk FROM value_clusters"
        ):
            clusters.setdefault(entity, {})[key] = Known(value_id, common(party), person_id, common(proposal), risk)
            number += 1
        return clusters, number

    def _new_cluster(self, conn: sqlite3.Connection, vk: ValueKey, number: int, entity: str, proposed: str, *explained: Any) -> Known:
        """A cluster made of its first flag (``code``; ``explained``: the party, person, category and rule of its
        explanation)."""
        code, party, person_id, category, rule = explained
        party = party or "unknown"
        cluster = {
            "value_id": f"V{number:05d}",
            "entity": vk.entity,
            "key": vk.key,
            "display": vk.display,
            "person_id": person_id,
            "party": party,
            "proposal": proposed,
            "code": code,
            "rule": rule or f"policy proposal {proposed} for {party}",
            "risk": risk_of(entity, category, party),
            "decision": None,
            "decided_by": None,
        }
        conn.execute(
            "INSERT INTO value_clusters (value_id, entity, key, display, person_id, party, proposal, code, rule, risk) "
            "VALUES (:value_id, :entity, :key, :display, :person_id, :party, :proposal, :code, :rule, :risk)",
            cluster,
        )
        return Known(cluster["value_id"], common(party), cluster["person_id"], common(cluster["proposal"]), cluster["risk"])

    def _join(self, conn: sqlite3.Connection, cluster: Known, entity: str, proposed: str, *explained: Any) -> None:
        """A flag joins a cluster: a case party's flag names the party; a differing proposal needs a reviewer.
        ``explained``: the party, person and category of the flag's explanation."""
        party, person_id, category = explained
        if party in ROSTER_ROLES and cluster.party not in ROSTER_ROLES:
            cluster.party, cluster.person_id = common(party), person_id
            cluster.risk = max(cluster.risk, risk_of(entity, category, party))
            conn.execute(
                "UPDATE value_clusters SET party = ?, person_id = ?, risk = ? WHERE value_id = ?",
                (cluster.party, cluster.person_id, cluster.risk, cluster.value_id),
            )
        if cluster.proposal != proposed and cluster.proposal != "review":
            cluster.proposal = "review"  # occurrences the policy treats differently: a reviewer decides
            conn.execute("UPDATE value_clusters SET proposal = 'review' WHERE value_id = ?", (cluster.value_id,))

    def _apply_to_new(self, value_ids: Touched, actor: str) -> int:
        """A decided cluster's decision on its new (pending) occurrences, one audit event per cluster, written
        :data:`_POLICY_BATCH` at a time with one fsync (as many single events: the same chain)."""
        total, events = 0, []
        for c in self._clusters(in_order(value_ids), ordered=True):
            if c["decision"] is None:
                continue
            if c["decided_by"] == POLICY and self._policy_decision(c) != c["decision"]:  # new occurrences the policy would not decide so
                events.append(self._withdraw_policy(c))
            else:
                by = c["decided_by"] or actor
                n = self._apply(c["value_id"], c["decision"], c["code"], by, c["reason"], "value.applied", only_pending=True)
                if n:
                    events.append(("values", "value.applied", {"value_id": c["value_id"], "decision": c["decision"], "flags": n}, by))
                    total += n
            if len(events) >= _POLICY_BATCH:
                self.log_many(events)
                events.clear()
        if events:
            self.log_many(events)
        return total

    def _withdraw_policy(self, c: dict[str, Any]) -> tuple[str, str, dict[str, Any], str]:
        """Take back the policy's decision on a cluster; the audit event that says so, for the caller to write."""
        self.conn.execute(
            "UPDATE value_clusters SET decision = NULL, decided_by = NULL, version = version + 1 WHERE value_id = ?", (c["value_id"],)
        )
        return "values", "value.policy_withdrawn", {"value_id": c["value_id"], "proposal": c["proposal"]}, POLICY

    def _count_items(self, value_ids: Touched, created: dict[str, Filed] | FiledTable) -> None:
        """Each touched cluster's distinct items: a new one's from its rows here, an older one's from its members."""
        conn = self.conn
        if isinstance(created, FiledTable):  # ``value_ids`` are then the older ones only
            created.count_items()
            ids = in_order(value_ids)
            while chunk := list(itertools.islice(ids, _POLICY_BATCH)):
                conn.executemany(_ITEMS, [(v,) for v in chunk])
            return
        conn.executemany("UPDATE value_clusters SET items = ? WHERE value_id = ?", [(f.items, v) for v, f in sorted(created.items())])
        conn.executemany(_ITEMS, [(v,) for v in sorted(value_ids) if v not in created])

    def _decide_bounded(self, value_ids: Touched, table: FiledTable, helper: SpreadHelper | None = None) -> ValueTable:
        """:meth:`_decide_by_policy` for a bounded filing (``value_ids`` the case's older values it touched, ``table`` the
        values it made): the decisions go to a temporary table as they are made, then are recorded :data:`_POLICY_BATCH`
        values at a time from it (the same rows and events, in the same order); nothing held per value."""
        if helper is not None:
            helper.close()  # the spread reads these values' texts from the case: nothing to ask
        decided, batch = ValueTable.empty(self.conn, "policy"), []
        for c in self._clusters(heapq.merge(in_order(value_ids), iter(table)), ordered=True):
            if c["decision"] is None and (d := self._policy_decision(c, table.get(c["value_id"]))) is not None:
                batch.append((c["value_id"], d))
                if len(batch) >= _POLICY_BATCH:
                    decided.add(batch)
                    batch.clear()
        decided.add(batch)
        pages = decided.pages()
        while decisions := dict(itertools.islice(pages, _POLICY_BATCH)):
            done = [(c, str(decisions[c["value_id"]])) for c in self._clusters(decisions)]
            self._record_many(done, POLICY, "value.policy", filed={})
            table.decided([(c["value_id"], d) for c, d in done])
        return decided

    def _decide_by_policy(
        self, value_ids: set[str], created: dict[str, Filed] | FiledTable | None = None, helper: SpreadHelper | None = None
    ) -> dict[str, str]:
        """Undecided clusters the policy decides (:meth:`_policy_decision`), the rule named, recorded
        (:meth:`ValueApply._record_many`) :data:`_POLICY_BATCH` values at a time: the same rows and events in the same
        order as all at once, in bounded memory. The caller then redacts their redacted texts where no flag covers them
        (one spread for all). Returns each value decided (in value id order) with its decision. All are decided before any
        is recorded, so that ``helper`` (:mod:`redactor.case.value_helper`) reads that spread while they are recorded."""
        created = created if created is not None else {}
        table = created if isinstance(created, FiledTable) else None  # then ``value_ids`` are the older ones, the new ones in it
        every = heapq.merge(sorted(value_ids), iter(table)) if table is not None else value_ids
        decisions = {  # value id -> the policy's decision, the value's person
            c["value_id"]: (d, c["person_id"])
            for c in self._clusters(every, ordered=table is not None)
            if c["decision"] is None and (d := self._policy_decision(c, created.get(c["value_id"]))) is not None
        }
        if helper is not None and table is not None:
            helper.close()  # the spread reads these values' texts from the case: nothing to ask
        elif helper is not None:
            helper.ask_values([(v, person) for v, (d, person) in decisions.items() if d == REDACT], created, self._names)
        ids, out = sorted(decisions), {}
        for start in range(0, len(ids), _POLICY_BATCH):
            decided = [(c, decisions[c["value_id"]][0]) for c in self._clusters(ids[start : start + _POLICY_BATCH])]
            filed = {
                c["value_id"]: held
                for c, _ in decided
                if table is None and c["value_id"] in created and (held := created[c["value_id"]].held()) is not None
            }
            self._record_many(decided, POLICY, "value.policy", filed=filed)
            if table is not None:
                table.decided([(c["value_id"], d) for c, d in decided])
            out |= {c["value_id"]: d for c, d in decided}
        return out

    @contextmanager
    def _counting_later(self) -> Iterator[None]:
        """Inside a transaction: the value counters' triggers (schema v10) stand aside while many flags are filed and
        decided (the caller recounts what it touched: :meth:`_recount`); the mark never outlives the transaction. The two
        triggers that would fire per row are taken out meanwhile and put back as they were (schema ``STANDING_ASIDE``):
        a trigger's WHEN is tested for every row filed or decided, which cost more than the rest of filing them."""
        self.set_meta(RECOUNT_MARK, "1")
        for statement in STANDING_ASIDE:
            self.conn.execute(statement)
        try:
            yield
        finally:
            count_later(self.conn)
            self.conn.execute("DELETE FROM meta WHERE key = ?", (RECOUNT_MARK,))

    def _recount(self, value_ids: Touched, created: dict[str, Filed] | FiledTable, decided: Mapping[str, str] | ValueTable) -> None:
        """What the counting triggers would have made of these values' counters. A value this filing created has only
        the members filed here, none excepted, each as filed or, if the policy decided the value, with its decision (every
        member); any other value is counted from its members, one statement per 500."""
        if isinstance(created, FiledTable):  # its own counters; ``value_ids`` are the older ones
            created.recount()
            created, new = {}, []
        else:
            assert isinstance(decided, Mapping)
            new = [(*created[v].counters(decided.get(v)), v) for v in sorted(created)]
        self.conn.executemany(
            "UPDATE value_clusters SET occurrences = ?, excepted = ?, pending = ?, redacted = ?, kept = ? WHERE value_id = ?", new
        )
        ids = (v for v in in_order(value_ids) if v not in created)
        while chunk := list(itertools.islice(ids, 500)):
            self.conn.execute(_RECOUNT.format(",".join("?" * len(chunk))), chunk)

    def _policy_decision(self, c: dict[str, Any], filed: Filed | None = None) -> str | None:
        """What the policy decides for a cluster, or None (a reviewer decides).

        Keep: a roster person the rules keep (a rank and a name not on the roster, "DS Khan", is classified
        officer but is no roster party). Redact: a value every detected occurrence of which a rule with
        ``decide`` proposed to redact (``policy_decides`` in the flag's explanation: structured identifiers).
        ``filed``: a cluster made by this filing, whose members are all known here (no query)."""
        if c["person_id"] and c["party"] in ROSTER_ROLES and c["proposal"] == KEEP:
            return KEEP
        if c["proposal"] != REDACT:
            return None
        undecidable = filed.undecidable if filed is not None else self.conn.execute(_UNDECIDABLE, (c["value_id"],)).fetchone() is not None
        return None if undecidable else REDACT

    def _clusters(self, value_ids: Iterable[str], *, ordered: bool = False) -> Iterator[dict[str, Any]]:
        """These clusters, read 500 at a time as the caller goes (it may change each one it is given, none ahead);
        ``ordered``: the ids come sorted (taken as they come, not held)."""
        ids = iter(value_ids) if ordered else iter(sorted(value_ids))
        while chunk := list(itertools.islice(ids, 500)):
            yield from [
                dict(r) for r in self.conn.execute(f"SELECT * FROM value_clusters WHERE value_id IN ({','.join('?' * len(chunk))})", chunk)
            ]
