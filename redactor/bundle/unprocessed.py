"""What a bundle does not hold because it could not be processed: ``not_processed.csv``.

A prosecutor must be able to tell a complete bundle from one with material missing. Every input the
run quarantined is listed: a file that could not be read (damaged, encrypted, unsupported, too large,
hostile), a file found inside another that was refused (an attachment nested too deep), and a part of
a file its reader refused while the rest of the file was read (one message of a mailbox). The cover's
summary line counts them. An item withheld because its rendering failed is on the index already
("render failed"), so it is not listed again.

Nothing here is the quarantine's reason text: it names folders on the officer's machine. A row says
which source (its reference), where in it (the part's locator), the file's name, the stage, the code
and what the code means; the file name, and a locator that holds a name from the material (an
attachment's), are printed only as the case's scrubber lets them be (a file may be named after a
person), like every title in the bundle; a locator the reader made ("message[12] line 89", "vcard at line
11") is printed as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

NOT_PROCESSED_FIELDS = ("no", "source", "part", "file", "stage", "code", "problem")
NOT_PROCESSED_NOTE = "inputs not processed, see not_processed.csv"  # the cover's summary line, when there are any
PROBLEMS = {
    "E030": "not found or could not be read",
    "E031": "a format the tool does not read",
    "E032": "encrypted",
    "E033": "damaged or truncated",
    "E034": "empty",
    "E035": "hostile (escapes its folder or exhausts memory)",
    "E036": "over the size limit",
    "E040": "a processing stage failed on it",
}
STAGES = ("ingest", "extract", "detect", "decide")  # the stages that quarantine an input
# a locator the tool itself made ("message[12] line 89"): printed as it is (the detector reads "message[12" as a place)
_OWN_LOCATOR = re.compile(r"^(?:message|item|part|attachment|page|record|entry)\[\d+\](?: line \d+)?$|^[a-z]+ at line \d+$")
_PART = re.compile(r"^(S\d{4,}):(.+)$", re.S)  # "S0001:message[12] line 89": a part of a registered source


@dataclass(frozen=True, slots=True)
class NotProcessed:
    """One quarantined input as the bundle may name it (``part`` and ``file`` raw: printed through the scrubber)."""

    source: str  # the source's reference ("S0003"), or "" for a file that was never registered
    part: str  # where in the source, for a refused part or attachment; else ""
    file: str  # the file's name (never its folder)
    stage: str
    code: str


def not_processed(store: Any) -> tuple[NotProcessed, ...]:
    """The case's quarantined inputs, in the order they were quarantined (rendering failures left out)."""
    rows: list[NotProcessed] = []
    names: dict[str, str] = {}
    for q in store.quarantined():
        if q.stage == "render":
            continue
        if q.source_id:
            source = store.find_source(q.source_id)
            ref, name = (source.ref, source.name) if source is not None else ("", Path(q.path).name)
            rows.append(NotProcessed(ref, "", name, q.stage, q.code))
        elif m := _PART.match(q.path):
            ref = m.group(1)
            if ref not in names:
                source = store.source_by_ref(ref)
                names[ref] = source.name if source is not None else ""
            rows.append(NotProcessed(ref, m.group(2), names[ref], q.stage, q.code))
        else:
            rows.append(NotProcessed("", "", Path(q.path).name, q.stage, q.code))
    return tuple(rows)


def raw_texts(rows: Iterable[NotProcessed]) -> list[str]:
    """The texts of ``rows`` that come from the material, for the scrubber."""
    return [t for r in rows for t in (r.part, r.file) if t and not _OWN_LOCATOR.match(t)]


def not_processed_rows(rows: Iterable[NotProcessed], printable: Callable[[str], str]) -> list[dict[str, Any]]:
    """``not_processed.csv``'s rows; ``printable``: raw text -> what may be printed (``BundleFacts.printable``)."""
    return [
        {
            "no": no,
            "source": r.source,
            "part": r.part if _OWN_LOCATOR.match(r.part) else printable(r.part),
            "file": printable(r.file),
            "stage": r.stage,
            "code": r.code,
            "problem": PROBLEMS.get(r.code, "could not be processed"),
        }
        for no, r in enumerate(rows, 1)
    ]
