"""Build ``data/blind3.jsonl``: a third hand-written mixed-PII set (session 23, ``BLIND3.md``).

Registers the first two sets did not stress: support tickets, HR and medical letters, delivery notes, bank
statements, court and police forms, chat with typos and no capitals, transcribed voicemails (numbers written as
words or spaced out), OCR-damaged lines, addresses inside running sentences and across line breaks, multi-line
addresses with building names. Countries of everyday UK cases and some more (``blind3_data.py``). Every text is
written with its values marked inline (``⟦kind|value⟧``, ``marked.py``); values are drawn by a seeded generator;
cards are Luhn-valid and IBANs mod-97-valid by code. Written before any detector code was read.

    python -m benchmarks.eval.blind3_build      # rewrites data/blind3.jsonl identically
"""

from __future__ import annotations

import random
import string
import unicodedata
from collections.abc import Callable
from pathlib import Path

from benchmarks.eval.blind3_data import COMPANY_DOMAINS, COUNTRIES, STAFF_FAMILY, STAFF_GIVEN, Country
from benchmarks.eval.marked import strip, write

OUT = Path(__file__).resolve().parent / "data" / "blind3.jsonl"
SEED = 2312
PER_COUNTRY = 13
NO_PII = 34
POSTCODE_LETTERS = "ABDEFGHJLNPRSTUWXYZ"
WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def M(kind: str, value: str) -> str:
    return f"⟦{kind}|{value}⟧"


def fold(s: str) -> str:
    """ASCII letters of a name for an e-mail's local part."""
    s = s.replace("ł", "l").replace("Ł", "L").replace("đ", "d").replace("Đ", "D").replace("ı", "i")
    return "".join(c for c in unicodedata.normalize("NFKD", s) if c.isascii() and (c.isalnum() or c == " ")).lower()


def fill(shape: str, rng: random.Random) -> str:
    out = []
    for ch in shape:
        if ch == "#":
            out.append(rng.choice(string.digits))
        elif ch == "@":
            out.append(rng.choice(POSTCODE_LETTERS))
        elif ch == "*":
            out.append(rng.choice(string.digits + string.ascii_uppercase))
        else:
            out.append(ch)
    return "".join(out)


class Values:
    """One text's values for one country, drawn from the seeded generator."""

    def __init__(self, rng: random.Random, country: Country):
        self.rng, self.c = rng, country
        self.given = rng.choice(country.given)
        self.family = rng.choice(country.family)

    def other(self) -> Values:
        return Values(self.rng, self.c)

    @property
    def name(self) -> str:
        return f"{self.given} {self.family}"

    def phone(self) -> str:
        return fill(self.rng.choice(self.c.phones), self.rng)

    def address(self, sep: str = ", ") -> str:
        rng = self.rng
        town, pc = rng.choice(self.c.towns)
        text = rng.choice(self.c.addresses).replace("{street}", rng.choice(self.c.streets))
        text = text.replace("{town}", town).replace("{pc}", fill(pc, rng))
        text = text.replace("{n}", str(rng.choice((rng.randint(1, 40), rng.randint(2, 250)))))
        while "{s}" in text:
            text = text.replace("{s}", str(rng.randint(1, 24)), 1)
        return fill(text, rng).replace("|", sep)

    def email(self) -> str:
        g, f = fold(self.given).replace(" ", ""), fold(self.family).replace(" ", "")
        local = self.rng.choice(
            (f"{g}.{f}", f"{g}{f}{self.rng.randint(1, 99)}", f"{g[0]}.{f}", f"{f}_{g}", f"{g}{self.rng.randint(80, 99)}")
        )
        return f"{local}@{self.rng.choice(self.c.domains)}"

    def card(self) -> str:
        return card(self.rng)

    def iban(self) -> str:
        shape = self.c.iban or self.rng.choice([c.iban for c in COUNTRIES if c.iban])
        return iban(self.rng, shape)


def card(rng: random.Random) -> str:
    brand = rng.choice(("visa", "visa", "mc", "mc2", "amex", "maestro", "discover"))
    prefix, length = {
        "visa": ("4" + fill("#####", rng), 16),
        "mc": (str(rng.randint(51, 55)) + fill("####", rng), 16),
        "mc2": (str(rng.randint(2221, 2720)) + fill("##", rng), 16),
        "amex": (rng.choice(("34", "37")) + fill("####", rng), 15),
        "maestro": ("6759" + fill("##", rng), 16),
        "discover": ("6011" + fill("##", rng), 16),
    }[brand]
    body = prefix + fill("#" * (length - len(prefix) - 1), rng)
    digits = [int(c) for c in body][::-1]
    total = sum((d * 2 - 9 if d * 2 > 9 else d * 2) if i % 2 == 0 else d for i, d in enumerate(digits))
    number = body + str((10 - total % 10) % 10)
    style = rng.choice(("space", "space", "dash", "none"))
    if brand == "amex":
        groups = [number[:4], number[4:10], number[10:]]
    else:
        groups = [number[i : i + 4] for i in range(0, len(number), 4)]
    return {"space": " ".join(groups), "dash": "-".join(groups), "none": number}[style]


