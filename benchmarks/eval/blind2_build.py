"""Build ``data/blind2.jsonl``: a second mixed-PII set written in session 15, before any detector was read.

    python -m benchmarks.eval.blind2_build      # rewrites benchmarks/eval/data/blind2.jsonl (deterministic)

Short template-like sentences of the kind a synthetic-PII generator writes ("Please send the invoice to ...",
"Ship to: ...", "My card ... expires ...") mixed with form fields, e-mail signatures, chat lines and log/JSON
lines, for 45 countries (``blind2_data.py``). Values are drawn by a seeded generator from the country data typed
here; cards are Luhn-valid and IBANs mod-97-valid by code. Texts carry inline markers ``⟦kind|value⟧``; the gold
offsets are computed by stripping them. Distractors (order, invoice and ticket numbers, amounts, dates, times,
versions, SKUs, flights) carry no label. See ``BLIND2.md``.
"""

from __future__ import annotations

import json
import random
import string
import unicodedata
from collections.abc import Callable
from pathlib import Path

from benchmarks.eval.blind2_data import ABROAD_IBANS, C
from benchmarks.eval.marked import strip, write

OUT = Path(__file__).resolve().parent / "data" / "blind2.jsonl"
ROUNDS = 8
NATIVE = {  # names in the country's own script, with the Latin form an e-mail address would use
    "RU": (("Дмитрий", "Смирнов", "dmitry", "smirnov"), ("Анна", "Кузнецова", "anna", "kuznetsova")),
    "UA": (("Олена", "Шевчук", "olena", "shevchuk"), ("Тарас", "Бойко", "taras", "boiko")),
    "GR": (("Γιώργος", "Παπαδάκης", "giorgos", "papadakis"), ("Ελένη", "Οικονόμου", "eleni", "oikonomou")),
    "BG": (("Иван", "Петров", "ivan", "petrov"), ("Мария", "Георгиева", "maria", "georgieva")),
    "IL": (("נועה", "כהן", "noa", "cohen"),),
    "EG": (("محمد", "حسن", "mohamed", "hassan"),),
    "TH": (("สมชาย", "ใจดี", "somchai", "jaidee"),),
}
FOLD = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "æ": "ae", "ß": "ss", "'": "", " ": "", "-": ""})


def ascii_fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.lower().translate(FOLD))
    return "".join(c for c in s if c in string.ascii_lowercase + string.digits + ".")


def fill(shape: str, rng: random.Random) -> str:
    return "".join(str(rng.randint(0, 9)) if c == "#" else str(rng.randint(2, 9)) if c == "N" else c for c in shape)


def luhn_card(rng: random.Random) -> str:
    prefix, length, groups = rng.choice(
        [
            ("4", 16, (4, 4, 4, 4)),
            ("5" + str(rng.randint(1, 5)), 16, (4, 4, 4, 4)),
            ("2221", 16, (4, 4, 4, 4)),
            ("3" + rng.choice("47"), 15, (4, 6, 5)),
            ("6011", 16, (4, 4, 4, 4)),
            ("35" + str(rng.randint(28, 89)), 16, (4, 4, 4, 4)),
        ]
    )
    body = prefix + "".join(str(rng.randint(0, 9)) for _ in range(length - len(prefix) - 1))
    total = 0
    for i, c in enumerate(reversed(body)):
        d = int(c) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    number = body + str((10 - total % 10) % 10)
    sep = rng.choice([" ", "-", "", " "])
    if not sep:
        return number
    out, pos = [], 0
    for g in groups:
        out.append(number[pos : pos + g])
        pos += g
    return sep.join(out)


def iban(rng: random.Random, shape: str) -> str:
    country, bban = shape[:2], "".join(rng.choice(string.ascii_uppercase) if c == "a" else str(rng.randint(0, 9)) for c in shape[2:])
    digits = "".join(str(int(c, 36)) for c in bban + country + "00")
    value = f"{country}{98 - int(digits) % 97:02d}{bban}"
    return value if rng.random() < 0.4 else " ".join(value[i : i + 4] for i in range(0, len(value), 4))


def ipv4(rng: random.Random) -> str:
    return ".".join(
        str(x)
        for x in (
            rng.choice([31, 45, 62, 77, 81, 89, 102, 145, 178, 185, 203, 212]),
            *(rng.randint(0, 255) for _ in range(2)),
            rng.randint(1, 254),
        )
    )


