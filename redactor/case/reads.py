"""The read side for the review app, exports and bundling: questions asked in domain words.

Device messages name their conversation in their typed facts (``device.thread``, a
:class:`redactor.facts.Thread`, stored in the ``device`` column); :data:`THREAD_SQL` finds its id,
so neighbours and members of a conversation can be queried.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from redactor.case.codec import FLAG_COLUMNS, flag_from_row, item_device, item_meta
from redactor.case.db import CaseDB
from redactor.case.schema import THREAD_SQL
from redactor.entities import OUT_OF_SCOPE
from redactor.facts import DeviceFacts
from redactor.records import KEEP, PENDING, REDACT, Flag, Item, identity_key

_PENDING_AFTER = (
    "SELECT i.item_id FROM items i JOIN flags f ON f.item_id = i.item_id AND f.status = 'pending' "
    "WHERE i.source_id = ? AND i.ordinal > ? ORDER BY i.ordinal LIMIT 1"
)
_FIRST = -(2**62)  # before any ordinal


@dataclass(frozen=True, slots=True)
class ItemRow:
    """An item as the overview lists it: no segments."""

    item_id: str
    ref: str  # the source's reference
    source_name: str
    kind: str
    title: str
    device: DeviceFacts
    scope: str


class Reads(CaseDB):
    # -- overview ------------------------------------------------------------------------------
    def item_rows(self) -> Iterator[ItemRow]:
        """Every item in bundle order, without its text."""
        rows = self.conn.execute(
            "SELECT i.item_id, s.ref, s.name, i.kind, i.title, i.device, i.scope FROM items i JOIN sources s USING (source_id) "
            "ORDER BY s.ref, i.ordinal"
        )
        for r in rows:
            yield ItemRow(r["item_id"], r["ref"], r["name"], r["kind"], r["title"], item_device(r["device"]), r["scope"])

    def item_scopes(self) -> dict[str, str]:
        """Every item's scope: in, out or sensitive."""
        return {r["item_id"]: r["scope"] for r in self.conn.execute("SELECT item_id, scope FROM items")}

    def flag_counts_by_item(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for r in self.conn.execute("SELECT item_id, status, COUNT(*) AS n FROM flags GROUP BY item_id, status"):
            out.setdefault(r["item_id"], {})[r["status"]] = r["n"]
        return out

    def thread_names(self) -> dict[str, str]:
        """Conversation names, from the ``thread.name`` field of the items that describe a conversation."""
        return {r["item_id"]: r["text"] for r in self.conn.execute("SELECT item_id, text FROM segments WHERE field = 'thread.name'")}

    def counts(self) -> dict[str, Any]:
        q = self.conn.execute
        by_entity: dict[str, dict[str, int]] = {}
        for r in q("SELECT entity, status, COUNT(*) AS n FROM flags GROUP BY entity, status"):
            by_entity.setdefault(r["entity"], {})[r["status"]] = r["n"]
        by_status = {r["status"]: r["n"] for r in q("SELECT status, COUNT(*) AS n FROM flags GROUP BY status")}
        quarantined = q("SELECT path, stage, code, reason FROM quarantine ORDER BY id")
        return {
            "sources": q("SELECT COUNT(*) FROM sources").fetchone()[0],
            "sources_by_status": {r["status"]: r["n"] for r in q("SELECT status, COUNT(*) AS n FROM sources GROUP BY status")},
            "items": q("SELECT COUNT(*) FROM items").fetchone()[0],
            "items_by_kind": {r["kind"]: r["n"] for r in q("SELECT kind, COUNT(*) AS n FROM items GROUP BY kind")},
            "flags": sum(by_status.values()),
            "flags_by_status": {s: by_status.get(s, 0) for s in (PENDING, REDACT, KEEP)},
            "flags_by_entity": by_entity,
            "decisions": q("SELECT COUNT(*) FROM decisions").fetchone()[0],
            "quarantined": [dict(r) for r in quarantined],
        }

    # -- conversations -------------------------------------------------------------------------
    def thread_title(self, source_id: str, thread_key: str) -> str | None:
        """The name a conversation's thread item gives it, if the source has one."""
        row = self.conn.execute(
            f"SELECT s.text FROM items i JOIN segments s USING (item_id) WHERE i.source_id = ? AND i.kind = 'thread' "
            f"AND s.field = 'thread.name' AND {THREAD_SQL} = ? LIMIT 1",
            (source_id, thread_key),
        ).fetchone()
        return None if row is None else str(row["text"])

    def thread_neighbours(self, item_id: str, source_id: str, thread_key: str, count: int) -> tuple[list[str], list[str]]:
        """Up to ``count`` messages of the same conversation before and after an item, in order."""
        ordinal = self.conn.execute("SELECT ordinal FROM items WHERE item_id = ?", (item_id,)).fetchone()["ordinal"]
        same = f"source_id = ? AND kind != 'thread' AND {THREAD_SQL} = ?"
        args = (source_id, thread_key, ordinal, count)
        earlier = self.conn.execute(f"SELECT item_id FROM items WHERE {same} AND ordinal < ? ORDER BY ordinal DESC LIMIT ?", args)
        later = self.conn.execute(f"SELECT item_id FROM items WHERE {same} AND ordinal > ? ORDER BY ordinal LIMIT ?", args)
        return [r["item_id"] for r in earlier.fetchall()][::-1], [r["item_id"] for r in later.fetchall()]

    def thread_members(self, source_id: str, thread_key: str) -> list[str]:
        """Every item of a source in one conversation, in order."""
        rows = self.conn.execute(
            f"SELECT item_id FROM items WHERE source_id = ? AND {THREAD_SQL} = ? ORDER BY ordinal", (source_id, thread_key)
        )
        return [r["item_id"] for r in rows]

    def document_count(self) -> int:
        """How many documents the case's items make, a conversation's messages counting once (sizes the render pool)."""
        row = self.conn.execute(
            f"SELECT coalesce(SUM(CASE WHEN t IS NULL THEN n ELSE 1 END), 0) FROM "
            f"(SELECT {THREAD_SQL} AS t, COUNT(*) AS n FROM items GROUP BY source_id, t)"
        ).fetchone()
        return int(row[0])

    def thread_items(self) -> list[Item]:
        """The items that describe conversations, facts and meta only (thread, participants; no segments)."""
        rows = self.conn.execute("SELECT item_id, meta, device FROM items WHERE kind = 'thread'").fetchall()
        return [Item(r["item_id"], "", "", "thread", "", (), item_meta(r["meta"]), item_device(r["device"])) for r in rows]

    # -- moving through the case ---------------------------------------------------------------
    def adjacent_items(self, item_id: str) -> tuple[str | None, str | None]:
        """The items before and after one, in bundle order (index walks of ``items_source``)."""
        row = self.conn.execute("SELECT source_id, ordinal FROM items WHERE item_id = ?", (item_id,)).fetchone()
        sources = [r["source_id"] for r in self.conn.execute("SELECT source_id FROM sources ORDER BY ref")]
        at = sources.index(row["source_id"])
        step = "SELECT item_id FROM items WHERE source_id = ? AND ordinal {op} ? ORDER BY ordinal {dir} LIMIT 1"
        nxt = self._first(step.format(op=">", dir="ASC"), [(row["source_id"], row["ordinal"]), *((s, _FIRST) for s in sources[at + 1 :])])
        prv = self._first(
            step.format(op="<", dir="DESC"), [(row["source_id"], row["ordinal"]), *((s, -_FIRST) for s in sources[:at][::-1])]
        )
        return prv, nxt

    def _first(self, sql: str, walk: list[tuple[str, int]]) -> str | None:
        for source_id, ordinal in walk:
            hit = self.conn.execute(sql, (source_id, ordinal)).fetchone()
            if hit is not None:
                return str(hit["item_id"])
        return None

    def next_pending_item(self, item_id: str | None = None) -> str | None:
        """The next item (after ``item_id``, wrapping round) that still has pending flags.

        Source by source in bundle order, each an index walk (``items_source`` with ``flags_pending``)
        that stops at the first hit: a few milliseconds whether pending flags are dense or rare."""
        sources = [r["source_id"] for r in self.conn.execute("SELECT source_id FROM sources ORDER BY ref")]
        walk: list[tuple[str, int]] = [(s, _FIRST) for s in sources]
        if item_id is not None:
            row = self.conn.execute("SELECT source_id, ordinal FROM items WHERE item_id = ?", (item_id,)).fetchone()
            if row is not None and row["source_id"] in sources:
                at = sources.index(row["source_id"])
                walk = [(row["source_id"], row["ordinal"]), *walk[at + 1 :], *walk]
        return self._first(_PENDING_AFTER, walk)

    # -- values across the case ----------------------------------------------------------------
    def pending_flag_values(self, also: str | None = None) -> Iterator[tuple[str, str]]:
        """``(flag id, flagged text)`` of pending flags (and of flag ``also``), for decisions by value."""
        rows = self.conn.execute(
            'SELECT f.flag_id, substr(s.text, f.start + 1, f."end" - f.start) AS value FROM flags f JOIN segments s USING (segment_id) '
            "WHERE f.status = 'pending' OR f.flag_id = ?",
            (also,),
        )
        for r in rows:
            yield r["flag_id"], r["value"]

    def redacted_identities(self) -> dict[str, Flag]:
        """Sender names and numbers flagged redact or pending anywhere in the case, by :func:`identity_key`.

        Scope flags are left out: they withhold items, they name no one. Values under three
        characters are left out; the first flag (by id) stands for each value.
        """
        columns = ", ".join(f"f.{c.strip()}" for c in FLAG_COLUMNS.split(","))
        rows = self.conn.execute(
            f"SELECT {columns}, s.text AS segment_text FROM flags f JOIN segments s USING (segment_id) "
            "WHERE s.field IN ('sender.name', 'sender.id') AND f.status IN ('redact', 'pending') "
            f"AND f.entity != '{OUT_OF_SCOPE}' AND f.code != 'IRR' ORDER BY f.flag_id"
        ).fetchall()
        names = self.conn.execute(  # a person's name redacted anywhere: file and attachment names say it too
            f'SELECT {columns}, substr(s.text, f.start + 1, f."end" - f.start) AS segment_text FROM flags f '
            "JOIN segments s USING (segment_id) WHERE f.entity = 'PERSON' AND f.status IN ('redact', 'pending') "
            "AND f.code != 'IRR' ORDER BY f.flag_id"
        ).fetchall()
        found: dict[str, Flag] = {}
        for row in [*rows, *names]:
            value = identity_key(str(row["segment_text"]))
            if len(value) >= 3 and value not in found:
                found[value] = flag_from_row(row)
        return found

    def flag_values(self, statuses: tuple[str, ...] = (REDACT,)) -> list[tuple[str, str, str, str, str]]:
        """``(flag id, status, code, value, entity)`` of every flag with one of ``statuses``; flags that withhold a
        whole item or page (out of scope, untrusted OCR) name no value and are left out."""
        marks = ",".join("?" for _ in statuses)
        rows = self.conn.execute(
            'SELECT f.flag_id, f.status, f.code, substr(s.text, f.start + 1, f."end" - f.start), f.entity FROM flags f '
            f"JOIN segments s USING (segment_id) WHERE f.status IN ({marks}) "
            "AND f.entity NOT IN ('OUT_OF_SCOPE', 'OCR_REVIEW') ORDER BY f.flag_id",
            tuple(statuses),
        ).fetchall()
        return [(r[0], r[1], r[2], r[3], r[4]) for r in rows]
