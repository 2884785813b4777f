"""JSON exports read in two streaming passes, so memory stays flat however many messages they hold.

Telegram's ``result.json`` and Meta's ``message_N.json`` are one JSON object with one or more long
arrays of messages (``messages``, ``chats.list.item.messages``) and small fields around them, some
of which come *after* the messages (Meta's ``thread_path`` and ``title``). So:

1. :func:`load_skeleton` parses the whole file with ijson's events and builds the document as
   ``json.load`` would, except that each long array is an empty :class:`Streamed` stand-in that only
   knows how many values it holds (the values themselves are skipped, not kept);
2. :meth:`Skeleton.values` streams the long arrays' values again (ijson's C builder), in document
   order, each array in turn.

One value of a long array (a message) that cannot be read is left out alone: nested deeper than ``MAX_DEPTH``, over
``MAX_VALUE`` (its characters, and ``EVENT`` for each value inside it), or holding a key over ``MAX_KEY``
characters. The first pass marks it (its events are only counted, never built) and the second streams an
:class:`Unread` in its place, also without building it; the reader refuses that message alone
(:class:`~redactor.records.Refused`) and reads the rest. A file with such a value is streamed by a Python loop over
ijson's events (300,000 messages: 5-6 s against 1.4 s with ijson's C builder); every other file as before.

A file that stops being well-formed JSON (cut short by a partial copy, a syntax error, bytes that are not UTF-8) once
its messages have begun keeps the messages before that point: the skeleton says where (:attr:`Skeleton.cut`, the
array the break fell in and the complete messages before it; a message cut in two is not one), the second pass
streams those messages and stops before the break, and the reader refuses the rest of the file as one part. A
streamed parser cannot find where the next message starts after a syntax error, so nothing after it is read. A file
that breaks before any message is refused whole, with one-line :class:`CorruptInput` / :class:`EmptyInput` /
:class:`TooLargeInput` errors naming the file; the runner quarantines the source and the batch goes on.
"""

from __future__ import annotations

import itertools
from collections.abc import Generator, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import ijson

from redactor.errors import CorruptInput, EmptyInput, InputError, TooLargeInput

MAX_JSON = 1 << 30
BOM = b"\xef\xbb\xbf"
MAX_DEPTH = 64  # exports nest a few levels; thousands is a hostile file (and ijson's prefixes grow with depth)
MAX_KEY = 1024
MAX_VALUE = 16 << 20  # one message (Telegram sends at most 4,096 characters, Messenger 20,000): its characters, and
EVENT = 16  # for each value inside it (a map, a list, a number: a built message holds an object for each)
VALUE_STARTS = frozenset(("start_map", "start_array", "string", "number", "boolean", "null"))


@dataclass(eq=False)
class Streamed:
    """A long array left out of the skeleton: where it is (``prefix``) and how many values it holds."""

    prefix: str
    count: int = 0


@dataclass(frozen=True)
class Unread:
    """A value of a long array that was not built (streamed in its place): why, without the file's name, and the
    error that refuses it (``error(message)``)."""

    problem: str
    error: type[InputError]


@dataclass(frozen=True)
class Cut:
    """Where a file stopped being well-formed JSON after its messages began: in ``array`` (None: after the last array,
    every message read), after ``messages`` complete messages of the file; ``problem`` says so, naming the file."""

    array: Streamed | None
    messages: int
    problem: str

    def error(self) -> CorruptInput:
        return CorruptInput(self.problem)


