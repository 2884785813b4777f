"""Append-only, hash-chained audit log.

Each line is one event::

    {"seq": 1, "at": "...Z", "actor": "...", "stage": "...", "event": "...",
     "payload": {...}, "payload_hash": "...", "prev": "...", "hash": "..."}

``payload_hash`` is SHA-256 over the canonical JSON of the payload; ``hash`` is
SHA-256 over the canonical JSON of every other field, so editing, deleting,
inserting or reordering any line breaks the chain. Truncation at the end is caught
by comparing the last hash with the head recorded elsewhere (case database,
bundle manifest).

Payloads carry ids, hashes, counts and codes: never document text or detected values.
All writes go through :class:`AuditLog`, which holds an exclusive file lock while it
appends, so the CLI and the review server can write to the same case.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from redactor.errors import VerificationError

GENESIS = "0" * 64


def canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(frozen=True, slots=True)
class AuditEvent:
    seq: int
    at: str
    actor: str
    stage: str
    event: str
    payload: Mapping[str, Any]
    payload_hash: str
    prev: str
    hash: str

    def to_json(self) -> str:
        fields = {name: getattr(self, name) for name in self.__slots__}  # no deep copy (asdict): the JSON is the same
        return canonical(fields | {"payload": dict(self.payload)}).decode("utf-8")


def _event_hash(fields: Mapping[str, Any]) -> str:
    body = {k: v for k, v in fields.items() if k != "hash"}
    return sha256_hex(canonical(body))


def make_event(seq: int, prev: str, actor: str, stage: str, event: str, payload: Mapping[str, Any]) -> AuditEvent:
    payload = json.loads(canonical(dict(payload)))  # normalise: only JSON types survive
    fields = {
        "seq": seq,
        "at": utc_now(),
        "actor": actor,
        "stage": stage,
        "event": event,
        "payload": payload,
        "payload_hash": sha256_hex(canonical(payload)),
        "prev": prev,
    }
    return AuditEvent(**fields, hash=_event_hash(fields))


def _last_line(handle: Any) -> bytes:
    handle.seek(0, os.SEEK_END)
    end = handle.tell()
    pos, chunk, tail = end, 8192, b""
    while pos > 0:
        step = min(chunk, pos)
        pos -= step
        handle.seek(pos)
        tail = handle.read(step) + tail
        stripped = tail.rstrip(b"\n")
        if b"\n" in stripped:
            return stripped.rsplit(b"\n", 1)[1]
    return tail.rstrip(b"\n")


class AuditLog:
    """Appends events to ``path`` under an exclusive lock; never rewrites a line."""

    def __init__(self, path: Path, actor: str = "system", on_append: Callable[[AuditEvent], None] | None = None) -> None:
        self.path = Path(path)
        self.actor = actor
        self.on_append = on_append  # called under the lock, e.g. to record the head elsewhere
        self.unconfirmed: list[AuditEvent] = []  # written after the head the case recorded (see ``adopt_unconfirmed``)

    def adopt_unconfirmed(self, confirmed_seq: int) -> None:
        """Remember the events after ``confirmed_seq``, the last one the case committed.

        The case writes an event inside the transaction that makes the change it records, so a run
        killed between the two leaves an event whose change was rolled back. When the re-run makes
        that change, its event is already in the chain: :meth:`append` returns it instead of writing
        it twice, and the chain ends as an uninterrupted run's would.
        """
        self.unconfirmed = [e for e in self.events() if e.seq > confirmed_seq] if self.head()[0] > confirmed_seq else []

    def append(self, stage: str, event: str, payload: Mapping[str, Any] | None = None, *, actor: str | None = None) -> AuditEvent:
        return self.append_many([(stage, event, payload, actor)])[0]

    def append_many(self, entries: Sequence[tuple[str, str, Mapping[str, Any] | None, str | None]]) -> list[AuditEvent]:
        """Append ``(stage, event, payload, actor)`` events in order, under one lock and one fsync.

        The chain is exactly that of appending them one at a time; an event an interrupted run
        wrote but never confirmed is returned, not written twice (:meth:`adopt_unconfirmed`)."""
        out: list[AuditEvent | None] = [self._adopted(stage, event, payload, actor) for stage, event, payload, actor in entries]
        if all(e is not None for e in out):
            return [e for e in out if e is not None]
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a+b") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                last = _last_line(handle)
                if last:
                    head = json.loads(last)
                    seq, prev = int(head["seq"]) + 1, str(head["hash"])
                else:
                    seq, prev = 1, GENESIS
                written: list[AuditEvent] = []
                for i, (stage, event, payload, actor) in enumerate(entries):
                    if out[i] is None:
                        entry = make_event(seq, prev, actor or self.actor, stage, event, payload or {})
                        out[i], seq, prev = entry, seq + 1, entry.hash
                        written.append(entry)
                handle.seek(0, os.SEEK_END)
                handle.write(b"".join(e.to_json().encode("utf-8") + b"\n" for e in written))
                handle.flush()
                os.fsync(handle.fileno())
                if self.on_append is not None:
                    self.on_append(written[-1])
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
        return [e for e in out if e is not None]

    def _adopted(self, stage: str, event: str, payload: Mapping[str, Any] | None, actor: str | None) -> AuditEvent | None:
        """The unconfirmed event this one repeats, taken off the list; None when it is new."""
        for i, earlier in enumerate(self.unconfirmed):
            if (earlier.actor, earlier.stage, earlier.event, earlier.payload_hash) == (
                actor or self.actor,
                stage,
                event,
                sha256_hex(canonical(payload or {})),
            ):
                del self.unconfirmed[i]
                return earlier
        return None

    def head(self) -> tuple[int, str]:
        if not self.path.exists():
            return 0, GENESIS
        with open(self.path, "rb") as handle:
            last = _last_line(handle)
        if not last:
            return 0, GENESIS
        data = json.loads(last)
        return int(data["seq"]), str(data["hash"])

    def events(self) -> Iterator[AuditEvent]:
        yield from iter_events(self.path)


def iter_events(path: Path) -> Iterator[AuditEvent]:
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                data = json.loads(raw)
                yield AuditEvent(**data)
            except (ValueError, TypeError) as exc:
                raise VerificationError(f"{path.name} line {number}: not a valid audit event ({type(exc).__name__})") from None


def verify_audit_file(path: Path, expected_head: tuple[int, str] | None = None) -> int:
    """Check every line's hashes and links. Returns the number of events.

    Raises :class:`VerificationError` naming the first line that fails.
    """
    path = Path(path)
    if not path.exists():
        raise VerificationError(f"audit log {path} is missing")
    prev, count, last_hash = GENESIS, 0, GENESIS
    for number, entry in enumerate(iter_events(path), start=1):
        fields = asdict(entry)
        where = f"{path.name} line {number}"
        if entry.seq != number:
            raise VerificationError(f"{where}: sequence number {entry.seq}, expected {number} (line deleted, inserted or reordered)")
        if entry.prev != prev:
            raise VerificationError(f"{where}: previous-hash link broken (line deleted, inserted or reordered)")
        if sha256_hex(canonical(entry.payload)) != entry.payload_hash:
            raise VerificationError(f"{where}: payload does not match its hash (payload edited)")
        if _event_hash(fields) != entry.hash:
            raise VerificationError(f"{where}: event does not match its hash (line edited)")
        prev, last_hash, count = entry.hash, entry.hash, number
    if expected_head is not None:
        seq, head_hash = expected_head
        if count != seq or last_hash != head_hash:
            raise VerificationError(
                f"{path.name}: ends at event {count}, but the recorded head is event {seq} (lines removed from the end or log replaced)"
            )
    return count
