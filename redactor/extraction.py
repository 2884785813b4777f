"""Extracting one source into the case: its items stored in batches; its attachments and people returned.

Parsing is pure: it reads the source and writes attachments under ``work/derived``, and never opens
the case. So a large device export (a UFDR, a chat export) is parsed in a forked child process while
this process alone writes: the child turns items into the case's rows (:func:`redactor.case.codec.item_row`)
and sends them through a pipe a batch at a time, and this process stores each batch while the child
reads on. The second core, idle while detection workers wait for their first batch, does the parsing.

- **Overlap.** A thread here receives the batches (reading the pipe and decoding them) while this
  process stores the one before, so the child does not wait for SQLite's commits and checkpoints to go on
  parsing. Rows travel as ``marshal`` data (plain tuples of text and numbers: about three times cheaper to
  write and read than pickles); errors are pickled.
- **People and attachments in batches too.** The people a source names travel with its batches and wait
  in the case's book (:mod:`redactor.case.people`), merged as they come, until the runner stores them with
  the source's state; an address book's cards come as :class:`~redactor.records.Mention` s, so neither
  process holds a million-card book. The files found inside it (attachments) wait likewise in a temporary
  table (:meth:`~redactor.case.sources.Sources.add_derived`) until the runner registers them, a chunk at a
  time, in the transaction that stores the source's state: neither process holds a list of a million
  attachments either.
- **Refused parts.** A part of a source its reader could not read (a mailbox's message over the size limit, say) comes
  as a :class:`~redactor.records.Refused` among the batches (through the pipe as a pickle) and is handed back with the
  result: the runner quarantines it when it stores the source's state, in the same transaction, so a killed run
  leaves no refusal behind and a resumed one records each once. At most ``MAX_REFUSED`` are held: past that the
  file is refused whole.
- **A large source's items go in without the secondary indexes** of the items and segments tables, created again when
  it is done or fails (``DEFER_ITEMS``, ``CaseStore.defer_item_indexes``; a killed run's case gets them back when it is
  next opened): the segments' index is keyed by item id, a hash, and keeping it in step cost 40% of storing a
  100,000-message mailbox, more the larger the source. Nothing here reads items by source meanwhile.
- **Bounded memory.** A batch holds at most ``SAVE_ITEMS`` items (or people, or files) or ``SAVE_CHARS`` characters. The
  child waits in ``send`` until the thread here has read the batch, and the thread waits while
  ``QUEUED`` batches wait to be stored, so at most five exist at once: one being parsed, one in the
  pipe, one being received, one queued and one being stored.
- **Failures.** An error in the child is sent back and raised here, so the runner discards what was
  stored of the source and quarantines it exactly as when parsing here. A child that dies without
  a word (killed, out of memory) is a :class:`StageError` naming the file.
- **No child left behind.** The child is killed with this process (``PR_SET_PDEATHSIG``) and ignores
  Ctrl-C; an error or interrupt here kills and reaps it before it propagates.
- Small sources, documents (PDFs and pictures: OCR has threads and programs of its own) and systems
  without ``fork`` and ``prctl`` (anything but Linux) are parsed in this process. The rows, the
  batches and so the case are the same either way.
"""

from __future__ import annotations

import ctypes
import logging
import marshal
import os
import pickle
import queue
import signal
import sys
import threading
from collections.abc import Iterable, Iterator
from multiprocessing import Pipe
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from redactor.case import CaseStore
from redactor.case.codec import item_row, person_to_row, segment_to_row
from redactor.case.people import Booked
from redactor.case.sources import Attached
from redactor.errors import CorruptInput, StageError
from redactor.logs import safe_exception
from redactor.records import DerivedFile, Mention, Person, Refused, Source

log = logging.getLogger(__name__)

SAVE_ITEMS = 5_000  # items stored in one transaction (hash-keyed index pages are rewritten once per save)
SAVE_CHARS = 4_000_000  # ... or fewer when they hold this much text (a word box counts 64): memory stays bounded
CHILD_BYTES = 1 << 20  # sources this large are parsed in a child process (smaller: starting it costs more than it saves)
QUEUED = 1  # batches received and waiting to be stored while one is stored
CHILD_TYPES = frozenset(("application/zip", "application/xml", "text/xml", "text/plain", "application/json", "text/csv"))
DEFER_ITEMS = 20_000  # a source with this many items stored (and as many as the rest of the case) defers their indexes
MAX_REFUSED = 10_000  # refused parts of one source held until it is stored; more, and the whole file is refused

# item rows, segment rows, people (CaseStore.add_to_book), files found inside (CaseStore.add_derived)
Rows = tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[str, str, str]]]
Counts = tuple[int, int, int]  # items, people and files stored so far
Extracted = tuple[int, Attached, Booked, tuple[Refused, ...]]


