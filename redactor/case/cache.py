"""Content-hash cache: detection done once per case for each distinct text.

- ``detect_cache``: the spans detection found in a text, keyed by a hash of the text and of
  what detection depends on (the pipeline and the people the case knows; ``detection_key``), so
  "ok", a sticker's name or a forwarded message repeated a thousand times is analysed once, and
  a resumed run does not analyse again what an interrupted one already did.
(OCR readings are kept per distinct page too, as files in ``work/ocr/``: ``extract/ocr_cache.py``.)

Values are JSON made by the caller; keys are hex digests, never text.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any

from redactor.case.db import CaseDB

_LOOKUP = 500  # keys per SELECT ... IN (...)


def content_key(scope: str, text: str) -> str:
    """The cache key of ``text`` under ``scope`` (a detection key, OCR settings)."""
    return hashlib.sha256(f"{scope}\x00{text}".encode("utf-8", "surrogatepass")).hexdigest()


class Caches(CaseDB):
    def cached_spans(self, keys: Iterable[str]) -> dict[str, list[Any]]:
        """The cached detection results among ``keys``."""
        return self._lookup("detect_cache", "spans", keys)

    def cache_spans(self, found: Mapping[str, list[Any]]) -> None:
        """Keep detection results (joins the caller's transaction when there is one)."""
        with self.transaction() as conn:
            conn.executemany(
                "INSERT OR IGNORE INTO detect_cache (key, spans) VALUES (?, ?)", [(k, json.dumps(v)) for k, v in found.items()]
            )

    def _lookup(self, table: str, column: str, keys: Iterable[str]) -> dict[str, Any]:
        keys = list(dict.fromkeys(keys))
        out: dict[str, Any] = {}
        for i in range(0, len(keys), _LOOKUP):
            part = keys[i : i + _LOOKUP]
            rows = self.conn.execute(f"SELECT key, {column} FROM {table} WHERE key IN ({','.join('?' * len(part))})", part)  # noqa: S608 - fixed names
            out |= {r[0]: json.loads(r[1]) for r in rows}
        return out
