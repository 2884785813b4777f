"""Content-hash cache: detection done once per case for each distinct text.

- ``detect_cache``: the spans detection found in a text, keyed by a hash of the text and of
  what detection depends on (the pipeline and the people the case knows; ``detection_key``), so
  "ok", a sticker's name or a forwarded message repeated a thousand times is analysed once, and
  a resumed run does not analyse again what an interrupted one already did.
- ``picture_ocr``: what the leak scan's tesseract read on each distinct set of pictures a bundle page
  draws, keyed by a hash of the pictures' bytes and the OCR settings (``bundle/pictures.py``), so
  ``verify --case`` does not read again what ``bundle``'s own scan read. It holds case text: it
  stays in the case database, never in a log or a bundle.
(Extraction's OCR readings are kept per distinct page too, as files in ``work/ocr/``: ``extract/ocr_cache.py``.)

Values are JSON made by the caller; keys are hex digests, never text.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
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

    def cached_pictures(self, keys: Iterable[str]) -> dict[str, str]:
        """The leak scan's OCR text kept for any of ``keys`` (picture keys, ``bundle/pictures.py``)."""
        return self._lookup("picture_ocr", "text", keys, decode=str)

    def cache_pictures(self, texts: Mapping[str, str]) -> None:
        """Keep the leak scan's OCR text by picture key (a key already kept keeps its text: it is the same reading)."""
        with self.transaction() as conn:
            conn.executemany("INSERT OR IGNORE INTO picture_ocr (key, text) VALUES (?, ?)", list(texts.items()))

    def _lookup(self, table: str, column: str, keys: Iterable[str], decode: Callable[[Any], Any] = json.loads) -> dict[str, Any]:
        keys = list(dict.fromkeys(keys))
        out: dict[str, Any] = {}
        for i in range(0, len(keys), _LOOKUP):
            part = keys[i : i + _LOOKUP]
            rows = self.conn.execute(f"SELECT key, {column} FROM {table} WHERE key IN ({','.join('?' * len(part))})", part)  # noqa: S608 - fixed names
            out |= {r[0]: decode(r[1]) for r in rows}
        return out
