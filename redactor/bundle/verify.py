"""``redactor verify``: a bundle against its manifest and its audit chain, every problem listed.

A folder that is not a bundle at all (missing, a case folder, an unrelated folder) is a usage
error that says what was given; a bundle that fails is a :class:`VerificationError` that names
every missing, extra and changed file and the audit log's problem, not only the first.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from redactor.audit.log import verify_audit_file
from redactor.bundle.manifest import MANIFEST, bundle_files
from redactor.errors import UsageError, VerificationError

BUNDLE_MARKS = (MANIFEST, "items", "audit.jsonl", "schedule.csv", "index.csv")
BUNDLE_HINT = "give the folder written by 'redactor bundle CASE --out DIR'"


def check_is_bundle(out: Path) -> None:
    """Refuse, as a usage error, anything that is not a bundle folder (whole or damaged)."""
    if not out.exists():
        raise UsageError(f"{out}: no such folder", hint=BUNDLE_HINT)
    if not out.is_dir():
        raise UsageError(f"{out} is a file, not a bundle folder", hint=BUNDLE_HINT)
    if (out / "case.db").exists():
        raise UsageError(
            f"{out} is a case folder, not a bundle",
            hint="write a bundle with 'redactor bundle CASE --out DIR' and verify that; 'redactor audit verify CASE' checks the case's audit log",
        )
    if not any((out / name).exists() for name in BUNDLE_MARKS):
        raise UsageError(f"{out} is not a bundle (it has no {MANIFEST}, items/ or audit.jsonl)", hint=BUNDLE_HINT)


def _named(what: str, names: list[str]) -> list[str]:
    return [f"{what}: {', '.join(names)}"] if names else []


def file_problems(listed: dict[str, str], actual: dict[str, str]) -> list[str]:
    missing = sorted(set(listed) - set(actual))
    extra = sorted(set(actual) - set(listed))
    changed = sorted(name for name in set(listed) & set(actual) if listed[name] != actual[name])
    return (
        _named("file missing from the bundle", missing)
        + _named("file not in the manifest", extra)
        + _named("file does not match its SHA-256 in the manifest", changed)
    )


def read_manifest(path: Path) -> dict[str, Any]:
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(manifest["files"], dict):
            raise TypeError
        int(manifest["audit"]["head_seq"]), str(manifest["audit"]["head_hash"]), str(manifest["audit"]["file"])
    except (ValueError, KeyError, TypeError):
        raise VerificationError(f"{path}: not a valid redactor manifest") from None
    return manifest


def verify_bundle(out: Path) -> dict[str, int]:
    """Return counts when everything holds; raise :class:`VerificationError` listing every problem otherwise."""
    out = Path(out)
    check_is_bundle(out)
    problems: list[str] = []
    listed: dict[str, str] = {}
    audit_file, head = out / "audit.jsonl", None
    if not (out / MANIFEST).is_file():
        problems.append(f"{MANIFEST} is missing")
    else:
        try:
            manifest = read_manifest(out / MANIFEST)
            listed = manifest["files"]
            audit_file, head = out / manifest["audit"]["file"], (int(manifest["audit"]["head_seq"]), str(manifest["audit"]["head_hash"]))
            problems += file_problems(listed, bundle_files(out))
        except VerificationError as exc:
            problems.append(exc.message)
    events = 0
    try:
        events = verify_audit_file(audit_file, head)
    except VerificationError as exc:
        problems.append(exc.message)
    if problems:
        raise VerificationError(f"{out}: {len(problems)} problem{'s' if len(problems) > 1 else ''}: " + "; ".join(problems))
    return {"files": len(listed), "audit_events": events}