@dataclass
class Skeleton:
    path: Path
    root: Any
    arrays: list[Streamed] = field(default_factory=list)  # in document order
    unread: dict[int, Unread] = field(default_factory=dict)  # values of the long arrays not built, by position
    cut: Cut | None = None  # where the file stopped being JSON, when it did after its messages began
    _stream: Iterator[Any] | None = None
    _position: int = 0  # values of the long arrays read from the stream so far

    def values(self, array: Streamed) -> Iterator[Any]:
        """The values of ``array``, streamed from the file; arrays are read once each, in document order."""
        index = next(i for i, a in enumerate(self.arrays) if a is array)
        start = sum(a.count for a in self.arrays[:index])
        if start < self._position:
            raise RuntimeError("streamed JSON arrays are read once each, in document order")
        if self._stream is None:
            self._stream = self._counted(_items(self.path, sorted({a.prefix for a in self.arrays}), self.unread))
        for _ in range(start - self._position):  # an earlier array was not read (to its end)
            next(self._stream)
        return itertools.islice(self._stream, array.count)

    def _counted(self, stream: Iterator[Any]) -> Iterator[Any]:
        for value in stream:
            self._position += 1
            yield value


def load_skeleton(path: Path, streamed: tuple[str, ...]) -> Skeleton:
    """The document with every array at one of the ``streamed`` prefixes replaced by a :class:`Streamed`."""
    arrays: list[Streamed] = []
    unread: dict[int, Unread] = {}
    cut: list[tuple[Streamed | None, Exception]] = []
    with _open(path) as handle:
        root = _guarded(path, lambda: _build(ijson.basic_parse(handle, use_float=True), frozenset(streamed), arrays, unread, cut))
    where = _cut(path, cut[0][1], cut[0][0], sum(a.count for a in arrays)) if cut else None
    return Skeleton(path, root, arrays, unread, where)


def _cut(path: Path, exc: Exception, array: Streamed | None, messages: int) -> Cut:
    why = "bytes that are not UTF-8" if isinstance(exc, UnicodeDecodeError) or "utf" in str(exc).lower() else "truncated or damaged"
    if array is None:
        return Cut(None, messages, f"{path}: JSON stops being valid ({why}) after its {messages:,} messages: the rest of the file refused")
    return Cut(
        array,
        messages,
        f"{path}: JSON stops being valid ({why}) after {messages:,} complete messages; a streamed reader cannot find the "
        "next message after that point: the rest of the file refused, the messages before it read",
    )


class _Builder:
    """Builds a value from ijson events, as ``json.load`` would (a repeated key keeps its last value)."""

    def __init__(self) -> None:
        self.value: Any = None
        self.containers: list[Any] = []
        self.key = ""

    def add(self, value: Any) -> None:
        if not self.containers:
            self.value = value
        elif isinstance(top := self.containers[-1], list):
            top.append(value)
        else:
            top[self.key] = value

    def event(self, event: str, value: Any) -> None:
        if event == "map_key":
            self.key = value
        elif event in ("start_map", "start_array"):
            container: Any = {} if event == "start_map" else []
            self.add(container)
            self.containers.append(container)
        elif event in ("end_map", "end_array"):
            self.containers.pop()
        else:
            self.add(value)


