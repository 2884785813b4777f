"""The case roster: the parties of a case and how to recognise them.

A roster is a YAML file given to ``redactor run --roster FILE``::

    people:
      - name: Hannah Okafor
        role: complainant          # complainant, suspect, witness, officer, other
        aliases: [Han, hanz_ok]
        phones: ["07700 900123"]
        emails: [hannah.ok@example.com]
        addresses: ["12 Mill Lane, Leeds LS6 2AB"]

Roster people are stored in the case as known people with their role and origin
``roster``, so detection flags every mention of them and the policy can tell a case party
from a third party. Their addresses are kept in the case's metadata (``roster.addresses``):
detection finds them (in full, by part, by postcode) and the policy classifies them; they
are part of the detection key, so editing them re-detects.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from redactor.config import load_yaml, problems
from redactor.errors import ConfigError
from redactor.records import Person, stable_id

if TYPE_CHECKING:
    from redactor.case import CaseStore

ROLES = ("complainant", "suspect", "witness", "officer", "other")
ORIGIN = "roster"


class RosterPerson(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1)
    role: Literal["complainant", "suspect", "witness", "officer", "other"]
    aliases: list[str] = Field(default_factory=list)
    phones: list[str] = Field(default_factory=list)
    emails: list[str] = Field(default_factory=list)
    addresses: list[str] = Field(default_factory=list)

    @field_validator("aliases", "phones", "emails", "addresses", mode="before")
    @classmethod
    def _strings(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [value]
        return [str(v) for v in value] if isinstance(value, list) else value


class RosterExhibit(BaseModel):
    """An exhibit as the officer refers to it: which input (file name or case reference such as S0001), its exhibit
    reference and a short description; printed on the bundle's cover and in its index."""

    model_config = ConfigDict(extra="forbid")
    source: str = Field(min_length=1)
    ref: str = ""
    description: str = ""


class RosterFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    case: str = ""
    urn: str = ""
    exhibits: list[RosterExhibit] = Field(default_factory=list)
    people: list[RosterPerson]


CASE_INFO_KEY = "case.info"  # case name, URN and exhibits, for the bundle's cover (all optional)


def load_roster(path: Path) -> tuple[list[Person], dict[str, list[str]]]:
    """People (origin ``roster``) and their addresses by person id; raises ConfigError naming the file."""
    roster = read_roster(path)
    people, addresses = [], {}
    for entry in roster.people:
        person_id = stable_id("roster", " ".join(entry.name.lower().split()))
        people.append(
            Person(
                person_id,
                " ".join(entry.name.split()),
                tuple(entry.aliases),
                tuple(entry.phones),
                tuple(e.lower() for e in entry.emails),
                entry.role,
                ORIGIN,
            )
        )
        if entry.addresses:
            addresses[person_id] = list(entry.addresses)
    return people, addresses


def read_roster(path: Path) -> RosterFile:
    """The validated roster file; raises ConfigError naming the file."""
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"roster {path}: cannot be read (No such file or directory)", hint="check the path to the roster file")
    raw = load_yaml(path, "roster", hint="see the example in redactor/decide/roster.py")
    try:
        return RosterFile.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(
            f"roster {path}: {problems(exc, limit=3)}", hint=f"each person needs a name and a role ({', '.join(ROLES)})"
        ) from None


def case_info(roster: RosterFile) -> dict[str, Any]:
    return {"case": roster.case, "urn": roster.urn, "exhibits": [e.model_dump() for e in roster.exhibits]}


def store_roster(store: CaseStore, path: Path) -> int:
    """Load a roster into the case: people (with roles) and their addresses; audited with counts and the file hash."""
    people, addresses = load_roster(path)
    store.add_people(people)
    store.set_roster_addresses(addresses)
    store.set_meta(CASE_INFO_KEY, json.dumps(case_info(read_roster(path)), sort_keys=True))
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    roles = {role: sum(p.role == role for p in people) for role in ROLES}
    store.log(
        "decide",
        "roster.loaded",
        {"sha256": digest, "people": len(people), "roles": roles, "addresses": sum(len(v) for v in addresses.values())},
    )
    return len(people)