def ipv6(rng: random.Random) -> str:
    groups = [rng.choice(["2001", "2a02", "2a01", "2c0f", "2400"])] + [f"{rng.randint(0, 65535):x}" for _ in range(7)]
    if rng.random() < 0.5:
        return ":".join(groups)
    return ":".join(groups[:3]) + "::" + ":".join(groups[6:])


class Pick:
    """One person of a country with their values; every call draws from the country's data."""

    def __init__(self, rng: random.Random, code: str):
        self.rng, self.code, self.c = rng, code, C[code]
        native = NATIVE.get(code)
        if native and rng.random() < 0.3:
            self.given, self.family, g_ascii, f_ascii = rng.choice(native)
        else:
            self.given, self.family = rng.choice(self.c.given), rng.choice(self.c.family)
            g_ascii, f_ascii = ascii_fold(self.given), ascii_fold(self.family)
        self.full = f"{self.family} {self.given}" if self.c.family_first else f"{self.given} {self.family}"
        self.mail = (
            fill(rng.choice(["{g}.{f}", "{g}{f}##", "{i}{f}", "{f}.{g}", "{g}_{f}", "{g}##"]), rng).format(
                g=g_ascii, f=f_ascii, i=g_ascii[:1]
            )
            + "@"
            + rng.choice(self.c.domains)
        )

    def phone(self) -> str:
        return fill(self.rng.choice(self.c.phones), self.rng)

    def address(self) -> str:
        shape = self.rng.choice(self.c.addresses)
        return shape.format(n=self.rng.randint(1, 240), u=self.rng.randint(1, 48), p3=f"{self.rng.randint(0, 999):03d}")

    def iban(self) -> str:
        return iban(self.rng, self.c.iban or self.rng.choice(ABROAD_IBANS))

    def other(self) -> Pick:
        return Pick(self.rng, self.code)


def D(rng: random.Random) -> dict[str, str]:
    """Distractors: numbers and capitals that are no personal data."""
    cur = rng.choice(["€{a},{c}", "${a}.{c}", "£{a}.{c}", "MXN {a}.{c}", "{a},{c} Kč", "R$ {a},{c}", "AUD {a}.{c}", "{a} ₴", "THB {a}"])
    return {
        "order": rng.choice(
            [
                f"ORD-{rng.randint(10000, 99999)}",
                f"#{rng.randint(1000000, 9999999)}",
                f"SO{rng.randint(100000, 999999)}",
            ]
        ),
        "inv": rng.choice(
            [
                f"INV-2024-{rng.randint(1, 9999):04d}",
                f"F{rng.randint(100, 999)}/{2024}",
                f"2024/INV/{rng.randint(100, 999)}",
            ]
        ),
        "amount": cur.format(a=rng.randint(12, 4999), c=f"{rng.randint(0, 99):02d}"),
        "date": rng.choice(["{:02d}/{:02d}/2024", "2024-{1:02d}-{0:02d}", "{:d}.{:d}.2023"]).format(rng.randint(1, 28), rng.randint(1, 12)),
        "dob": rng.choice(["{:02d}/{:02d}/19{}", "19{2}-{1:02d}-{0:02d}"]).format(
            rng.randint(1, 28), rng.randint(1, 12), rng.randint(55, 99)
        ),
        "time": f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}",
        "time2": f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}",
        "version": f"{rng.randint(1, 9)}.{rng.randint(0, 20)}.{rng.randint(0, 9)}",
        "sku": f"{rng.choice(['SKU', 'P/N', 'REF'])} {rng.choice(string.ascii_uppercase)}{rng.choice(string.ascii_uppercase)}-{rng.randint(1000, 9999)}-{rng.choice('XLMS')}",
        "flight": f"{rng.choice(['LH', 'TK', 'QR', 'EK', 'LA', 'VN', 'TG', 'ET', 'KQ', 'AC', 'QF', 'SK', 'TP'])} {rng.randint(100, 9999)}",
        "ticket": rng.choice(["INC{:07d}", "TKT-{}", "CASE #{}"]).format(rng.randint(1, 999999)),
        "mm": f"{rng.randint(1, 12):02d}",
        "yy": str(rng.randint(25, 31)),
        "qty": str(rng.randint(1, 12)),
        "ref": "".join(rng.choice(string.ascii_uppercase + "23456789") for _ in range(6)),
        "port": str(rng.choice([22, 443, 8080, 3389, 5432])),
    }