def _build(
    events: Iterator[tuple[str, Any]],
    streamed: frozenset[str],
    arrays: list[Streamed],
    unread: dict[int, Unread],
    cut: list[tuple[Streamed | None, Exception]],
) -> Any:
    """The skeleton's root (see :func:`load_skeleton`). A file that stops being JSON after its messages began gives the
    part built so far, and ``cut`` says where: the array the break fell in (None: after the last one) and the error."""
    builder = _Builder()
    path: list[str] = []  # per open container: a map's current key, or "item" (ijson's prefixes)
    skipping: Streamed | None = None
    depth = 0  # containers open inside the array being skipped
    position = size = 0  # values of the long arrays so far; the size of the one being skipped
    problem: Unread | None = None  # why the value being skipped cannot be read
    try:
        for event, value in events:
            if skipping is not None:  # the hot loop: every event of every message
                if event == "start_map" or event == "start_array":
                    if depth == 0:
                        skipping.count += 1
                        position += 1
                        size, problem = 0, None
                    depth += 1
                    size += EVENT
                    if depth + len(path) > MAX_DEPTH and problem is None:
                        problem = Unread(f"is nested deeper than {MAX_DEPTH} levels", CorruptInput)
                elif event == "end_map" or event == "end_array":
                    if depth == 0:
                        skipping = None  # the end of the skipped array
                        continue
                    depth -= 1
                    if depth == 0:
                        if problem is not None or size > MAX_VALUE:
                            unread[position - 1] = problem or _too_large(size)
                        size = 0
                elif event == "map_key":
                    size += len(value) + EVENT
                    if len(value) > MAX_KEY and problem is None:
                        problem = Unread(f"has a {len(value)}-character key (over {MAX_KEY})", CorruptInput)
                else:
                    size += len(value) + EVENT if event == "string" else EVENT
                    if depth == 0:
                        skipping.count += 1
                        position += 1
                        if size > MAX_VALUE:
                            unread[position - 1] = _too_large(size)
                        size = 0
                continue
            if event == "start_array" and ".".join(path) in streamed:
                skipping, depth = Streamed(".".join(path)), 0
                arrays.append(skipping)
                builder.add(skipping)
                continue
            builder.event(event, value)
            if event == "map_key":
                _check_key(value)
                path[-1] = value
            elif event == "start_map" or event == "start_array":
                path.append("" if event == "start_map" else "item")
                if len(path) > MAX_DEPTH:
                    raise CorruptInput(f"JSON nested deeper than {MAX_DEPTH} levels")
            elif event == "end_map" or event == "end_array":
                path.pop()
    except (CorruptInput, MemoryError, RecursionError):
        raise  # a hostile shape outside the messages (a key too long, nesting too deep): refused whole
    except Exception as exc:  # noqa: BLE001 (ijson's backends raise several types)
        if skipping is not None and depth > 0:
            skipping.count -= 1  # a message cut in two is not read
        if not any(a.count for a in arrays):
            raise  # before any complete message: the file is refused whole
        cut.append((skipping, exc))
    return builder.value


def kind(value: Any) -> str:
    """What a JSON value is, for a reason ("a JSON list"): never the value itself."""
    return {dict: "object", list: "list", str: "string", bool: "true or false", type(None): "null"}.get(type(value), "number")


Expected = Mapping[str, tuple[tuple[type, ...], str]]  # field -> the Python types it may be read as, and what to call them


def wrong_field(value: Mapping[str, Any], expected: Expected, prefix: str = "") -> str | None:
    """The first of ``expected``'s fields that ``value`` holds as a JSON value of another type, said as a reason says
    it: ``the field 'from' is a JSON list, not a string or null`` (the field's name, which is the format's, the type
    found and the one expected; never the value). None when each is as expected (or absent)."""
    for key, (types, name) in expected.items():
        if key in value and not isinstance(value[key], types):
            return f"the field '{prefix}{key}' is a JSON {kind(value[key])}, not {name}"
    return None


STRING_OR_NULL = ((str, type(None)), "a string or null")


def _too_large(size: int) -> Unread:
    return Unread(f"is over the limit for one message ({size:,} characters and values; at most {MAX_VALUE:,})", TooLargeInput)


def _check_key(key: str) -> None:
    if len(key) > MAX_KEY:
        raise CorruptInput(f"JSON has a {len(key)}-character key (over {MAX_KEY}); refused as implausible for an export")


def _items(path: Path, prefixes: list[str], unread: dict[int, Unread]) -> Iterator[Any]:
    with _open(path) as handle:
        if unread:  # some values are not to be built: a Python loop over the events, which skips them
            stream = _sparse(ijson.basic_parse(handle, use_float=True), frozenset(prefixes), unread)
        elif len(prefixes) == 1:
            stream = ijson.items(handle, prefixes[0] + ".item", use_float=True)
        else:  # two kinds of long array in one file (hostile or odd): interleave them in document order
            stream = _multi(ijson.parse(handle, use_float=True), {p + ".item" for p in prefixes})
        yield from _guarded_iter(path, stream)


