"""OCR once per case: a page's reading kept by the content hash of its pixels.

The key is the SHA-256 of the drawn page's pixels, its size, scale and rotation and the OCR
settings, so the same attached image sent three times, or a page repeated across sources, is
read by tesseract once per case. Readings are JSON files in the case's ``work/ocr/`` folder
(written to a temporary name and renamed, so a killed run never leaves half a file, and worker
processes can share it). They hold recognised text: they stay inside the case folder, like the
case database.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any


def pixels_key(image: Any, *parts: object) -> str:
    digest = hashlib.sha256(image.mode.encode() + repr((image.size, *parts)).encode())
    digest.update(image.tobytes())
    return digest.hexdigest()


def load(cache: Path, key: str) -> dict[str, Any] | None:
    try:
        return json.loads((cache / f"{key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def save(cache: Path, key: str, value: dict[str, Any]) -> None:
    cache.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=cache, prefix=".", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(value, out)
    os.replace(tmp, cache / f"{key}.json")
