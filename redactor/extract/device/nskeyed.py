"""Apple's keyed archives (``NSKeyedArchiver``): the binary property lists iOS apps store objects in, read into plain
Python values.

An archive is a property list ``{"$archiver": "NSKeyedArchiver", "$top": {...}, "$objects": [...]}`` whose objects
refer to each other by index (``plistlib.UID``). :func:`unarchive` follows those references from ``$top["root"]``:

- a dictionary (``NS.keys`` and ``NS.objects``) becomes a ``dict``, an array or set (``NS.objects``) a ``list``, a
  string (``NS.string``, or the string itself) a ``str``, data (``NS.data``) ``bytes``, a date (``NS.time``: seconds
  since 2001-01-01 UTC) a UTC ``datetime``, a URL its ``NS.relative`` under that key (and ``NS.base``);
- any other object (an app's own class) a ``dict`` of its keys, as the app wrote them ("NSString*senderPk"), with the
  class's name under ``$class``; ``$null`` is None.

Archives are evidence, and may be damaged or hostile: references out of range, a cycle, nesting deeper than
:data:`MAX_DEPTH`, or more than :data:`MAX_VALUES` values (objects shared by reference are read each time they are
referred to, so a crafted archive could otherwise expand exponentially) raise :class:`NotAnArchive`, as does anything that is not a keyed archive; a reader refuses that
row alone. Nothing is executed and no class is instantiated.
"""

from __future__ import annotations

import plistlib
from datetime import UTC, datetime, timedelta
from typing import Any

MAX_DEPTH = 64
MAX_VALUES = 200_000  # values read out of one archive: shared references cannot blow it up (a "billion laughs")
MAX_BYTES = 16 << 20  # one archive (a message's is a few kilobytes)
APPLE_EPOCH = datetime(2001, 1, 1, tzinfo=UTC)
_DICTS = {"NSDictionary", "NSMutableDictionary"}
_LISTS = {"NSArray", "NSMutableArray", "NSSet", "NSMutableSet", "NSOrderedSet", "NSMutableOrderedSet"}
_STRINGS = {"NSString", "NSMutableString"}
_DATA = {"NSData", "NSMutableData"}


class NotAnArchive(ValueError):
    """The bytes are not a keyed archive that can be read (damaged, not one, or hostile)."""


def unarchive(data: bytes) -> Any:
    """The root object of the keyed archive ``data`` (see the module's docstring)."""
    if not isinstance(data, bytes | bytearray) or len(data) > MAX_BYTES:
        raise NotAnArchive("not an archive of a readable size")
    try:
        archive = plistlib.loads(bytes(data))
    except Exception as exc:  # plistlib raises many kinds on damaged input
        raise NotAnArchive(f"not a property list ({type(exc).__name__})") from None
    if not isinstance(archive, dict) or not isinstance(archive.get("$objects"), list) or not isinstance(archive.get("$top"), dict):
        raise NotAnArchive("a property list, but no keyed archive")
    root = archive["$top"].get("root", next(iter(archive["$top"].values()), None))
    return _Reader(archive["$objects"]).value(root, 0, ())


class _Reader:
    def __init__(self, objects: list[Any]) -> None:
        self.objects = objects
        self.read = 0

    def value(self, ref: Any, depth: int, path: tuple[int, ...]) -> Any:
        self.read += 1
        if depth > MAX_DEPTH or self.read > MAX_VALUES:
            raise NotAnArchive("nested too deeply or too many values")
        if not isinstance(ref, plistlib.UID):
            return self.plain(ref, depth, path)
        index = ref.data
        if not 0 <= index < len(self.objects):
            raise NotAnArchive("a reference out of range")
        if index in path:
            raise NotAnArchive("a reference cycle")
        found = self.objects[index]
        if found == "$null":
            return None
        return self.plain(found, depth, (*path, index))

    def plain(self, found: Any, depth: int, path: tuple[int, ...]) -> Any:
        if isinstance(found, list):
            return [self.value(x, depth + 1, path) for x in found]
        if not isinstance(found, dict):
            return found  # a string, number, bytes, bool or date as the property list holds it
        name = self.class_name(found.get("$class"))
        if name in _DICTS or ("NS.keys" in found and "NS.objects" in found):
            keys = [self.value(k, depth + 1, path) for k in found.get("NS.keys") or []]
            values = [self.value(v, depth + 1, path) for v in found.get("NS.objects") or []]
            return {str(k): v for k, v in zip(keys, values, strict=False)}
        if name in _LISTS or (name is None and "NS.objects" in found):
            return [self.value(v, depth + 1, path) for v in found.get("NS.objects") or []]
        if name in _STRINGS or "NS.string" in found:
            return self.value(found.get("NS.string"), depth + 1, path)
        if name in _DATA or "NS.data" in found:
            return self.value(found.get("NS.data"), depth + 1, path)
        if "NS.time" in found and isinstance(found["NS.time"], int | float):
            try:
                return APPLE_EPOCH + timedelta(seconds=float(found["NS.time"]))
            except OverflowError:
                return None
        out = {str(k): self.value(v, depth + 1, path) for k, v in found.items() if k != "$class"}
        if name:
            out["$class"] = name
        return out

    def class_name(self, ref: Any) -> str | None:
        if isinstance(ref, plistlib.UID) and 0 <= ref.data < len(self.objects):
            described = self.objects[ref.data]
            if isinstance(described, dict) and isinstance(described.get("$classname"), str):
                return described["$classname"]
        return None
