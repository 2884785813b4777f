"""A small reader of the protocol-buffer wire format, for the apps that keep a message's body in one (Apple Notes,
Snapchat): fields are walked by number, every length checked against the buffer, nothing else decoded and no schema
needed. Lengths and numbers that run past the end, and wire types no buffer uses (3 and 4: groups, long deprecated),
raise :class:`WireError`, so a damaged body is refused, never read as something else."""

from __future__ import annotations

from collections.abc import Iterator

VARINT, FIXED64, LENGTH, FIXED32 = 0, 1, 2, 5


class WireError(ValueError):
    """A buffer that is not in the protocol-buffer wire format (or is cut short)."""


def fields(data: bytes) -> Iterator[tuple[int, int, int | bytes]]:
    """Every field of one message, in order: (number, wire type, value): an int for a varint, bytes otherwise."""
    at = 0
    while at < len(data):
        key, at = varint(data, at)
        wire, number = key & 7, key >> 3
        if wire == VARINT:
            value, at = varint(data, at)
            yield number, wire, value
            continue
        if wire == LENGTH:
            size, at = varint(data, at)
        elif wire in (FIXED64, FIXED32):
            size = 8 if wire == FIXED64 else 4
        else:
            raise WireError(f"wire type {wire}, which no buffer of this kind holds")
        if at + size > len(data):
            raise WireError("a field runs past the end of the buffer")
        yield number, wire, data[at : at + size]
        at += size


def field(data: bytes, number: int) -> bytes | None:
    """The first length-delimited field ``number`` of a message (an embedded message, text or bytes), or None."""
    return next((value for found, wire, value in fields(data) if found == number and wire == LENGTH), None)  # type: ignore[misc]


def number(data: bytes, field_number: int) -> int | None:
    """The first varint field ``field_number`` of a message, or None."""
    return next((value for found, wire, value in fields(data) if found == field_number and wire == VARINT), None)  # type: ignore[misc]


def walk(data: bytes, *path: int) -> bytes | None:
    """The length-delimited field at ``path`` (field 4 of field 4 of ...), taking the first of any repeated field."""
    for step in path:
        found = field(data, step)
        if found is None:
            return None
        data = found
    return data


def varint(data: bytes, at: int) -> tuple[int, int]:
    """The varint at ``at`` and the offset after it."""
    value = shift = 0
    while at < len(data) and shift < 64:
        byte = data[at]
        value |= (byte & 0x7F) << shift
        at += 1
        if not byte & 0x80:
            return value, at
        shift += 7
    raise WireError("a number runs past the end of the buffer")
