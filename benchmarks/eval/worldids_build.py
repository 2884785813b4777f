"""Build ``data/worldids.jsonl``: IBANs, card numbers, IP and e-mail addresses and postcodes of the world.

    python -m benchmarks.eval.worldids_build IBAN_DOCTEST COUNTRYINFO [ZONE_TAB]

- ``IBAN_DOCTEST``: ``tests/test_iban.doctest`` of github.com/arthurdejong/python-stdnum (LGPL 2.1+): the IBAN
  registry's own sample numbers (one per country is used, the first valid one); a country of the registry
  (``stdnum/iban.dat`` of the installed package) with no sample gets a number built here from its BBAN format
  with a computed check (deterministic).
- ``COUNTRYINFO``: ``testdata/countryinfo.txt`` of github.com/google/libaddressinput (Apache 2.0): each
  country's example postcodes (``zipex``, up to two used) and its address format (``fmt``: whether the postcode
  goes before or after the town).
- ``ZONE_TAB``: the tz database's ``zone.tab`` (public domain; default ``/usr/share/zoneinfo/zone.tab``): a
  town of each country, from its first time zone's name ("Europe/Warsaw" -> "Warsaw").

Cards are the brands' public test numbers (the payment processors' documentation), IP addresses come from the
documentation ranges (RFC 5737, RFC 3849), e-mail addresses were written here in unusual shapes. Each value is
written in its forms (IBAN grouped in fours and run together; cards with spaces, dashes and none; ...) and every
form stands once in a frame with a label word and once in a frame without, both among values that are not
personal data (amounts, order numbers, versions, dates), which carry no label. Data card: ``WORLDIDS.md``.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent / "data" / "worldids.jsonl"
SEED = 2617
ZONE_TAB = "/usr/share/zoneinfo/zone.tab"

# The brands' public test numbers (Stripe, Adyen, PayPal and Braintree test-card pages): every one passes Luhn.
CARDS = {
    "visa": ("4111111111111111", "4012888888881881", "4242424242424242", "4000056655665556"),
    "mastercard": ("5555555555554444", "5105105105105100", "2223003122003222", "5200828282828210"),
    "amex": ("378282246310005", "371449635398431", "378734493671000"),
    "discover": ("6011111111111117", "6011000990139424"),
    "diners": ("30569309025904", "38520000023237", "3056930009020004"),
    "jcb": ("3530111333300000", "3566002020360505"),
    "unionpay": ("6200000000000005", "6200000000000047"),
    "maestro": ("6759649826438453", "6799990100000000019"),
}
IPS = {
    "ipv4": ("192.0.2.44", "198.51.100.7", "203.0.113.254", "192.0.2.1"),
    "ipv4 with port": ("203.0.113.9:8080", "198.51.100.23:443"),
    "ipv6 compressed": ("2001:db8::8a2e:370:7334", "2001:db8:85a3::8a2e:370:7334", "2001:db8::1"),
    "ipv6 full": ("2001:0db8:0000:0000:0000:ff00:0042:8329", "2001:0db8:85a3:0000:0000:8a2e:0370:7334"),
    "ipv6 in brackets with port": ("[2001:db8::1]:443", "[2001:db8:4006:812::200e]:8443"),
    "ipv4-mapped ipv6": ("::ffff:192.0.2.128", "::ffff:198.51.100.1"),
    "ipv6 upper case": ("2001:DB8:0:0:8:800:200C:417A", "FE80::0202:B3FF:FE1E:8329"),
}
EMAILS = {
    "plus tag": ("jane.doe+newsletter@example.com", "k.nowak+faktury@poczta.example.pl", "ops+alerts-2025@example.io"),
    "sub-domain": ("a.okafor@mail.law.example.ac.uk", "m.rossi@studenti.unimi.example.it", "ji-woo@dept.cs.example.ac.kr"),
    "international domain": ("info@münchen-beispiel.de", "contact@société-exemple.fr", "josé@correo.españa-ejemplo.es"),
    "international local part": ("müller.jürgen@example.de", "иван.петров@пример.рф", "用户@例子.广告"),
    "punycode": ("post@xn--mnchen-3ya.de", "kontakt@xn--exmple-cua.fr"),
    "in angle brackets": ("<tomas.horvath@example.sk>", "<mailto:noor.aziz@example.com.my>", "<r.oconnor_99@example.ie>"),
    "odd characters": ("o'brien.sean@example.ie", "first_last-2@example.co.nz", "x@example.museum", "a.b.c.d@example.photography"),
}
FRAMES = {
    "iban": (
        (
            "IBAN: {V}\nAmount: EUR 1,249.00\nReference: INV-2025-0412",
            "Please transfer the deposit to IBAN {V} by 12.03.2025 (order 448120).",
            "Account no. (IBAN) {V} - total 349,90 EUR, due 30/06/2025",
            "Bank details: {V}, invoice 2025/0417, CHF 880.-",
        ),
        (
            "{V}",
            "Pay to {V} before 30/06/2025, invoice 2025/0417, CHF 880.-",
            "Refund of 49.99 GBP sent to {V} on 2025-04-12 (ref 88213).",
            "tx 771204 | {V} | 1 250,00 PLN | v2.14.3",
        ),
    ),
    "card": (
        (
            "Card number: {V}\nExpiry 08/27\nOrder #5512093",
            "paid by credit card {V} - total USD 84.20, order 4471-2291",
            "Card {V}, amount 1.249,00 EUR, date 12.03.2025",
            "my card is {V} for the hotel booking 88213 on 03/04/2025",
        ),
        (
            "{V}",
            "Charged {V} for order 4471-2291 on 03/04/2025 (EUR 349.90).",
            "2025-04-12,14:35:10,{V},EUR 49.99,ORD-77120",
            "use {V} for invoice 2025/0417, 2 x 44.50 CHF",
        ),
    ),
    "ip": (
        (
            "IP address: {V}\nVersion 4.18.2, build 20250412",
            "Login from IP {V} at 14:35 on 2025-03-12 (session 88120).",
            "the router's address is {V}, firmware 10.0.19045, order 4471-2291",
            "Client IP: {V} | amount 49.99 | 12/03/2025",
        ),
        (
            "{V}",
            "Connection from {V} refused, retry 3 of 5, version 10.0.19045",
            "2025-04-12T10:15:00Z {V} GET /orders/5512093 200 1249",
            "moved the server to {V} after the upgrade to 2.14.3 on 03/04/2025",
        ),
    ),
    "email": (
        (
            "Email: {V}\nOrder 448120, EUR 49.90",
            "e-mail me at {V} about invoice 2025-0412 (v2.14.3)",
            "Contact e-mail address: {V}; due 30/06/2025, 1 250,00 PLN",
            "my email is {V} if the parcel (2.4 kg) doesn't arrive by 12.03.2025",
        ),
        (
            "{V}",
            "Sent 12/03/2025 14:35 to {V} re order 4471-2291",
            "cc {V} on ticket #88213 (build 4.18.2)",
            "Write to {V} before 15 June 2025, invoice 2025/0417 for CHF 880.-",
        ),
    ),
    "postcode": (
        (
            "Postcode and town: {V}",
            "Delivery address: {V}, parcel 2 of 3, 4.2 kg, order 448120",
            "Address (postcode, town): {V}\nInvoice 2025/0417, EUR 349.90, due 30/06/2025",
            "I live in {V} now, moved on 12.03.2025",
        ),
        (
            "{V}",
            "sent to {V} on 12.03.2025, EUR 349.90, order 4471-2291",
            "Parcel 3 of 4 (2.4 kg) for {V} left the depot at 09:42.",
            "2025-04-12,{V},ORD-77120,EUR 49.99",
        ),
    ),
}
GROUP4 = re.compile(r"(.{4})")


def luhn(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def card_forms(number: str) -> dict[str, str]:
    if len(number) == 15:  # American Express: 4-6-5
        groups = [number[:4], number[4:10], number[10:]]
    elif len(number) == 14:  # Diners Club: 4-6-4
        groups = [number[:4], number[4:10], number[10:]]
    else:
        groups = GROUP4.findall(number) + ([number[len(number) // 4 * 4 :]] if len(number) % 4 else [])
    return {"spaces": " ".join(groups), "dashes": "-".join(groups), "no separators": number}


def _bban(fmt: str, rng: random.Random) -> str:
    out = []
    for count, kind in re.findall(r"(\d+)!([nac])", fmt):
        pool = {"n": "0123456789", "a": "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "c": "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"}[kind]
        out.append("".join(rng.choice(pool) for _ in range(int(count))))
    return "".join(out)


def ibans(doctest: str, rng: random.Random) -> dict[str, str]:
    """One valid IBAN per country of the registry: the registry's sample when the doctest holds one."""
    from stdnum import iban
    from stdnum.exceptions import ValidationError

    block = doctest.split("These should all be valid numbers", 1)[1].split("'''", 2)[1]
    out: dict[str, str] = {}
    for line in block.splitlines():
        number = iban.compact(line.removeprefix("...").strip())
        if number and number[:2] not in out:
            try:
                out[number[:2]] = iban.validate(number)
            except ValidationError:
                continue
    registry = Path(iban.__file__).with_name("iban.dat").read_text(encoding="utf-8")
    for country, fmt in re.findall(r'^([A-Z]{2}) country="[^"]*" bban="([^"]+)"', registry, re.M):
        for _ in range(0 if country in out else 10_000):  # until the country's own check (if any) passes too
            bban = _bban(fmt, rng)
            check = 98 - int("".join(str(int(c, 36)) for c in bban + country + "00")) % 97
            try:
                out[country] = iban.validate(f"{country}{check:02d}{bban}")
                break
            except ValidationError:
                continue
    return dict(sorted(out.items()))


