"""What the bundle states about the case besides the rendered items, gathered from the case once.

The bundle stage receives these as plain values (it never opens the database): who
decided each redaction and when, the printable form of every title and file name the
index shows (after the case's decisions and detection), and the cover page's facts.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any

from redactor.bundle.pseudonyms import pseudonyms_for
from redactor.bundle.schedule import Decided, decided_from
from redactor.bundle.scrub import Detect, Scrubber, people_values, scrub_texts
from redactor.bundle.since import Prior
from redactor.bundle.unprocessed import NotProcessed, not_processed, raw_texts
from redactor.records import Item, Segment

NOT_CHECKED = "[not checked]"  # a text nobody passed through the scrubber is never printed
WHOLE_ITEM = ("OUT_OF_SCOPE", "OCR_REVIEW")  # flags that withhold an item or page name no value


@dataclass(frozen=True, slots=True)
class Cover:
    case: str = ""
    urn: str = ""
    date: str = ""  # the case's state: the date of its latest decision (so a rebuild prints the same)
    built_by: str = ""
    tool: str = ""
    pipeline_hash: str = ""
    exhibits: tuple[tuple[str, str], ...] = ()  # (reference, description), printable


@dataclass(frozen=True, slots=True)
class BundleFacts:
    decided: Mapping[str, Decided] = field(default_factory=dict)  # flag id -> last decision
    texts: Mapping[str, str] = field(default_factory=dict)  # raw title/file name -> what may be printed
    cover: Cover = field(default_factory=Cover)
    scope_changes: Mapping[str, tuple[str, str, str]] = field(default_factory=dict)  # ref -> (by, at, raw reason)
    pseudonyms: Mapping[str, str] = field(default_factory=dict)  # flag id -> "Person A" (bundle --pseudonyms)
    since: Prior | None = None  # bundle --since: the earlier bundle's contents and schedule
    unprocessed: tuple[NotProcessed, ...] = ()  # quarantined inputs: listed in not_processed.csv

    def printable(self, raw: str) -> str:
        return self.texts.get(raw, NOT_CHECKED) if raw else ""


def redacted_values(store: Any, statuses: Sequence[str] = ("redact",)) -> list[tuple[str, str]]:
    """(value, code) of every flag with one of ``statuses`` anywhere in the case."""
    return [(value, code) for _, _, code, value, _ in store.flag_values(tuple(statuses))]


def case_scrubber(store: Any, statuses: Sequence[str] = ("redact",), names: Mapping[str, str] | None = None) -> Scrubber:
    """Values decided redact anywhere, and the names and aliases of known people whose name was redacted.

    With ``names`` (flag id -> pseudonym) a person's name becomes "[Person A]" instead of "[TP]"."""
    rows = store.flag_values(tuple(statuses))
    values = [(value, (names or {}).get(fid, code)) for fid, _, code, value, _ in rows]
    code_of = {v.casefold(): c for v, c in values}
    people = people_values(store.people(), [v for v, _ in values])
    return Scrubber.of([*values, *((n, code_of.get(n.casefold(), "TP")) for n in people)])


def pipeline_detect(store: Any, pipeline: Any, ctx: Any) -> Detect | None:
    """Texts through the pipeline's detector and policy: spans the policy would not keep, with their codes."""
    try:
        detect = pipeline.of_kind("detect").build(ctx)
        policy = pipeline.of_kind("decide").settings
    except Exception:  # noqa: BLE001 - a pipeline without detection: the decisions still apply
        return None
    from redactor.decide.classify import Classifier

    classifier = Classifier(store.people(), store.roster_addresses())

    def run(texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
        segments = tuple(Segment(f"t{i}", "bundle-texts", i, "title", t) for i, t in enumerate(texts))
        out: list[list[tuple[int, int, str]]] = [[] for _ in texts]
        for f in detect(Item("bundle-texts", "", "", "document", "", segments, {})):
            i = int(f.segment_id[1:])
            proposed, code = policy.propose(f.entity, classifier.classify(f.entity, texts[i][f.start : f.end]))
            if proposed != "keep":
                out[i].append((f.start, f.end, code))
        return out

    return run


def gather_facts(
    store: Any,
    entries: Sequence[Any],
    *,
    pipeline: Any = None,
    ctx: Any = None,
    pending_as_redact: bool = False,
    built_by: str = "",
    pseudonyms: bool = False,
    since: Prior | None = None,
) -> BundleFacts:
    statuses = ("redact", "pending") if pending_as_redact else ("redact",)
    order = [r.flag_id for e in entries if e.rendered is not None for r in e.rendered.redactions]
    wanted = set(order)
    names: dict[str, str] = {}
    if pseudonyms:
        values = {fid: (entity, value) for fid, _, _, value, entity in store.flag_values(tuple(statuses))}
        names = pseudonyms_for(store, [*order, *sorted(values)], values)
    decided = decided_from([store.flag(fid) for fid in sorted(wanted)], store.decisions())
    info = _case_info(store)
    exhibits = [(str(e.get("ref") or e.get("source")), str(e.get("description") or "")) for e in info.get("exhibits", [])]
    scrubber = case_scrubber(store, statuses, names)
    detect = pipeline_detect(store, pipeline, ctx) if pipeline is not None else None
    changes = {e.ref: _last_scope_change(store, e.item_id) for e in entries if e.scope != "in" and e.item_id}
    changes = {ref: change for ref, change in changes.items() if change is not None}
    unprocessed = not_processed(store)
    raw = [t for e in entries for t in (e.title, e.exhibit)] + [reason for _, _, reason in changes.values()] + raw_texts(unprocessed)
    texts = scrub_texts(raw, scrubber, detect)
    # what the officer typed (case name, exhibit descriptions) is not run through the detector (an operation's
    # name reads like a person's), but every value decided "redact" is still taken out of it
    typed = scrub_texts([str(info.get("case") or ""), *(t for pair in exhibits for t in pair)], scrubber)
    when = max((d.at for d in store.decisions()), default="")
    cover = Cover(
        case=typed.get(str(info.get("case") or ""), ""),
        urn=str(info.get("urn") or ""),
        date=when[:10],
        built_by=built_by,
        tool=_version(),
        pipeline_hash=getattr(pipeline, "hash", ""),
        exhibits=tuple((typed.get(r, ""), typed.get(d, "")) for r, d in exhibits),
    )
    return BundleFacts(
        decided=decided, texts=texts, cover=cover, scope_changes=changes, pseudonyms=names, since=since, unprocessed=unprocessed
    )


def _last_scope_change(store: Any, item_id: str) -> tuple[str, str, str] | None:
    history = store.scope_history(item_id)
    if not history:
        return None
    last = history[-1]
    return str(last["reviewer"]), str(last["at"]), str(last["reason"] or "")


def case_exhibits(store: Any) -> list[dict[str, Any]]:
    exhibits = _case_info(store).get("exhibits") or []
    return [e for e in exhibits if isinstance(e, dict)]


def _case_info(store: Any) -> dict[str, Any]:
    from redactor.decide.roster import CASE_INFO_KEY

    try:
        value = json.loads(store.meta(CASE_INFO_KEY) or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _version() -> str:
    try:
        return metadata.version("redactor")
    except metadata.PackageNotFoundError:
        return "unknown"