def iban(rng: random.Random, shape: str) -> str:
    country, bban = shape[:2], fill(shape[4:], rng)
    moved = bban + country + "00"
    check = 98 - int("".join(str(int(c, 36)) for c in moved)) % 97
    compact = f"{country}{check:02d}{bban}"
    if rng.random() < 0.6:
        return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))
    return compact


def ipv4(rng: random.Random) -> str:
    first = rng.choice((31, 46, 62, 78, 81, 86, 92, 109, 151, 176, 185, 188, 197, 203, 212))
    return f"{first}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


def ipv6(rng: random.Random) -> str:
    head = rng.choice(("2a02:c7c", "2a00:23c8", "2001:4860", "2a01:4b00", "2c0f:f248"))
    tail = ":".join(f"{rng.randint(0, 65535):x}" for _ in range(rng.choice((2, 3, 4))))
    return f"{head}::{tail}" if rng.random() < 0.6 else f"{head}:{rng.randint(1, 9999):x}:{tail}:{rng.randint(1, 65535):x}"


def ip(rng: random.Random) -> str:
    return ipv6(rng) if rng.random() < 0.3 else ipv4(rng)


# --- distractors ---------------------------------------------------------------------------------------------------


def amount(rng: random.Random) -> str:
    return rng.choice(
        (
            f"£{rng.randint(3, 2400)}.{rng.randint(0, 99):02d}",
            f"€{rng.randint(5, 900)},{rng.randint(0, 99):02d}",
            f"PLN {rng.randint(1, 9)} {rng.randint(100, 999)},00",
            f"₦{rng.randint(10, 900)},{rng.randint(100, 999)}",
            f"Rs. {rng.randint(1, 99)},{rng.randint(100, 999)}",
            f"${rng.randint(10, 5000):,}.00",
            f"{rng.randint(50, 900)} lei",
        )
    )


def date(rng: random.Random) -> str:
    d, m, y = rng.randint(1, 28), rng.randint(1, 12), rng.choice((2024, 2025))
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    return rng.choice((f"{d:02d}/{m:02d}/{y}", f"{d} {months[m - 1]} {y}", f"{y}-{m:02d}-{d:02d}", f"{d}.{m:02d}.{y}"))


def clock(rng: random.Random) -> str:
    return f"{rng.randint(6, 22):02d}:{rng.choice((0, 5, 10, 15, 20, 30, 40, 45, 50)):02d}"


def ref(rng: random.Random) -> str:
    return rng.choice(
        (
            f"ORD-{rng.randint(2024, 2025)}-{rng.randint(100000, 999999)}",
            f"#{rng.randint(1000000, 9999999)}",
            f"INV/{rng.randint(2024, 2025)}/{rng.randint(1, 12):02d}/{rng.randint(100, 999)}",
            f"TKT-{rng.randint(10000, 99999)}",
            f"{rng.randint(100, 999)}-{rng.randint(1000000, 9999999)}-{rng.randint(1000000, 9999999)}",
        )
    )


def tracking(rng: random.Random) -> str:
    return rng.choice(
        (
            f"JD{fill('#' * 18, rng)}",
            f"1Z{fill('***', rng)}{fill('#' * 11, rng)}",
            f"{fill('@@#########', rng)}GB",
            fill("#### #### #### ####", rng) + "0",
            f"H{fill('#' * 15, rng)}",
        )
    )


def flight(rng: random.Random) -> str:
    return rng.choice(
        (
            f"W6 {rng.randint(1000, 4999)}",
            f"FR{rng.randint(1000, 9999)}",
            f"BA {rng.randint(10, 999):04d}",
            f"LO{rng.randint(200, 399)}",
            f"RO {rng.randint(200, 399)}",
            f"PK {rng.randint(700, 799)}",
            f"EK{rng.randint(1, 40):03d}",
        )
    )


