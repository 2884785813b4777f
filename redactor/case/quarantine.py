"""Quarantine: inputs and items set aside with a reason, so the batch goes on."""

from __future__ import annotations

from redactor.audit.log import utc_now
from redactor.case.sources import Sources
from redactor.records import Quarantined


class Quarantine(Sources):
    def quarantine(self, q: Quarantined) -> None:
        self.conn.execute(
            "INSERT INTO quarantine (source_id, path, stage, code, reason, at) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (path, stage, code) DO UPDATE SET reason = excluded.reason, at = excluded.at",
            (q.source_id, q.path, q.stage, q.code, q.reason, utc_now()),
        )
        if q.source_id:
            self.set_source_status(q.source_id, "quarantined")

    def clear_quarantine(self, path: str) -> None:
        self.conn.execute("DELETE FROM quarantine WHERE path = ?", (path,))

    def quarantined(self) -> list[Quarantined]:
        rows = self.conn.execute("SELECT * FROM quarantine ORDER BY id")
        return [Quarantined(r["path"], r["stage"], r["code"], r["reason"], r["source_id"]) for r in rows]
