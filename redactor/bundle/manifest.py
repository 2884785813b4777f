"""The bundle manifest and ``redactor verify``.

``manifest.json`` lists the SHA-256 of every file in the bundle and of every source,
the tool, library and model versions, and the pipeline hash. Verification passes only
when every listed file exists and matches, no file is missing or extra, and the
bundle's audit log chain holds up to the head recorded in the manifest.
"""

from __future__ import annotations

import hashlib
import json
import platform
from importlib import metadata
from pathlib import Path
from typing import Any

from redactor.audit.log import utc_now

MANIFEST = "manifest.json"
LIBRARIES = (
    "presidio-analyzer",
    "presidio-anonymizer",
    "spacy",
    "pypdf",
    "pypdfium2",
    "pytesseract",
    "reportlab",
    "pillow",
    "phonenumbers",
)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def bundle_files(out: Path) -> dict[str, str]:
    return {
        p.relative_to(out).as_posix(): file_sha256(p)
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.relative_to(out).as_posix() != MANIFEST
    }


def versions(models: list[str]) -> dict[str, Any]:
    def v(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "not installed"

    return {
        "redactor": v("redactor"),
        "python": platform.python_version(),
        "libraries": {name: v(name) for name in LIBRARIES},
        "models": {name: v(name) for name in models},
    }


def write_manifest(
    out: Path,
    *,
    sources: list[dict[str, Any]],
    pipeline: dict[str, str],
    models: list[str],
    audit_head: tuple[int, str],
    summary: dict[str, Any],
) -> dict[str, Any]:
    manifest = {
        "format": "redactor-bundle/1",
        "created_at": utc_now(),
        "tool": versions(models),
        "pipeline": pipeline,
        "sources": sources,
        "summary": summary,
        "audit": {"file": "audit.jsonl", "head_seq": audit_head[0], "head_hash": audit_head[1]},
        "files": bundle_files(out),
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return manifest