def version(rng: random.Random) -> str:
    return rng.choice(
        (
            f"v{rng.randint(1, 9)}.{rng.randint(0, 30)}.{rng.randint(0, 40)}",
            f"build 10.0.{rng.randint(17000, 22631)}.{rng.randint(100, 4000)}",
            f"{rng.randint(1, 17)}.{rng.randint(0, 9)}.{rng.randint(0, 9)}.{rng.randint(100, 999)}",
            f"firmware {rng.randint(1, 5)}.{rng.randint(0, 9)}.{rng.randint(10, 99)}",
        )
    )


def measure(rng: random.Random) -> str:
    return rng.choice(
        (
            f"{rng.randint(20, 120)} x {rng.randint(20, 80)} x {rng.randint(5, 60)} cm",
            f"{rng.randint(1, 40)}.{rng.randint(0, 9)} kg",
            f"{rng.randint(150, 195)} cm",
            f"{rng.randint(1, 2)}.{rng.randint(50, 95)} m",
            f"{rng.randint(5, 250)} mg",
            f"{rng.randint(1, 30)} ml",
        )
    )


# --- spoken and damaged forms --------------------------------------------------------------------------------------


def spoken(number: str, rng: random.Random) -> str:
    """A phone number as a voicemail transcript writes it: words, 'double'/'triple', 'oh' for zero, pauses as commas."""
    groups = [g for g in number.replace("(", " ").replace(")", " ").replace("-", " ").replace(".", " ").split() if g]
    out = []
    for g in groups:
        words, i = [], 0
        if g.startswith("+"):
            words.append("plus")
            g = g[1:]
        while i < len(g):
            d = g[i]
            run = 1
            while i + run < len(g) and g[i + run] == d and run < 3:
                run += 1
            word = "oh" if d == "0" and rng.random() < 0.6 else WORDS[int(d)]
            if run == 3:
                words.append(f"triple {word}")
            elif run == 2 and rng.random() < 0.8:
                words.append(f"double {word}")
            else:
                words.extend([word] * run)
            i += run
        out.append(" ".join(words))
    return rng.choice((", ", " ", "... ")).join(out)


def spaced(number: str, rng: random.Random) -> str:
    """A number read out digit by digit and typed with a space between digits."""
    return " ".join(c for c in number if c.isdigit() or c == "+").replace("+ ", "+")


