"""Apple keyed archives (``NSKeyedArchiver``) written by the tests, as ``plistlib`` writes binary property lists: a
Python value becomes objects that refer to each other by ``UID``, with their classes in ``$classes``."""

from __future__ import annotations

import plistlib
from datetime import UTC, datetime
from typing import Any

APPLE_EPOCH = datetime(2001, 1, 1, tzinfo=UTC)


class Obj(dict):
    """An app's own object: its keys as the app writes them, its class named ``cls``."""

    def __init__(self, cls: str, **keys: Any) -> None:
        super().__init__(keys)
        self.cls = cls


def archive(root: Any) -> bytes:
    objects: list[Any] = ["$null"]
    classes: dict[str, plistlib.UID] = {}

    def cls(name: str, *chain: str) -> plistlib.UID:
        if name not in classes:
            objects.append({"$classname": name, "$classes": [name, *chain, "NSObject"]})
            classes[name] = plistlib.UID(len(objects) - 1)
        return classes[name]

    def put(value: Any) -> plistlib.UID:
        if value is None:
            return plistlib.UID(0)
        at = len(objects)
        objects.append(None)
        if isinstance(value, str | int | float | bool | bytes):
            objects[at] = value
        elif isinstance(value, datetime):
            objects[at] = {"NS.time": (value - APPLE_EPOCH).total_seconds(), "$class": cls("NSDate")}
        elif isinstance(value, Obj):
            objects[at] = {k: put(v) for k, v in value.items()} | {"$class": cls(value.cls)}
        elif isinstance(value, dict):
            keys = [put(k) for k in value]
            objects[at] = {"NS.keys": keys, "NS.objects": [put(v) for v in value.values()], "$class": cls("NSDictionary")}
        elif isinstance(value, list):
            objects[at] = {"NS.objects": [put(v) for v in value], "$class": cls("NSArray")}
        else:
            raise TypeError(type(value))
        return plistlib.UID(at)

    top = put(root)
    return plistlib.dumps(
        {"$version": 100000, "$archiver": "NSKeyedArchiver", "$top": {"root": top}, "$objects": objects}, fmt=plistlib.FMT_BINARY
    )
