"""The ``intl`` set: mixed personal data of 31 countries in chat, e-mail, form and letter text.

    python -m benchmarks.eval --set intl [--misses]

Generated at eval time from a seed (nothing committed): names, street addresses, phone numbers and
e-mail addresses from ``mimesis``' locale data (``intl_values.py``; pinned in requirements/lock.txt),
card numbers, IBANs and IP addresses made with their checksums, placed in the sentence frames below
(label-prefixed and bare). Data card: ``INTL.md`` beside this file.

Scoring (``IntlScore``): a value is found when every non-space character of it is covered by some
flag, whatever its label (the other sets' rule). Precision per kind counts the flags whose entity maps
to that kind (``KINDS``) that overlap a value of the kind; "any flag" precision counts every flag
that overlaps any value at all.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

SEED, SIZE = 2611, 1500
SLOT = re.compile(r"\{([A-Za-z_0-9]+)\}")
KINDS = {
    "PERSON": "person", "PHONE_NUMBER": "phone", "EMAIL_ADDRESS": "email", "STREET_ADDRESS": "address", "LOCATION": "address",
    "UK_POSTCODE": "address", "CREDIT_CARD": "card", "IBAN_CODE": "iban", "IP_ADDRESS": "ip",
}  # fmt: skip
PHONE_WORDS = ("Phone", "Tel.", "Tel", "Mob", "Mobile", "Cell", "Fax", "Desk", "WhatsApp", "Telephone", "Phone number", "Work")
FRAMES = {
    "chat": (
        "hi its {FIRST}, new number {PHONE} save it x",
        "{first} said to ring her on {PHONE} after 6",
        "my address is {ADDRESS} if u need it",
        "can u send the money to {IBAN} thx",
        "card is {CARD} exp 09/27 dont lose it",
        "lol {FIRST} {LAST} is at it again, his email is {EMAIL}",
        "whats {first}s number? {PHONE}",
        "meet me at {ADDRESS} at 8",
        "{NAME}: {PHONE}",
        "ok {FIRST} will drop it round to {ADDRESS} tmrw",
        "{FIRST} u there? call me {PHONE}",
        "new place is {ADDRESS} come over whenever",
    ),
    "email": (
        "From: {NAME} <{EMAIL}>\nSubject: Invoice 20771\n\nHi,\nPlease call me on {PHONE} or write to {ADDRESS}.\nRegards,\n{FIRST}",
        "Dear {FIRST},\nThanks for your order. We will ship it to:\n{ADDRESS_LINES}\nQuestions? {PW}: {PHONE}\nKind regards\n{NAME2}",
        "We saw a sign-in from {IP}. Not you? Contact {EMAIL} or {PW} {PHONE}.",
        "{NAME}\nSales manager\n{PW}: {PHONE}\n{PW2}: {PHONE2}\n{EMAIL}",
        "Hello {NAME}, your refund goes to IBAN {IBAN} within five working days.",
        "Dear Mr {LAST},\nthe keys are with the concierge at {ADDRESS}. Ring {PHONE} on arrival.",
    ),
    "form": (
        "Name: {NAME}\nAddress: {ADDRESS}\n{PW}: {PHONE}\nEmail: {EMAIL}",
        "Account holder: {NAME}\nIBAN: {IBAN}\nCard: {CARD}",
        "Full name | {NAME}\nStreet address | {ADDRESS}\nPhone | {PHONE}",
        "Payer: {LAST}, {FIRST}; IBAN {IBAN}; amount EUR 1,250.00; ref INV-2291",
        "Customer: {NAME} | IP: {IP} | Card: {CARD}",
        "Emergency contact: {NAME2} ({PHONE2})",
        "Delivery address\n{ADDRESS_LINES}\nContact: {NAME}, {PHONE}",
    ),
    "letter": (
        "I have known {NAME} for three years. She lives at {ADDRESS} with her sister.",
        "On Friday I went to {NAME}'s flat at {ADDRESS}.",
        "Mr {LAST} gave me his number, {PHONE}, and told me to text him.",
        "The parcel for {NAME} was delivered to {ADDRESS} instead.",
        "{NAME} ({EMAIL}) logged in from {IP} at 02:14.",
        "Please transfer the deposit to {NAME}, {IBAN}, before 1 May.",
        "I paid with my card, {CARD}, and {NAME} kept the receipt.",
        "{NAME} moved to {ADDRESS} last spring and changed her number to {PHONE}.",
    ),
    "bare": (
        "{NAME} {PHONE}",
        "{ADDRESS}",
        "{PHONE}",
        "{NAME}, {ADDRESS}, {PHONE}",
        "{EMAIL}",
        "{NAME2} - {EMAIL}",
    ),
}
# sentences with numbers and capitals but nothing personal, added to some texts: precision must survive them
DISTRACTORS = (
    "Order 4471093 ships in 3-5 days.",
    "Total: EUR 1,299.00 incl. VAT.",
    "Room 12, 2nd floor, Building C.",
    "Version 4.2.1 fixed the crash.",
    "Flight BA 2490 lands at 18:45.",
    "We sold 1,250 units in March.",
    "Call me after 6pm tomorrow.",
    "The meeting is on Tuesday at 10:00 in the Main Hall.",
    "Batch 20231105 expires after 24 months.",
    "Parking costs 3.50 an hour on Station Road.",
)


def _slot_value(rng: random.Random, locale: str, slot: str, names: dict) -> tuple[str, str | None]:
    from benchmarks.eval import intl_values as V

    if slot in ("PW", "PW2"):
        return rng.choice(PHONE_WORDS), None
    if slot in ("NAME", "FIRST", "LAST", "first"):
        name = names["main"]
        return {"NAME": name.full, "FIRST": name.first, "LAST": name.last, "first": name.first.lower()}[slot], "person"
    if slot == "NAME2":
        return names["other"].full, "person"
    if slot in ("PHONE", "PHONE2"):
        return V.phone(rng, locale), "phone"
    if slot == "EMAIL":
        return V.email(rng, names["main"] if rng.random() < 0.7 else None), "email"
    if slot in ("ADDRESS", "ADDRESS_LINES"):
        return V.address(rng, locale, "\n" if slot == "ADDRESS_LINES" else rng.choice((", ", ", ", " "))), "address"
    return {"CARD": V.card, "IBAN": V.iban, "IP": V.ip}[slot](rng), slot.lower()


def record(rng: random.Random, i: int) -> dict:
    from benchmarks.eval import intl_values as V

    locale = rng.choice(sorted(V.LOCALES))
    genre = rng.choice(sorted(FRAMES))
    frame = rng.choice(FRAMES[genre])
    names = {"main": V.person(rng, locale), "other": V.person(rng, locale)}
    text, labels, pos = "", [], 0
    for m in SLOT.finditer(frame):
        text += frame[pos : m.start()]
        value, kind = _slot_value(rng, locale, m.group(1), names)
        if kind is not None:
            labels.append({"start": len(text), "end": len(text) + len(value), "type": kind})
        text += value
        pos = m.end()
    text += frame[pos:]
    if rng.random() < 0.3:
        sep = " " if genre in ("chat", "letter") else "\n"
        text += sep + rng.choice(DISTRACTORS)
    return {"id": f"intl-{i:04d}", "locale": locale, "genre": genre, "text": text, "people": [], "labels": _join(text, labels)}


def _join(text: str, labels: list[dict]) -> list[dict]:
    """ "{LAST}, {FIRST}" and "{FIRST} {LAST}" are one name."""
    out: list[dict] = []
    for label in labels:
        last = out[-1] if out else None
        if last and last["type"] == label["type"] == "person" and text[last["end"] : label["start"]] in (" ", ", "):
            out[-1] = {**last, "end": label["end"]}
        else:
            out.append(label)
    return out


def load_intl(n: int = SIZE, seed: int = SEED) -> tuple[list[dict] | None, str]:
    """The set's records, or None and why not (mimesis is not installed)."""
    try:
        import mimesis  # noqa: F401
    except ImportError:
        return None, "mimesis is not installed (pip install -r requirements/lock.txt)"
    rng = random.Random(seed)
    return [record(rng, i) for i in range(n)], ""