def ocr(value: str, rng: random.Random) -> str:
    """OCR spacing damage: a space lost after a comma or between a number and a word, a word broken in two."""
    out = value
    if ", " in out and rng.random() < 0.6:
        i = rng.choice([k for k in range(len(out)) if out.startswith(", ", k)])
        out = out[: i + 1] + out[i + 2 :]
    words = out.split(" ")
    if len(words) > 2 and rng.random() < 0.6:
        k = rng.randrange(len(words) - 1)
        if words[k][-1:].isdigit() and words[k + 1][:1].isalpha():
            words[k] += words.pop(k + 1)
    long = [k for k, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
    if long and rng.random() < 0.7:
        k = rng.choice(long)
        cut = rng.randint(2, len(words[k]) - 2)
        words[k] = words[k][:cut] + " " + words[k][cut:]
    return " ".join(words)


def ocr_phone(number: str, rng: random.Random) -> str:
    """A phone with its spaces moved (OCR joins and splits digit groups)."""
    digits = [c for c in number if c.isdigit() or c == "+"]
    out, i = [], 0
    while i < len(digits):
        step = rng.randint(2, 5)
        out.append("".join(digits[i : i + step]))
        i += step
    return " ".join(out)


def chatty(text: str, rng: random.Random) -> str:
    """No capitals, as many chat messages are typed."""
    return text.lower()


def staff(rng: random.Random) -> str:
    return f"{rng.choice(STAFF_GIVEN)} {rng.choice(STAFF_FAMILY)}"


def work_email(rng: random.Random, name: str) -> str:
    g, f = fold(name).split()[0], fold(name).split()[-1]
    return f"{g}.{f}@{rng.choice(COMPANY_DOMAINS)}"


# --- frames: each returns one marked text -------------------------------------------------------------------------

Frame = Callable[[random.Random, Values], str]


def support_ticket(r: random.Random, v: Values) -> str:
    return (
        f"Ticket {ref(r)} | Priority P{r.randint(1, 4)} | opened {date(r)} {clock(r)}\n"
        f"Customer: {M('person', v.name)} <{M('email', v.email())}>\n"
        f"Last login from {M('ip', ip(r))} (app {version(r)})\n"
        f"Issue: router drops the connection every {r.randint(5, 50)} minutes since the update. "
        f"Customer asks for a call back on {M('phone', v.phone())} after {clock(r)}."
    )


def support_reply(r: random.Random, v: Values) -> str:
    agent = staff(r)
    return (
        f"Hi {M('person', v.given)},\n\nThanks for getting back to us about order {ref(r)}. I've checked with the warehouse "
        f"and the replacement ({measure(r)}, {amount(r)}) will go out to {M('address', v.address())} on {date(r)}.\n"
        f"If anything is wrong with that address reply to this e-mail or ring us.\n\nBest wishes,\n{M('person', agent)}\n"
        f"Customer Care, ticket {ref(r)}"
    )


def hr_offer(r: random.Random, v: Values) -> str:
    manager = staff(r)
    return (
        f"PRIVATE AND CONFIDENTIAL\n{M('person', v.name)}\n{M('address', v.address(chr(10)))}\n\n{date(r)}\n\n"
        f"Dear {M('person', v.given)},\n\nFurther to your interview on {date(r)}, I am pleased to offer you the post of "
        f"Warehouse Operative (grade 2, £{r.randint(21, 29)},{r.randint(100, 999)} a year, 37.5 hours a week), starting at "
        f"{clock(r)} on {date(r)}. Please bring your right-to-work documents and return the signed contract by {date(r)}.\n\n"
        f"Yours sincerely,\n\n{M('person', manager)}\nHR Business Partner\n{M('email', work_email(r, manager))}"
    )


def hr_absence(r: random.Random, v: Values) -> str:
    return (
        f"Absence record - employee no. {r.randint(100000, 999999)}\nName: {M('person', v.family.upper() + ', ' + v.given)}\n"
        f"Emergency contact: {M('person', v.other().name)} (sister), {M('phone', v.phone())}\n"
        f"Days lost this year: {r.randint(1, 20)}; Bradford factor {r.randint(10, 400)}. Return-to-work meeting {date(r)} at {clock(r)}, room 2.{r.randint(1, 20)}."
    )


def medical_letter(r: random.Random, v: Values) -> str:
    gp = r.choice(STAFF_FAMILY)
    return (
        f"Re: {M('person', v.name)}   DOB {date(r)}   NHS no. withheld\n{M('address', v.address())}\nTel: {M('phone', v.phone())}\n\n"
        f"Dear Dr {M('person', gp)},\n\nThank you for referring this {r.randint(19, 60)}-year-old who attended the clinic on {date(r)}. "
        f"BP {r.randint(105, 150)}/{r.randint(60, 95)}, weight {r.randint(48, 110)}.{r.randint(0, 9)} kg, height {measure(r)}. "
        f"I have started sertraline 50 mg once daily and will review in {r.randint(2, 8)} weeks."
    )


def discharge(r: random.Random, v: Values) -> str:
    return (
        f"DISCHARGE SUMMARY  Ward {r.randint(1, 40)}  Bed {r.randint(1, 30)}\nPatient: {M('person', v.family.upper() + ' ' + v.given)}\n"
        f"Next of kin: {M('person', v.other().name)} - {M('phone', v.phone())}\nAddress on record:\n{M('address', v.address(chr(10)))}\n"
        f"Admitted {date(r)} {clock(r)}, discharged {date(r)}. Paracetamol 1 g QDS, {measure(r)}. Follow-up clinic in 6/52."
    )


def delivery_note(r: random.Random, v: Values) -> str:
    return (
        f"DELIVERY NOTE  DN-{r.randint(100000, 999999)}\nDeliver to:\n{M('person', v.name)}\n{M('address', v.address(chr(10)))}\n"
        f"Contact: {M('phone', v.phone())}\nItems: {r.randint(1, 4)} x parcel ({measure(r)}, {measure(r)})\nTracking: {tracking(r)}\n"
        f"Slot {clock(r)}-{clock(r)}  Driver: van {r.randint(10, 99)}"
    )


def courier_sms(r: random.Random, v: Values) -> str:
    return (
        f"Your parcel {tracking(r)} is out for delivery today between {clock(r)} and {clock(r)}. "
        f"We'll deliver to {M('address', v.address())}. Reply STOP to opt out."
    )


def bank_statement(r: random.Random, v: Values) -> str:
    payee = v.other()
    return (
        f"Statement period {date(r)} to {date(r)}   Page 1 of {r.randint(2, 5)}\nAccount holder: {M('person', v.name)}\n"
        f"{M('address', v.address(chr(10)))}\nIBAN: {M('iban', v.iban())}   BIC: {fill('@@@@@@@@', r)}\n"
        f"{date(r)}  CARD PAYMENT TESCO STORES {r.randint(1000, 9999)}   {amount(r)}\n"
        f"{date(r)}  TRANSFER TO {M('person', payee.name.upper())} REF RENT   {amount(r)}\n"
        f"{date(r)}  DD COUNCIL TAX {r.randint(10000000, 99999999)}   {amount(r)}\nBalance carried forward {amount(r)}"
    )


def card_dispute(r: random.Random, v: Values) -> str:
    return (
        f"I did not authorise the payment of {amount(r)} on {date(r)} to STEAMGAMES.COM {r.randint(1000000000, 9999999999)}. "
        f"My card number is {M('card', v.card())}, expiry {r.randint(1, 12):02d}/{r.randint(26, 30)}, CVV withheld. "
        f"Please refund it to {M('iban', v.iban())}. {M('person', v.name)}"
    )


def transfer(r: random.Random, v: Values) -> str:
    to = v.other()
    return (
        f"Money transfer receipt {r.randint(10000000, 99999999)}\nSender: {M('person', v.name)}, {M('phone', v.phone())}\n"
        f"Receiver: {M('person', to.name)}\nMobile wallet: {M('phone', to.phone())}\nAmount sent: {amount(r)}  Fee: {amount(r)}  "
        f"Rate: {r.randint(1, 2000)}.{r.randint(10, 99)}\nCollected {date(r)} {clock(r)}"
    )


def court_form(r: random.Random, v: Values) -> str:
    return (
        f"IN THE FAMILY COURT AT LEEDS   Case No. LS{r.randint(24, 25)}P{r.randint(10000, 99999)}\n"
        f"Applicant: {M('person', v.family.upper() + ', ' + v.given)}\nAddress for service:\n{M('address', v.address(chr(10)))}\n"
        f"Respondent: {M('person', v.other().name)}\nHearing: {clock(r)} on {date(r)}, Court {r.randint(1, 12)}, "
        f"time estimate {r.randint(1, 3)} hours. Interpreter required (booking {r.randint(10000, 99999)})."
    )


def witness_statement(r: random.Random, v: Values) -> str:
    return (
        f"STATEMENT OF WITNESS (Criminal Justice Act 1967, s.9; Magistrates' Courts Act 1980, s.5B)\n"
        f"Name: {M('person', v.name)}    Age if under 18: over 18    Occupation: care assistant\n"
        f"Home address: {M('address', v.address())}\nHome tel: {M('phone', v.phone())}   Mobile: {M('phone', v.phone())}\n"
        f"Email: {M('email', v.email())}\nPreferred contact: text after {clock(r)}\n"
        f"This statement (consisting of {r.randint(1, 9)} pages each signed by me) is true to the best of my knowledge."
    )


def police_log(r: random.Random, v: Values) -> str:
    return (
        f"{date(r)} {clock(r)} Caller {M('person', v.name)} reports a silver Ford Focus parked outside "
        f"{M('address', v.address())} for {r.randint(2, 6)} days. Call back on {M('phone', v.phone())}. "
        f"Unit {r.randint(100, 999)} attended {clock(r)}, nothing further."
    )


def chat_lower(r: random.Random, v: Values) -> str:
    lines = [
        f"hey its {M('person', v.given.lower())} new number {M('phone', v.phone())} save it x",
        f"can u send it to my cousins {M('address', chatty(v.address(), r))} thx",
        f"ok my email is {M('email', v.email())} btw",
        f"{M('person', v.other().given.lower())} said hes back on the {clock(r)} train lol",
    ]
    r.shuffle(lines)
    return "\n".join(lines[: r.randint(2, 4)])


def chat_typos(r: random.Random, v: Values) -> str:
    friend = v.other()
    return (
        f"omg {M('person', friend.given.lower())} jst told me shes movin to {M('address', chatty(v.address(), r))} "
        f"on the {r.randint(1, 28)}th?? dont tell {M('person', v.given.lower())} yet!!\nring her on {M('phone', friend.phone())} "
        f"if ur not busy, im on shift til {r.randint(6, 11)}"
    )


def whatsapp(r: random.Random, v: Values) -> str:
    other = v.other()
    return (
        f"{date(r)}, {clock(r)} - {M('person', v.name)}: im at {M('address', v.address())} now buzzer broken\n"
        f"{date(r)}, {clock(r)} - {M('person', other.name)}: ok 5 mins\n"
        f"{date(r)}, {clock(r)} - {M('person', v.name)}: if ur lost call {M('phone', v.phone())}"
    )


def sms_export(r: random.Random, v: Values) -> str:
    number = v.phone()
    return (
        f"[{date(r)} {clock(r)}] From: {M('phone', number)} ({M('person', v.name)})\n"
        f"Msg: u left ur charger here, ill drop it round to {M('address', v.address())} tmrw after {clock(r)}\n"
        f"Status: Read   Storage: SIM   Size: {r.randint(40, 160)} bytes"
    )


def voicemail_words(r: random.Random, v: Values) -> str:
    number = v.phone()
    return (
        f"[Voicemail transcript, {r.randint(0, 1)}:{r.randint(10, 59)}] Hi, it's {M('person', v.name)} calling about the "
        f"appointment on {date(r)}. Could you call me back on {M('phone', spoken(number, r))}? That's "
        f"{M('phone', spaced(number, r))}. Thanks, bye."
    )


def voicemail_spaced(r: random.Random, v: Values) -> str:
    number = v.phone()
    return (
        f'Voicemail {clock(r)}, {r.randint(8, 59)} sec: "yeah hi this is {M("person", v.given.lower())} from the flat upstairs '
        f"um my number is {M('phone', spaced(number, r))} and the address is {M('address', chatty(v.address(), r))} "
        f'ok see you at {clock(r)}"'
    )


def voicemail_email(r: random.Random, v: Values) -> str:
    number = v.phone()
    return (
        f"Transcribed voicemail ({date(r)}): \"Hello, this message is for {M('person', v.other().name)}. It's "
        f"{M('person', v.name)} from the letting agency, ref {ref(r)}. My direct line is {M('phone', spoken(number, r))}, "
        f'or email me at {M("email", v.email())}. Thank you."'
    )


def ocr_form(r: random.Random, v: Values) -> str:
    return (
        f"APPL1CATION FORM   p. {r.randint(1, 3)}/{r.randint(3, 6)}\nSurn ame: {M('person', v.family.upper())}   Fore names: {M('person', v.given)}\n"
        f"Add ress: {M('address', ocr(v.address(), r))}\nTe l: {M('phone', ocr_phone(v.phone(), r))}   Date:{date(r)}\n"
        f"Signed ..................... Ref {ref(r)}"
    )


def ocr_letter(r: random.Random, v: Values) -> str:
    return (
        f"{M('person', v.name)}\n{M('address', ocr(v.address(chr(10)), r))}\n\nRe: your letter of {date(r)}, our ref {ref(r)}\n"
        f"Plea se call {M('phone', ocr_phone(v.phone(), r))} between {clock(r)} and {clock(r)}."
    )


def running_address(r: random.Random, v: Values) -> str:
    return (
        f"She told officers she had been staying with her aunt at {M('address', v.address())} since {date(r)}, "
        f"and that the flat above the shop belonged to {M('person', v.other().name)}, who drove a van with {r.randint(2, 9)} seats."
    )


def wrapped_address(r: random.Random, v: Values) -> str:
    address = v.address()
    parts = address.split(", ")
    if len(parts) > 1:
        cut = r.randint(1, len(parts) - 1)
        address = ", ".join(parts[:cut]) + ",\n" + ", ".join(parts[cut:])
    return (
        f"On {date(r)} at about {clock(r)} the courier left the package ({measure(r)}) with a neighbour at\n"
        f"{M('address', address)} because {M('person', v.name)} was not at home. The driver's handheld logged "
        f"the drop at {clock(r)}."
    )


def signature(r: random.Random, v: Values) -> str:
    return (
        f"Thanks, see attached invoice {ref(r)} ({amount(r)} due {date(r)}).\n\nKind regards,\n{M('person', v.name)}\n"
        f"Accounts Assistant | Northgate Logistics Ltd\nT: {M('phone', v.phone())} | M: {M('phone', v.phone())}\n"
        f"{M('email', v.email())}\n{M('address', v.address())}"
    )


def tenancy(r: random.Random, v: Values) -> str:
    return (
        f"ASSURED SHORTHOLD TENANCY AGREEMENT\nThe Property: {M('address', v.address())}\nThe Tenant: {M('person', v.name)}\n"
        f"The Landlord: {M('person', staff(r))}\nRent: {amount(r)} per calendar month, deposit {amount(r)} held with the scheme (cert. "
        f"{r.randint(1000000, 9999999)}). Term: {r.randint(6, 12)} months from {date(r)}."
    )


def referral(r: random.Random, v: Values) -> str:
    child = v.other()
    return (
        f"Safeguarding referral {ref(r)}\nChild: {M('person', child.given + ' ' + v.family)} (Year {r.randint(3, 11)})\n"
        f"Parent/carer: {M('person', v.name)}, {M('phone', v.phone())}\nLives at: {M('address', v.address())}\n"
        f"Concern raised {date(r)} {clock(r)} by class teacher {M('person', staff(r))}."
    )


def booking(r: random.Random, v: Values) -> str:
    return (
        f"Booking confirmed: {fill('@@@@@@', r)}\nPassenger: {M('person', fold(v.family).upper() + '/' + fold(v.given).upper())} {r.choice(('MR', 'MRS', 'MS'))}\n"
        f"Flight {flight(r)} {date(r)} dep {clock(r)} arr {clock(r)}, seat {r.randint(1, 33)}{r.choice('ABCDEF')}, bag {r.randint(10, 23)} kg\n"
        f"Contact: {M('phone', v.phone())}, {M('email', v.email())}\nPaid with card {M('card', v.card())}"
    )


def server_log(r: random.Random, v: Values) -> str:
    return (
        f"{date(r)}T{clock(r)}:{r.randint(10, 59)}Z WARN auth failed user={M('email', v.email())} src={M('ip', ip(r))} "
        f"port={r.randint(1024, 65535)} agent=okhttp/{version(r)}\n{date(r)}T{clock(r)}:{r.randint(10, 59)}Z INFO retry ok "
        f"src={M('ip', ip(r))} latency={r.randint(20, 900)}ms build {version(r)}"
    )


def interpreter(r: random.Random, v: Values) -> str:
    return (
        f"Interpreter booking {r.randint(100000, 999999)}. Language: {r.choice(('Polish', 'Romanian', 'Tigrinya', 'Somali', 'Urdu', 'Albanian', 'Bengali'))}.\n"
        f"Client: {M('person', v.name)}, tel {M('phone', v.phone())}.\nVenue: {M('address', v.address(chr(10)))}\n"
        f"Time {clock(r)}-{clock(r)} on {date(r)}; {r.randint(1, 3)} hours minimum, mileage {r.randint(5, 80)} miles."
    )


def vcard(r: random.Random, v: Values) -> str:
    return (
        f"BEGIN:VCARD\nVERSION:3.0\nFN:{M('person', v.name)}\nTEL;TYPE=CELL:{M('phone', v.phone())}\n"
        f"TEL;TYPE=HOME:{M('phone', v.phone())}\nEMAIL:{M('email', v.email())}\nNOTE:met at gym {date(r)}\nEND:VCARD"
    )


def payslip(r: random.Random, v: Values) -> str:
    return (
        f"PAYSLIP  Period {r.randint(1, 12)}  Pay date {date(r)}\nEmployee: {M('person', v.name)}   Works no. {r.randint(1000, 9999)}\n"
        f"{M('address', v.address(chr(10)))}\nBasic {r.randint(100, 180)}.00 hrs @ £{r.randint(11, 15)}.{r.randint(10, 99)}   "
        f"Overtime {r.randint(0, 20)}.50 hrs   Tax code 1257L   Net pay {amount(r)}\nPaid to IBAN {M('iban', v.iban())}"
    )


def card_form(r: random.Random, v: Values) -> str:
    return (
        f"Payment details\nName on card: {M('person', v.name.upper())}\nCard number: {M('card', v.card())}   Expires {r.randint(1, 12):02d}/{r.randint(26, 31)}\n"
        f"Billing address: {M('address', v.address())}\nReceipt to: {M('email', v.email())}\nAmount: {amount(r)} (order {ref(r)})"
    )


def mandate(r: random.Random, v: Values) -> str:
    return (
        f"SEPA Direct Debit Mandate  ref. MND-{r.randint(100000, 999999)}\nDebtor: {M('person', v.name)}\n{M('address', v.address(chr(10)))}\n"
        f"Account (IBAN): {M('iban', v.iban())}\nCreditor: Fenmoor Gym Ltd, creditor ID GB{r.randint(10, 99)}ZZZ{r.randint(100000, 999999)}\n"
        f"First collection {date(r)}: {amount(r)}, then monthly."
    )


def security_alert(r: random.Random, v: Values) -> str:
    return (
        f"New sign-in to your account {M('email', v.email())}\nWhen: {date(r)} {clock(r)} UTC\nWhere: near {r.choice(('Warsaw', 'Lagos', 'Leeds', 'Dublin', 'Karachi'))} "
        f"(IP {M('ip', ip(r))})\nDevice: Android {r.randint(10, 15)}, app {version(r)}\nIf this wasn't you, secure your account. Previous sign-in from {M('ip', ip(r))}."
    )


def router_log(r: random.Random, v: Values) -> str:
    return (
        f"DHCP lease {clock(r)}: {M('ip', ipv4(r))} -> Galaxy-A{r.randint(10, 55)} ({r.randint(0, 255):02x}:{r.randint(0, 255):02x}:{r.randint(0, 255):02x}:xx:xx:xx), lease {r.randint(1, 24)} h\n"
        f"WAN up, public address {M('ip', ip(r))}, DNS 1.1.1.1, uptime {r.randint(1, 90)} d, firmware {version(r)}\n"
        f"Admin login by {M('email', v.email())} from {M('ip', ipv4(r))}"
    )


def refund_chat(r: random.Random, v: Values) -> str:
    return (
        f"Agent: can I take the long card number please\nCustomer: its {M('card', v.card())}\nAgent: thanks, and the IBAN for the refund?\n"
        f"Customer: {M('iban', v.iban())}, name {M('person', v.name)}\nAgent: refund of {amount(r)} booked for {date(r)}, case {ref(r)}"
    )


FRAMES: tuple[Frame, ...] = (
    support_ticket,
    support_reply,
    hr_offer,
    hr_absence,
    medical_letter,
    discharge,
    delivery_note,
    courier_sms,
    bank_statement,
    card_dispute,
    transfer,
    court_form,
    witness_statement,
    police_log,
    chat_lower,
    chat_typos,
    whatsapp,
    sms_export,
    voicemail_words,
    voicemail_spaced,
    voicemail_email,
    ocr_form,
    ocr_letter,
    running_address,
    wrapped_address,
    signature,
    tenancy,
    referral,
    booking,
    server_log,
    interpreter,
    vcard,
    payslip,
    card_form,
    mandate,
    security_alert,
    router_log,
    refund_chat,
)


def no_pii(r: random.Random) -> str:
    """A text with distractors only (no personal data)."""
    return r.choice(
        (
            f"Order {ref(r)} dispatched {date(r)} {clock(r)}: {r.randint(1, 5)} items, {measure(r)}, total {amount(r)}. Tracking {tracking(r)}.",
            f"Train 1S{r.randint(10, 99)} {clock(r)} from Kings Cross to Edinburgh is delayed by {r.randint(5, 90)} minutes (platform {r.randint(1, 11)}).",
            f"Release notes {version(r)}: fixed crash on start-up, {r.randint(2, 40)}% faster sync, requires {version(r)} or later.",
            f"Flight {flight(r)} departs {clock(r)} from gate {r.randint(1, 60)}; boarding closes {clock(r)}. Baggage {r.randint(15, 23)} kg.",
            f"Final score {r.randint(0, 4)}-{r.randint(0, 4)} ({r.randint(0, 2)}-{r.randint(0, 2)} at half time); attendance {r.randint(1000, 60000):,}.",
            f"Rounds of {r.randint(64, 75)} {r.randint(64, 75)} {r.randint(64, 75)} {r.randint(64, 75)} left him {r.randint(1, 12)} under par on {r.randint(270, 290)}.",
            f"Roadworks on the M{r.randint(1, 62)} between junctions {r.randint(1, 20)} and {r.randint(21, 40)} until {date(r)}; 50 mph limit.",
            f"Invoice {ref(r)}: {r.randint(2, 40)} x A4 paper {amount(r)}, VAT 20% {amount(r)}, due {date(r)}.",
            f"Room {r.randint(1, 4)}.{r.randint(10, 40)} is booked {clock(r)}-{clock(r)} on {date(r)} for the {r.randint(4, 30)}-person training session.",
            f"Reading on {date(r)}: {r.randint(10000, 99999)} kWh, meter {fill('##@#####', r)}, tariff {r.randint(20, 35)}.{r.randint(10, 99)}p/kWh.",
            f"Dose: {measure(r)} twice daily for {r.randint(3, 14)} days; next review {date(r)} at {clock(r)}.",
            f"Parcel size {measure(r)}, weight {measure(r)}; postage {amount(r)}, service 48, ref {ref(r)}.",
        )
    )


def build() -> list[dict]:
    rng = random.Random(SEED)
    records: list[dict] = []
    n = 0
    for country in COUNTRIES:
        frames = list(FRAMES)
        rng.shuffle(frames)
        for k in range(PER_COUNTRY):
            v = Values(rng, country)
            marked = frames[k % len(frames)](rng, v)
            text, entities = strip(marked)
            n += 1
            records.append(
                {
                    "doc_id": f"b3-{n:04d}",
                    "country": country.code,
                    "frame": frames[k % len(frames)].__name__,
                    "text": text,
                    "entities": entities,
                }
            )
    for _ in range(NO_PII):
        n += 1
        text, entities = strip(no_pii(rng))
        records.append({"doc_id": f"b3-{n:04d}", "country": "-", "frame": "no_pii", "text": text, "entities": entities})
    return records


def main() -> int:
    return write(build(), OUT)


if __name__ == "__main__":
    raise SystemExit(main())
