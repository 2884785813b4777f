"""Generate ``data/multilingual.jsonl``: person names of many countries in chat and statement text.

    pip install mimesis==22.2.0   # only to regenerate; the generated file is committed
    python -m benchmarks.eval.multilingual

Names come from the locale data of ``mimesis`` 22.2.0 (MIT licence, © Isaak Uchakaev and
contributors): given names and surnames of the locales below, in Latin, Greek and Cyrillic script.
It is independent of the held-out data (WNUT-17/CoNLL-2003 test, presidio-research, Faker, TAB)
and of the lists detection uses (gender-guesser's ``nam_dict.txt``, US Census surnames). The
sentences are written here. Records have the public sets' shape: ``{"doc_id", "text", "entities"}``.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from benchmarks.eval.generate import DATA

LOCALES = ("pl", "hu", "cs", "sk", "hr", "de", "fr", "es", "it", "pt", "pt-br", "tr", "et", "fi", "sv", "da", "no", "nl", "is",
           "az", "en-gb", "el", "ru", "uk", "kk")  # fmt: skip
TEMPLATES = (
    "I met {F} {L} at the bus station yesterday.",
    "{F} {L} sent the money on Friday.",
    "can you ask {f} to ring me back",
    "me and {f} are going out later x",
    "The witness, {F} {L}, said she saw the car.",
    "{F}'s brother lives near the shop.",
    "Thanks {F}! See you tomorrow",
    "Statement of {F} {L}",
    "Transfer from {L} {F} received.",
    "hey {f} hows it going",
    "{F} {L} (mum) called twice last night",
    "My landlord is Mr {L}.",
    "Is {F} still seeing {F2} {L2}?",
    "I told {F} {L} that I did not want to go.",
    "She was with {F} and {F2} all evening.",
    "Reply from {F} {L}: ok will do",
    "Contact name: {F} {L}",
    "{L}, {F} - account holder",
    "dont tell {f} about it",
    "We stayed at {F} {L}'s flat for two nights.",
)
NEGATIVES = (
    "The bus was late again this morning.",
    "Can you bring the charger when you come?",
    "Meeting moved to Thursday at the station.",
    "lol no way, see you at 8",
    "Exhibit list updated: 12 items, 3 photographs.",
    "The shop on the corner is closed on Sundays.",
    "Please confirm the delivery address by email.",
    "Happy New Year to everyone in the group!",
)
SLOT = re.compile(r"\{(F2|L2|F|L|f)\}")


def _names(locale: str) -> tuple[list[str], list[str]]:
    from importlib import resources

    raw = json.loads(resources.files("mimesis").joinpath(f"datasets/{locale}/person.json").read_text(encoding="utf-8"))

    def flat(value: object) -> list[str]:
        items = [n for group in value.values() for n in group] if isinstance(value, dict) else list(value)  # type: ignore[union-attr]
        return sorted({n for n in items if isinstance(n, str) and n.isalpha() and n[:1].isupper()})

    return flat(raw["names"]), flat(raw["surnames"])


def generate(n: int = 500, seed: int = 17) -> list[dict]:
    rng = random.Random(seed)
    pools = {loc: _names(loc) for loc in LOCALES}
    out = []
    for i in range(n):
        if i % 10 == 9:
            out.append({"doc_id": f"ml-{i:04d}", "locale": "", "text": rng.choice(NEGATIVES), "entities": []})
            continue
        locale = LOCALES[i % len(LOCALES)]
        first, last = pools[locale]
        values = {"F": rng.choice(first), "L": rng.choice(last), "F2": rng.choice(first), "L2": rng.choice(last)}
        values["f"] = values["F"].lower()
        template, text, entities, pos = rng.choice(TEMPLATES), "", [], 0
        for m in SLOT.finditer(template):
            text += template[pos : m.start()]
            start = len(text)
            text += values[m.group(1)]
            entities.append({"start": start, "end": len(text), "label": "PERSON"})
            pos = m.end()
        text += template[pos:]
        out.append({"doc_id": f"ml-{i:04d}", "locale": locale, "text": text, "entities": _join(text, entities)})
    return out


def _join(text: str, entities: list[dict]) -> list[dict]:
    """Adjacent name parts ("{F} {L}", "{L}, {F}") are one name."""
    merged: list[dict] = []
    for e in entities:
        if merged and text[merged[-1]["end"] : e["start"]] in (" ", ", "):
            merged[-1] = {**merged[-1], "end": e["end"]}
        else:
            merged.append(e)
    return merged


def main() -> None:
    path = Path(DATA) / "multilingual.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in generate()), encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