@dataclass
class IntlScore:
    found: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    total: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    flags: dict[str, int] = field(default_factory=lambda: defaultdict(int))  # by kind, flags of mapped entities
    right: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    any_flags: int = 0
    any_right: int = 0
    misses: list[tuple[str, str, str]] = field(default_factory=list)
    wrong: list[tuple[str, str, str]] = field(default_factory=list)
    kinds: Mapping[str, str] = field(default_factory=lambda: KINDS)  # flag entity -> kind of value

    def recall(self, kind: str | None = None) -> float:
        kinds = [kind] if kind else list(self.total)
        total = sum(self.total[k] for k in kinds)
        return sum(self.found[k] for k in kinds) / total if total else float("nan")

    def precision(self, kind: str | None = None) -> float:
        kinds = [kind] if kind else list(self.flags)
        flags = sum(self.flags[k] for k in kinds)
        return sum(self.right[k] for k in kinds) / flags if flags else float("nan")

    def add(self, record: Mapping, spans: Sequence[Mapping]) -> None:
        text = record["text"]
        covered = bytearray(len(text))
        for s in spans:
            covered[max(0, s["start"]) : min(len(text), s["end"])] = b"\x01" * (min(len(text), s["end"]) - max(0, s["start"]))
        for g in record["labels"]:
            self.total[g["type"]] += 1
            if all(covered[i] for i in range(g["start"], g["end"]) if not text[i].isspace()):
                self.found[g["type"]] += 1
            else:
                self.misses.append((record["id"], g["type"], text[g["start"] : g["end"]]))
        for s in spans:
            hits = {g["type"] for g in record["labels"] if g["start"] < s["end"] and s["start"] < g["end"]}
            self.any_flags += 1
            self.any_right += bool(hits)
            kind = self.kinds.get(s["entity"])
            if kind is not None:
                self.flags[kind] += 1
                self.right[kind] += kind in hits
            if not hits:
                self.wrong.append((record["id"], s["entity"], text[s["start"] : s["end"]]))


def intl_table(results: Mapping[str, IntlScore], every: str = "all seven kinds") -> str:
    names = list(results)
    width = max(22, *(len(n) + 2 for n in names))
    first = results[names[0]]
    head = f"{'recall / precision':<24}{'n':>6}" + "".join(f"{n:>{width}}" for n in names)
    lines = [head]
    for kind in sorted(first.total):
        cells = "".join(f"{results[n].recall(kind):.3f} / {results[n].precision(kind):.3f}".rjust(width) for n in names)
        lines.append(f"  {kind:<22}{first.total[kind]:>6}" + cells)
    cells = "".join(f"{results[n].recall():.3f} / {results[n].precision():.3f}".rjust(width) for n in names)
    lines.append(f"  {every:<22}{sum(first.total.values()):>6}" + cells)
    cells = "".join(f"{results[n].any_right / max(1, results[n].any_flags):.3f} ({results[n].any_flags})".rjust(width) for n in names)
    lines.append(f"  {'any-flag precision':<28}" + cells)
    return "\n".join(lines)
