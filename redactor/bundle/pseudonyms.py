"""Pseudonyms (``redactor bundle --pseudonyms``): each redacted person is shown as "Person A", "Person B", ...

The same person gets the same label everywhere in the bundle and in every later bundle of the
case: the key (who is which letter) is kept in the case (``case.db`` meta ``bundle.pseudonyms``),
never in the bundle. A person is the known person the policy matched (the flag's ``person_id``),
else the redacted name itself, normalised; the key stores a hash of the name, not the name.
New people get the next free letters in the order they first appear in the bundle.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any

from redactor.bundle.scrub import normalise

KEY = "bundle.pseudonyms"
PERSON = "PERSON"


def person_key(person_id: str | None, value: str) -> str:
    if person_id:
        return f"person:{person_id}"
    return "name:" + hashlib.sha256(normalise(value).encode()).hexdigest()[:16]


def letters(n: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA, ..."""
    out = ""
    n += 1
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def assign(store: Any, keys: Iterable[str]) -> dict[str, str]:
    """The case's key, extended with letters for keys it has not seen; saved back when it grew."""
    try:
        known: dict[str, str] = json.loads(store.meta(KEY) or "{}")
    except ValueError:
        known = {}
    grew = False
    for key in keys:
        if key not in known:
            known[key] = f"Person {letters(len(known))}"
            grew = True
    if grew:
        store.set_meta(KEY, json.dumps(known, sort_keys=True))
        store.log("bundle", "pseudonyms.assigned", {"people": len(known)})
    return known


def pseudonyms_for(store: Any, flag_ids: Iterable[str], values: Mapping[str, tuple[str, str]]) -> dict[str, str]:
    """Flag id -> "Person X" for every person-name flag among ``flag_ids`` (in bundle order).

    ``values`` maps flag id to (entity, value)."""
    ordered = [fid for fid in dict.fromkeys(flag_ids) if values.get(fid, ("", ""))[0] == PERSON]
    known = {normalise(n): p.person_id for p in store.people() for n in (p.name, *p.aliases) if n}  # same person, any spelling
    keys = {}
    for fid in ordered:
        value = values[fid][1]
        keys[fid] = person_key(store.flag(fid).explanation.get("person_id") or known.get(normalise(value)), value)
    key = assign(store, keys.values())
    return {fid: key[k] for fid, k in keys.items()}