def towns(zone_tab: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in zone_tab.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        country, _, zone = line.split("\t")[:3]
        out.setdefault(country, zone.rsplit("/", 1)[-1].replace("_", " "))
    return out


def postcodes(countryinfo: str, town: dict[str, str]) -> list[tuple[str, str]]:
    """(country, "postcode town" as the country writes them on one line), up to two example postcodes a country."""
    out = []
    for line in countryinfo.splitlines():
        if not re.match(r"data/[A-Z]{2}=", line):
            continue
        data = json.loads(line.split("=", 1)[1])
        if "zipex" not in data or data["key"] not in town:
            continue
        fmt, city = data.get("fmt", "%N%n%O%n%A%n%C"), town[data["key"]]
        for zipex in data["zipex"].split(",")[:2]:
            z, c = fmt.find("%Z"), fmt.find("%C")
            if c < 0 or z < 0:
                value = f"{zipex} {city}" if z < 0 or z < c else f"{city} {zipex}"
            else:
                between = fmt[min(z, c) + 2 : max(z, c)]
                sep = between if between and "%" not in between else ", "
                value = f"{zipex}{sep}{city}" if z < c else f"{city}{sep}{zipex}"
            out.append((data["key"], value))
    return out


def _records(kind: str, form: str, value: str, gold: str, country: str, rng: random.Random, n: list[int]) -> list[dict]:
    out = []
    for label, frames in zip(("with", "without"), FRAMES[kind], strict=True):
        frame = rng.choice(frames)
        start = frame.index("{V}") + value.index(gold)
        n[0] += 1
        out.append(
            {
                "doc_id": f"worldids-{n[0]:04d}",
                "text": frame.replace("{V}", value),
                "country": country,
                "entities": [{"start": start, "end": start + len(gold), "label": kind}],
                "groups": {"kind form": f"{kind}: {form}", "label word": label},
            }
        )
    return out


def _ip_gold(value: str) -> str:
    if value.startswith("["):
        return value[1 : value.index("]")]
    if value.count(":") == 1:
        return value.split(":")[0]
    return value


def build(doctest: str, countryinfo: str, zone_tab: str) -> list[dict]:
    rng, n, records = random.Random(SEED), [0], []
    for country, number in ibans(doctest, rng).items():
        for form, written in (
            ("grouped in fours", " ".join(GROUP4.findall(number) + [number[len(number) // 4 * 4 :]]).strip()),
            ("run together", number),
        ):
            records += _records("iban", form, written, written, country, rng, n)
    for brand, numbers in CARDS.items():
        for number in numbers:
            if not luhn(number):
                raise ValueError(f"{brand} test number fails Luhn")
            for form, written in card_forms(number).items():
                records += _records("card", form, written, written, "", rng, n)
    for form, values in IPS.items():
        for value in values:
            records += _records("ip", form, value, _ip_gold(value), "", rng, n)
    for form, values in EMAILS.items():
        for value in values:
            gold = value.strip("<>").removeprefix("mailto:")
            records += _records("email", form, value, gold, "", rng, n)
    for country, value in postcodes(countryinfo, towns(zone_tab)):
        records += _records("postcode", "postcode and town", value, value, country, rng, n)
    return records


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3):
        print(__doc__)
        return 2
    doctest, info = (Path(a).read_text(encoding="utf-8") for a in argv[:2])
    zone_tab = Path(argv[2] if len(argv) == 3 else ZONE_TAB).read_text(encoding="utf-8")
    records = build(doctest, info, zone_tab)
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    kinds: dict[str, int] = {}
    for r in records:
        kinds[r["entities"][0]["label"]] = kinds.get(r["entities"][0]["label"], 0) + 1
    print(f"{len(records)} texts, {kinds} -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