def M(kind: str, value: str) -> str:
    return f"⟦{kind}|{value}⟧"


def f_invoice(p: Pick, d: dict, r: random.Random) -> str:
    return f"Please send the invoice {d['inv']} to {M('person', p.full)} at {M('email', p.mail)}."


def f_contact(p, d, r):
    return f"Contact {M('person', p.full)} on {M('phone', p.phone())} about order {d['order']}."


def f_ship(p, d, r):
    return f"Ship to: {M('person', p.full)}, {M('address', p.address())}. Total {d['amount']}, {d['qty']} items."


def f_card(p, d, r):
    return f"My card {M('card', luhn_card(r))} expires {d['mm']}/{d['yy']}. Name on card: {M('person', p.full.upper() if r.random() < 0.3 else p.full)}."


def f_update(p, d, r):
    return f"Update the record of {M('person', p.full)}, born {d['dob']}, living at {M('address', p.address())}."


def f_lives(p, d, r):
    return f"{M('person', p.full)} lives at {M('address', p.address())} and can be reached at {M('phone', p.phone())}."


def f_hi(p, d, r):
    return f"Hi, I'm {M('person', p.given)}. Text me on {M('phone', p.phone())} or write to {M('email', p.mail)} before {d['time']}."


def f_wire(p, d, r):
    return f"Wire {d['amount']} to {M('person', p.full)}, IBAN {M('iban', p.iban())}, reference {d['inv']}."


def f_login(p, d, r):
    ip = ipv4(r) if r.random() < 0.6 else ipv6(r)
    return f"Login for {M('email', p.mail)} from {M('ip', ip)} at {d['time']} (client v{d['version']})."


def f_parcel(p, d, r):
    return f"The parcel for {M('person', p.full)} ({M('phone', p.phone())}) was left at {M('address', p.address())} on {d['date']}."


def f_cardholder(p, d, r):
    return f"Cardholder: {M('person', p.full)}\nCard number: {M('card', luhn_card(r))}\nExpiry: {d['mm']}/{d['yy']}\nBilling address: {M('address', p.address())}"


def f_form(p, d, r):
    return (
        f"Full name: {M('person', p.full)}\nDate of birth: {d['dob']}\nPhone: {M('phone', p.phone())}\n"
        f"E-mail: {M('email', p.mail)}\nAddress: {M('address', p.address())}\nIBAN: {M('iban', p.iban())}\nCustomer no.: {d['order']}"
    )


def f_signature(p, d, r):
    role = r.choice(["Sales Manager", "Account Executive", "Head of Logistics", "Office Administrator", "Project Lead"])
    return (
        f"Kind regards,\n{M('person', p.full)}\n{role} | Northwind Trading\nTel. {M('phone', p.phone())}\n"
        f"Mob. {M('phone', p.phone())}\n{M('email', p.mail)}\n{M('address', p.address())}"
    )


def f_chat(p, d, r):
    q = p.other()
    return (
        f"[{d['time']}] {M('person', p.given)}: ok my new number is {M('phone', p.phone())}\n"
        f"[{d['time']}] {M('person', q.given)}: thanks! and the address for saturday?\n"
        f"[{d['time2']}] {M('person', p.given)}: {M('address', p.address())}"
    )


def f_log(p, d, r):
    return (
        f"{d['date']} {d['time']}:07 WARN auth failed user={M('email', p.mail)} src={M('ip', ipv4(r))} "
        f"dst={M('ip', ipv6(r))} port={d['port']} build={d['version']}"
    )


def f_json(p, d, r):
    record = {
        "id": d["order"],
        "customer": M("person", p.full),
        "phone": M("phone", p.phone()),
        "email": M("email", p.mail),
        "card": M("card", luhn_card(r)),
        "ip": M("ip", ipv4(r)),
        "sku": d["sku"],
    }
    return json.dumps(record, ensure_ascii=False)


def f_iam(p, d, r):
    return f"I am {M('person', p.full)}, my phone number is {M('phone', p.phone())} and my IBAN is {M('iban', p.iban())}."