def _multi(events: Iterator[tuple[str, str, Any]], wanted: set[str]) -> Iterator[Any]:
    builder: Any = None
    depth = 0
    for prefix, event, value in events:
        if builder is None:
            if prefix not in wanted or event not in VALUE_STARTS:
                continue
            builder = _Builder()
        builder.event(event, value)
        depth += event in ("start_map", "start_array")
        depth -= event in ("end_map", "end_array")
        if depth == 0:
            yield builder.value
            builder = None


def _sparse(events: Iterator[tuple[str, Any]], streamed: frozenset[str], unread: dict[int, Unread]) -> Iterator[Any]:
    """The values of the long arrays at ``streamed``, in document order, each built, or the :class:`Unread` at its
    position whose events are read past without building anything."""
    path: list[str] = []  # as in _build, outside the long arrays
    position = 0
    for event, value in events:
        if event == "start_array" and ".".join(path) in streamed:
            position = yield from _array(events, position, unread)
        elif event == "map_key":
            path[-1] = value
        elif event == "start_map" or event == "start_array":
            path.append("" if event == "start_map" else "item")
        elif event == "end_map" or event == "end_array":
            path.pop()


def _array(events: Iterator[tuple[str, Any]], position: int, unread: dict[int, Unread]) -> Generator[Any, None, int]:
    """The values of one long array, up to its end (see :func:`_sparse`); the position after its last value."""
    builder: _Builder | None = None
    depth = 0
    for event, value in events:
        opens = event == "start_map" or event == "start_array"
        if depth == 0:
            if event == "end_array":
                return position
            position += 1
            skip = unread.get(position - 1)
            if skip is not None:
                yield skip
                builder = None
            elif opens:
                builder = _Builder()
            else:
                yield value
            if opens:
                depth = 1
                if builder is not None:
                    builder.event(event, value)
            continue
        depth += opens
        depth -= event == "end_map" or event == "end_array"
        if builder is not None:
            builder.event(event, value)
            if depth == 0:
                yield builder.value
                builder = None
    return position


class _open:
    """The file, size-checked, positioned after a UTF-8 byte order mark."""

    def __init__(self, path: Path) -> None:
        size = path.stat().st_size
        if size == 0:
            raise EmptyInput(f"{path}: file is empty")
        if size > MAX_JSON:
            raise TooLargeInput(f"{path}: {size >> 20} MB JSON export is over the {MAX_JSON >> 20} MB limit")
        self.path = path

    def __enter__(self) -> IO[bytes]:
        self.handle = open(self.path, "rb")  # noqa: SIM115 (closed in __exit__)
        if self.handle.read(3) != BOM:
            self.handle.seek(0)
        return self.handle

    def __exit__(self, *exc: object) -> None:
        self.handle.close()


def _guarded(path: Path, build: Any) -> Any:
    try:
        return build()
    except Exception as exc:  # noqa: BLE001 (ijson's backends raise several types)
        raise _corrupt(path, exc) from None


def _guarded_iter(path: Path, stream: Iterator[Any]) -> Iterator[Any]:
    try:
        yield from stream
    except Exception as exc:  # noqa: BLE001
        raise _corrupt(path, exc) from None


def _corrupt(path: Path, exc: Exception) -> Exception:
    if isinstance(exc, CorruptInput):
        return CorruptInput(f"{path}: {exc.message}")
    if isinstance(exc, UnicodeDecodeError) or "utf" in str(exc).lower():
        return CorruptInput(f"{path}: JSON is not valid UTF-8")
    if isinstance(exc, ijson.JSONError | ValueError):
        return CorruptInput(
            f"{path}: not valid JSON (truncated or damaged); a streamed reader cannot find the next message after a "
            "syntax error, so the whole file is refused"
        )
    if isinstance(exc, RecursionError):
        return CorruptInput(f"{path}: JSON nested too deeply")
    return exc
