"""Generate the evaluation set: ``python -m benchmarks.eval.generate`` writes ``data/dev.jsonl`` and ``data/heldout.jsonl``.

Each record: ``{"id", "split", "kind", "text", "people", "labels": [{"start", "end", "type"}]}``. ``people`` are the
people the case knows (roster, address book) as the detector would be told about them; labels of type
``person_known`` are mentions of them. The generator is seeded, so the files are reproducible.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from benchmarks.eval import templates as T
from benchmarks.eval import values as V

DATA = Path(__file__).resolve().parent / "data"
SLOT = re.compile(r"\{([A-Za-z_]+)\}")
ARTICLES = ("a ", "an ", "the ")

SIMPLE = {
    "PHONE": ("phone", V.phone),
    "POSTCODE": ("postcode", V.postcode),
    "NINO": ("nino", V.nino),
    "NHS": ("nhs", V.nhs),
    "CARD": ("card", V.card),
    "REG": ("vehicle_reg", V.vehicle_reg),
    "IBAN": ("iban", V.iban),
    "PASSPORT": ("passport", V.passport),
    "PNC": ("pnc", V.pnc),
    "CRO": ("cro", V.cro),
    "IMEI": ("imei", V.imei),
    "ICCID": ("iccid", V.iccid),
    "IP": ("ip", V.ip),
    "MAC": ("mac", V.mac),
    "DOB": ("dob", V.dob),
    "CRIMEREF": ("reference", V.crime_ref),
    "URN": ("reference", V.urn),
    "CUSTODY": ("reference", V.custody),
    "COURTREF": ("reference", V.court_case),
}


class Case:
    """The people of one generated record: two known people (one with an alias) and a pool of others."""

    def __init__(self, rng: random.Random, first: list[str], surnames: list[str]) -> None:
        self.rng = rng
        picks = rng.sample(first, 6)
        sur = rng.sample(surnames, 6)
        self.known = [(picks[0], sur[0]), (picks[1], sur[1])]
        self.alias = rng.choice(["Kez", "Tee", "Big J", "Lils", "Dec", "Bubs", "Shaz", "Mo"])
        self.others = list(zip(picks[2:], sur[2:], strict=True))
        self.first_names, self.surnames = first, surnames

    def people(self) -> list[dict]:
        (f0, s0), (f1, s1) = self.known
        return [
            {"name": f"{f0} {s0}", "aliases": [self.alias], "role": "complainant"},
            {"name": f"{f1} {s1}", "aliases": [], "role": "witness"},
        ]

    def other(self) -> tuple[str, str]:
        return self.rng.choice(self.others)


def render(slot: str, case: Case) -> tuple[str, str | None]:
    rng = case.rng
    if slot in SIMPLE:
        label, fn = SIMPLE[slot]
        return fn(rng), label
    first, surname = rng.choice(case.known)
    other_first, other_surname = case.other()
    handle = rng.choice(V.HANDLES)
    match slot:
        case "KNOWN_FULL":
            return f"{first} {surname}", "person_known"
        case "KNOWN_FIRST":
            return first, "person_known"
        case "KNOWN_FIRST_LC":
            return first.lower(), "person_known"
        case "known_first_lc":
            return first.lower(), "person_known"
        case "KNOWN_ALIAS":
            return case.alias, "person_known"
        case "OTHER_FULL":
            return f"{other_first} {other_surname}", "person_other"
        case "OTHER_FIRST":
            return other_first, "person_other"
        case "OTHER_TITLED":
            return f"{rng.choice(V.TITLES)} {other_surname}", "person_other"
        case "OFFICER":
            rank = rng.choice(V.RANKS)
            collar = f" {rng.randrange(100, 9999)}" if rng.random() < 0.5 else ""
            name = other_surname if rng.random() < 0.6 else f"{other_first} {other_surname}"
            return f"{rank}{collar} {name}", "person_other"
        case "EMAIL":
            local = (
                rng.choice([f"{other_first}.{other_surname}", f"{other_first}{rng.randrange(80, 99)}", f"{other_surname}_{other_first[0]}"])
                .lower()
                .replace("'", "")
            )
            return f"{local}@{rng.choice(V.DOMAINS)}", "email"
        case "SORT":
            return V.sort_code_account(rng)[0], "bank"
        case "ACCOUNT":
            return V.sort_code_account(rng)[1], "bank"
        case "DL":
            return V.driving_licence(rng, other_surname), "driving_licence"
        case "HANDLE":
            return handle, "handle"
        case "URL":
            return V.url(rng, handle), "url"
        case "ADDRESS":
            number = rng.choice(
                [f"{rng.randrange(1, 220)}", f"Flat {rng.randrange(1, 30)}, {rng.randrange(1, 90)}", f"{rng.randrange(1, 120)}a"]
            )
            town = f", {rng.choice(V.TOWNS)}" if rng.random() < 0.8 else ""
            pc = f" {V.postcode(rng)}" if rng.random() < 0.7 else ""
            return f"{number} {rng.choice(V.STREETS)}{town}{pc}", "address"
        case "town":
            return rng.choice(V.TOWNS), None
    if slot in T.SPECIAL:
        return rng.choice(T.SPECIAL[slot]), "special"
    raise KeyError(f"unknown slot {slot}")


def fill(template: str, case: Case) -> tuple[str, list[dict]]:
    out, labels, pos = [], [], 0
    length = 0
    for m in SLOT.finditer(template):
        literal = template[pos : m.start()]
        out.append(literal)
        length += len(literal)
        value, label = render(m.group(1), case)
        if label is not None:
            start, end = length, length + len(value)
            if label == "special":
                for article in ARTICLES:
                    if value.lower().startswith(article):
                        start += len(article)
            labels.append({"start": start, "end": end, "type": label})
        out.append(value)
        length += len(value)
        pos = m.end()
    out.append(template[pos:])
    return "".join(out), labels


def generate(split: str, n: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    if split == "heldout":
        groups = {"chat": T.HELDOUT_CHAT, "statement": T.HELDOUT_STATEMENT, "notes": T.HELDOUT_NOTES, "negative": T.HELDOUT_NEGATIVE}
        first, surnames = V.HELDOUT_FIRST, V.HELDOUT_SURNAME
    else:
        groups = {"chat": T.CHAT, "statement": T.STATEMENT, "notes": T.NOTES, "negative": T.NEGATIVE}
        first, surnames = V.DEV_FIRST, V.DEV_SURNAME
    records = []
    for i in range(n):
        kind = rng.choice(list(groups))
        case = Case(rng, first, surnames)
        # a record holds one to three sentences of the same kind, joined as a chat or a paragraph
        parts = [fill(rng.choice(groups[kind]), case) for _ in range(rng.randint(1, 3))]
        sep = "\n" if kind in ("chat", "notes") else " "
        text, labels, offset = "", [], 0
        for j, (part, part_labels) in enumerate(parts):
            if j:
                text += sep
            offset = len(text)
            text += part
            labels += [{**lab, "start": lab["start"] + offset, "end": lab["end"] + offset} for lab in part_labels]
        records.append({"id": f"{split}-{i:04d}", "split": split, "kind": kind, "text": text, "people": case.people(), "labels": labels})
    return records


def main() -> None:
    DATA.mkdir(exist_ok=True)
    for split, n, seed in (("dev", 600, 20240501), ("heldout", 300, 99112233)):
        path = DATA / f"{split}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for record in generate(split, n, seed):
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