def f_booking(p, d, r):
    return f"Booking {d['ref']} for {M('person', p.full)}: flight {d['flight']} on {d['date']} at {d['time']}, contact {M('phone', p.phone())}."


def f_move(p, d, r):
    return (
        f"Please update my address to {M('address', p.address())} and my phone to {M('phone', p.phone())}. Thanks, {M('person', p.given)}"
    )


def f_declined(p, d, r):
    return f"Payment of {d['amount']} declined on card {M('card', luhn_card(r))} for customer {M('email', p.mail)} (IP {M('ip', ipv4(r))})."


def f_wrote(p, d, r):
    return f"{M('person', p.full)} <{M('email', p.mail)}> wrote on {d['date']}: please call me back on {M('phone', p.phone())} re ticket {d['ticket']}."


def f_csv(p, d, r):
    return f'{d["order"]},{M("person", p.full)},{M("email", p.mail)},{M("phone", p.phone())},"{M("address", p.address())}",{d["amount"]}'


def f_kv(p, d, r):
    return f"name={M('person', p.full)}; tel={M('phone', p.phone())}; addr={M('address', p.address())}; ip={M('ip', ipv6(r))}; v={d['version']}"


def f_refund(p, d, r):
    q = p.other()
    return (
        f"Refund {d['amount']} for {d['sku']} to {M('person', p.full)} (IBAN {M('iban', p.iban())}). "
        f"Approved by {M('person', q.full)}, ext. {r.randint(100, 999)}."
    )


def f_emergency(p, d, r):
    q = p.other()
    return f"Emergency contact for {M('person', p.full)}: {M('person', q.full)}, {M('phone', q.phone())}, {M('address', q.address())}."


FRAMES: tuple[Callable[[Pick, dict, random.Random], str], ...] = (
    f_invoice, f_contact, f_ship, f_card, f_update, f_lives, f_hi, f_wire, f_login, f_parcel, f_cardholder,
    f_form, f_signature, f_chat, f_log, f_json, f_iam, f_booking, f_move, f_declined, f_wrote, f_csv, f_kv,
    f_refund, f_emergency,
)  # fmt: skip

NEGATIVE = (
    "Order {order} shipped on {date} at {time}; total {amount} for {qty} items.",
    "Release {version} fixes ticket {ticket} and needs at least API {version}.",
    "Flight {flight} departs at {time} from gate B{qty}; boarding closes at {time2}.",
    "Invoice {inv} for {amount} is due on {date}. Quote reference {ref}.",
    "{sku} is out of stock; 250 units expected on {date}.",
    "Ticket {ticket} closed at {time} after 3 days; SLA 99.95%, priority P{qty}.",
    "Batch {order} of 1,200 units passed QA on {date} (firmware {version}).",
    "Q3 revenue reached {amount}, up 12.4% on Q2; margin 31.5%.",
    "Server build {version} deployed to eu-west-1 at {time} UTC, rollback plan {ref}.",
    "Reminder: the Monday stand-up moves to Room 4.12 at {time}.",
    "Your booking reference is {ref}. Check-in opens 24 hours before flight {flight}.",
    "Payment {inv} of {amount} received on {date}. Thank you for your order {order}.",
    "Total: {amount} (VAT 21% included). Items: {qty}. Terminal 0042, batch 118.",
    "Temperature at Station 7 peaked at 38.6 C on {date} at {time}.",
)


def build(seed: int = 2615) -> list[dict]:
    rng = random.Random(seed)
    records = []
    codes = list(C)
    for round_ in range(ROUNDS):
        for i, code in enumerate(codes):
            frame = FRAMES[(i * 3 + round_ * 7) % len(FRAMES)]
            text, labels = strip(frame(Pick(rng, code), D(rng), rng))
            records.append(
                {"doc_id": f"blind2-{len(records):04d}", "country": code, "frame": frame.__name__[2:], "text": text, "entities": labels}
            )
    for k in range(32):
        text = NEGATIVE[k % len(NEGATIVE)].format(**D(rng))
        records.append({"doc_id": f"blind2-{len(records):04d}", "country": "", "frame": "negative", "text": text, "entities": []})
    rng.shuffle(records)
    return records


def main() -> int:
    return write(build(), OUT)


if __name__ == "__main__":
    raise SystemExit(main())