def extract_source(store: CaseStore, extract, source: Source, path: Path) -> Extracted:
    """Store every item ``extract`` finds in ``source``, a batch per transaction; the item count, the files
    found inside it (attachments, waiting for ``store.attached``'s chunks), the people it names (in the
    case's book, for ``store.add_people``) and the parts of it its reader refused (for the runner to quarantine)."""
    store.open_book()
    store.open_derived()
    indexes = _ItemIndexes(store)
    try:
        if _in_child(source):
            return _from_child(store, extract, source, path, indexes)
        counts, refused = (0, 0, 0), _Refusals(path)
        for batch in _batches(source, extract(source, path)):
            counts = _take(store, batch, counts, refused, indexes)
        return _result(store, counts, refused)
    finally:
        indexes.restore()  # before anything reads items by source (a failure discards them so)


def _take(store: CaseStore, batch: Rows | Refused, counts: Counts, refused: _Refusals, indexes: _ItemIndexes) -> Counts:
    """Store a batch of rows, or keep a refused part for the runner."""
    if isinstance(batch, Refused):
        refused.add(batch)
        return counts
    counts = _save(store, batch, counts)
    indexes.saved(counts[0])
    return counts


def _save(store: CaseStore, rows: Rows, counts: Counts) -> Counts:
    """Store a batch in one transaction; the items, people and files counted so far."""
    items, segments, people, files = rows
    count, named, found = counts
    with store.transaction():
        store.save_rows(items, segments)
        named += store.add_to_book(people) if people else 0
        found += store.add_derived(files) if files else 0
    return count + len(items), named, found


def _result(store: CaseStore, counts: Counts, refused: _Refusals) -> Extracted:
    count, named, found = counts
    return count, store.attached(found), store.booked(named), tuple(refused.parts)


class _ItemIndexes:
    """Drops the items' and segments' secondary indexes once the source being stored is large, and creates them again
    when it is done (``CaseStore.defer_item_indexes``): from ``DEFER_ITEMS`` items on, when it holds at least as many
    as the rest of the case (creating them again reads every item and segment of the case)."""

    def __init__(self, store: CaseStore) -> None:
        self.store = store
        self.others: int | None = None  # items of the rest of the case, counted once the source reaches DEFER_ITEMS
        self.deferred = False

    def saved(self, count: int) -> None:
        """``count`` items of the source are stored."""
        if self.deferred or count < DEFER_ITEMS:
            return
        if self.others is None:
            self.others = self.store.count_all_items() - count
        if count >= self.others:
            self.store.defer_item_indexes()
            self.deferred = True

    def restore(self) -> None:
        if self.deferred:
            self.store.restore_item_indexes()


