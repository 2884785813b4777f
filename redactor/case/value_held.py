"""What a filing holds of the values it created and the policy just decided redact, for the policy's spread: their
member flags as the spread reads a value's members (:meth:`ValueSpread.spread_values`), without reading them back."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from redactor.case.actors import POLICY
from redactor.case.value_filed import Filed
from redactor.case.value_spread import EXPLAINED
from redactor.records import REDACT


class Redacted(Mapping[str, list[dict[str, Any]]]):
    """The member flags of values this filing created and the policy just decided redact, as the spread reads a value's
    members (:meth:`ValueSpread.spread_values`), made when the spread asks for a value's (a million messages: 135,000):
    every member is redacted now, each with what it was filed with and the value's person. Only the first member (by id)
    of each text: the spread takes a text's first flag, and a person's (the value's). A value whose explanation holds
    anything but text, or whose first members were not held, is not here (the spread reads it from the case)."""

    def __init__(self, redacted: Iterable[dict[str, Any]], created: dict[str, Filed]) -> None:
        self._values = {c["value_id"]: (c["code"], c["person_id"]) for c in redacted if c["value_id"] in created}
        self._created = {v: created[v] for v in self._values}  # each given once, then dropped
        self.given = 0
        self._last: tuple[str | None, list[Any] | None] = (None, None)

    def __getitem__(self, value_id: str) -> list[dict[str, Any]]:
        if (firsts := self._firsts(value_id)) is None:
            raise KeyError(value_id)
        code, person_id = self._values.pop(value_id)  # asked once: what the filing held of it goes
        del self._created[value_id]
        self._last, self.given = (None, None), self.given + 1
        return [
            {
                "flag_id": r.flag_id,
                "entity": r.entity,
                "code": code,
                "explanation": {k: getattr(r, k) for k in EXPLAINED},
                "text": r.value,
                "value_id": value_id,
                "decision": REDACT,
                "value_code": code,
                "decided_by": POLICY,
                "person_id": person_id,  # the value's person, as the spread reads it (value_clusters)
            }
            for r in firsts
        ]

    def __contains__(self, value_id: object) -> bool:
        return isinstance(value_id, str) and self._firsts(value_id) is not None

    def __iter__(self) -> Iterator[str]:
        return (v for v in self._values if v in self)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def _firsts(self, value_id: str) -> list[Any] | None:
        if self._last[0] != value_id:  # asked whether it holds a value, then for it: made once
            firsts = self._created[value_id].first_members() if value_id in self._values else None
            ok = firsts is not None and all(isinstance(getattr(r, k), str | None) for r in firsts for k in EXPLAINED)
            self._last = (value_id, firsts if ok else None)
        return self._last[1]