class _Refusals:
    """The refused parts of a source, held until the runner stores it: at most ``MAX_REFUSED`` (a file with more is
    not what its reader took it for, or is damaged throughout: it is refused whole, naming the first)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.parts: list[Refused] = []

    def add(self, part: Refused) -> None:
        self.parts.append(part)
        if len(self.parts) > MAX_REFUSED:
            first = self.parts[0]
            raise CorruptInput(
                f"{self.path}: more than {MAX_REFUSED:,} of its parts could not be read (the first, {first.locator}: "
                f"{first.code}); the whole file was refused"
            )


def _in_child(source: Source) -> bool:
    return source.size >= CHILD_BYTES and source.media_type in CHILD_TYPES and sys.platform == "linux" and (os.cpu_count() or 1) > 1


def _batches(source: Source, records: Iterable[Any]) -> Iterator[Rows | Refused]:
    """The items, people and files among ``records`` as rows, a batch at a time; a refused part as it comes.

    Each item becomes its rows at once and is dropped: a batch holds plain tuples of text, which the
    garbage collector stops tracking, rather than thousands of records it walks on every pass."""
    source_id = source.source_id
    items: list[tuple[Any, ...]] = []
    segments: list[tuple[Any, ...]] = []
    people: list[tuple[Any, ...]] = []
    files: list[tuple[str, str, str]] = []
    ordinal = size = 0
    for record in records:
        if isinstance(record, DerivedFile):
            files.append((str(record.path), record.name, record.locator))
            if len(files) >= SAVE_ITEMS:
                yield items, segments, people, files
                items, segments, people, files, size = [], [], [], [], 0
        elif isinstance(record, Person | Mention):
            mention = isinstance(record, Mention)
            people.append((int(mention), *person_to_row(record.person if mention else record)))
            if len(people) >= SAVE_ITEMS:
                yield items, segments, people, files
                items, segments, people, files, size = [], [], [], [], 0
        elif isinstance(record, Refused):
            yield record
        else:
            ordinal += 1
            items.append(item_row(source_id, ordinal, record))
            item_id = record.item_id
            for seg in record.segments:
                segments.append(segment_to_row(item_id, seg))
                size += len(seg.text) + 64 * len(seg.words)
            if len(items) >= SAVE_ITEMS or size >= SAVE_CHARS:
                yield items, segments, people, files
                items, segments, people, files, size = [], [], [], [], 0
    if items or people or files:
        yield items, segments, people, files


# -- the child process ---------------------------------------------------------------------------
def _from_child(store: CaseStore, extract, source: Source, path: Path, indexes: _ItemIndexes) -> Extracted:
    reader, writer = Pipe(duplex=False)
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child (its work is checked through the parent's results)
        code = 1
        try:
            reader.close()
            _child(extract, source, path, writer, parent)
            code = 0
        finally:
            os._exit(code)  # no clean-up of the parent's objects (the case connection, the audit log) here
    writer.close()
    try:
        return _receive(store, source, path, reader, pid, indexes)
    finally:
        reader.close()
        _stop(pid)


def _child(extract, source: Source, path: Path, conn: Connection, parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C: the parent stops it
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG: die with the parent
    if os.getppid() != parent:
        return  # the parent died before that was set
    try:
        for batch in _batches(source, extract(source, path)):
            conn.send_bytes(_pack(batch))
    except Exception as exc:  # noqa: BLE001 - every failure goes back to the parent, which quarantines the source
        frames = safe_exception(exc)
        conn.send_bytes(_PICKLED + pickle.dumps(("error", _portable(exc), type(exc).__name__, frames), pickle.HIGHEST_PROTOCOL))
        return
    conn.send_bytes(_PICKLED + pickle.dumps(("done",), pickle.HIGHEST_PROTOCOL))


_ROWS, _PICKLED = b"R", b"P"  # the first byte of a message from the child: marshalled rows, or a pickle


def _pack(rows: Rows | Refused) -> bytes:
    """A batch as bytes: marshal (rows hold str, int, float, bytes and None, as SQLite takes them), or a pickle
    when a value is of a type marshal does not write (a str subclass, say, or a refused part)."""
    try:
        return _ROWS + marshal.dumps(rows)
    except ValueError:
        return _PICKLED + pickle.dumps(("rows", rows), pickle.HIGHEST_PROTOCOL)


def _unpack(data: bytes) -> tuple[Any, ...]:
    body = memoryview(data)[1:]
    return ("rows", marshal.loads(body)) if data[:1] == _ROWS else pickle.loads(body)


def _portable(exc: Exception) -> Exception | None:
    """The exception when it survives pickling as itself, else None (the parent rebuilds its type name).

    Its traceback and chained exceptions stay here (with ``tblib`` loaded, as Dask does, they would be
    pickled too, and an lxml syntax error's log cannot be)."""
    exc.__traceback__ = exc.__context__ = exc.__cause__ = None
    try:
        back = pickle.loads(pickle.dumps(exc))
    except Exception:  # noqa: BLE001 - any exception may fail to pickle
        return None
    return back if type(back) is type(exc) and str(back) == str(exc) else None


def _receive(store: CaseStore, source: Source, path: Path, conn: Connection, pid: int, indexes: _ItemIndexes) -> Extracted:
    """Store the batches the child sends, received by a thread meanwhile; when this ends (done, failed or
    interrupted) the child is killed, so the thread meets the pipe's end, and the thread is joined."""
    inbox: queue.Queue[tuple[Any, ...] | None] = queue.Queue(maxsize=QUEUED)
    receiver = threading.Thread(target=_read, args=(conn, inbox), name=f"extract {source.ref}", daemon=True)
    receiver.start()
    try:
        return _store(store, source, path, inbox, indexes)
    finally:
        _kill(pid)
        while receiver.is_alive():  # it may wait to queue a batch: take them until it ends
            try:
                inbox.get(timeout=0.05)
            except queue.Empty:
                pass
        receiver.join()


def _read(conn: Connection, inbox: queue.Queue[tuple[Any, ...] | None]) -> None:
    """In a thread: the child's messages in order, decoded; None when the pipe ends without "done" or "error"."""
    while True:
        try:
            message = _unpack(conn.recv_bytes())
        except Exception:  # noqa: BLE001 - the child died (EOF, a message cut short): said as None
            inbox.put(None)
            return
        inbox.put(message)
        if message[0] != "rows":
            return


def _store(store: CaseStore, source: Source, path: Path, inbox: queue.Queue[tuple[Any, ...] | None], indexes: _ItemIndexes) -> Extracted:
    counts, refused = (0, 0, 0), _Refusals(path)
    while True:
        message = inbox.get()
        if message is None:
            raise StageError(f"{path}: the process reading it stopped unexpectedly (killed, or out of memory)")
        if message[0] == "rows":
            counts = _take(store, message[1], counts, refused, indexes)
        elif message[0] == "done":
            return _result(store, counts, refused)
        else:
            _, exc, name, frames = message
            log.error("extracting %s in a child process failed: %s", source.ref, frames)
            raise exc if exc is not None else type(name, (Exception,), {})()


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _stop(pid: int) -> None:
    """Kill the child if it still runs, and reap it."""
    _kill(pid)
    os.waitpid(pid, 0)
