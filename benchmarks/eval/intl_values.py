"""Values for the ``intl`` set (``intl.py``): names, addresses, phones and e-mails of many countries from
``mimesis``' locale data, and card numbers, IBANs and IP addresses made here with their checksums.

Everything is drawn with the caller's seeded ``random.Random`` from mimesis' data files (read as JSON,
never through mimesis' own random generator), so a set is the same for a seed and a mimesis version.
"""

from __future__ import annotations

import json
import random
import string
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import phonenumbers

# locale -> region (phonenumbers) of the locales used: Latin script mostly, three Cyrillic and Greek
LOCALES = {
    "en": "US", "en-gb": "GB", "en-ca": "CA", "en-au": "AU", "de": "DE", "de-at": "AT", "de-ch": "CH", "fr": "FR",
    "es": "ES", "es-mx": "MX", "it": "IT", "pt": "PT", "pt-br": "BR", "pl": "PL", "hu": "HU", "cs": "CZ", "sk": "SK",
    "nl": "NL", "nl-be": "BE", "sv": "SE", "da": "DK", "no": "NO", "fi": "FI", "et": "EE", "is": "IS", "hr": "HR",
    "tr": "TR", "az": "AZ", "ru": "RU", "uk": "UA", "el": "GR",
}  # fmt: skip
# the locale whose data fills what a locale lacks (en-au and en-ca have no cities, en-gb no street suffixes)
FALLBACK = {"en-gb": "en", "en-au": "en", "en-ca": "en", "nl-be": "nl"}
# where the town goes: after the postcode (most of Europe), before it ("City, ST 12345"), or on its own
TOWN_FIRST = {"en", "en-ca", "en-au", "en-gb", "pt-br", "es-mx", "tr", "az", "ru", "uk", "el"}


@cache
def _data(locale: str, name: str) -> dict[str, Any]:
    path = resources.files("mimesis").joinpath(f"datasets/{locale}/{name}.json")
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def _int_data(module: str, name: str) -> list[str]:
    return list(getattr(__import__(f"mimesis.datasets.int.{module}", fromlist=[name]), name))


def _flat(value: object) -> list[str]:
    items = [n for group in value.values() for n in group] if isinstance(value, dict) else list(value)  # type: ignore[union-attr]
    return sorted({n for n in items if isinstance(n, str) and n[:1].isupper() and n.replace("-", "").isalpha()})


def _fill(rng: random.Random, mask: str) -> str:
    """``#``: a digit, ``@``: an upper-case letter (mimesis' mask characters)."""
    return "".join(rng.choice(string.digits) if c == "#" else rng.choice(string.ascii_uppercase) if c == "@" else c for c in mask)


def _pick(rng: random.Random, locale: str, name: str, key: str, sub: str | None = None) -> Any:
    for loc in (locale, FALLBACK.get(locale, "en")):
        value = _data(loc, name).get(key)
        if isinstance(value, dict) and sub is not None:
            value = value.get(sub)
        if value:
            return rng.choice(value)
    raise KeyError(f"{locale}: no {name}.{key}")


@dataclass(frozen=True)
class Name:
    first: str
    last: str

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


def person(rng: random.Random, locale: str) -> Name:
    given = _data(locale, "person").get("names") or _data(FALLBACK[locale], "person")["names"]
    return Name(rng.choice(_flat(given)), rng.choice(_flat(_data(locale, "person")["surnames"])))


def email(rng: random.Random, name: Name | None = None) -> str:
    domain = rng.choice(_int_data("internet", "EMAIL_DOMAINS")).lstrip("@")
    ascii_name = [_ascii(p) for p in (name.first, name.last)] if name else ["", ""]
    if name is None or not all(ascii_name):
        user = f"{rng.choice(_int_data('person', 'USERNAMES'))}{rng.randint(1, 9999)}"
    else:
        first, last = ascii_name
        user = rng.choice((f"{first}.{last}", f"{first[0]}{last}", f"{first}{rng.randint(1, 99)}", f"{last}_{first}"))
    return f"{user.lower()}@{domain}"


def _ascii(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if c.isascii() and c.isalpha())


def phone(rng: random.Random, locale: str) -> str:
    """A number as the locale writes it (mimesis' masks), or its national form, a ``(0)`` form or bare digits."""
    region = LOCALES[locale]
    cc = str(phonenumbers.country_code_for_region(region))
    masks = _data(locale, "person").get("telephone_fmt") or [f"+{cc} ### ### ####", "0### ### ###"]
    number = _fill(rng, rng.choice(masks))
    meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
    trunk = (meta.national_prefix or "") if meta else ""
    shape = rng.random()
    if number.startswith(f"+{cc}") and shape < 0.35:  # national form: the trunk prefix instead of the country code
        rest = number[len(cc) + 1 :].lstrip(" -")
        return rest if trunk == "1" or rest.startswith("(") else trunk + rest
    if number.startswith(f"+{cc} ") and number[len(cc) + 2 : len(cc) + 3].isdigit() and trunk == "0" and shape < 0.45:
        return f"+{cc} (0){number[len(cc) + 2 :]}"
    if shape > 0.85:
        return "".join(c for c in number if c.isdigit() or c == "+")
    return number


def _street(rng: random.Random, locale: str) -> str:
    fmt = _data(locale, "address").get("address_fmt") or ("{st_name} {st_num}" if locale == "pt-br" else "{st_num} {st_name} {st_sfx}")
    suffix = _pick(rng, locale, "address", "street", "suffix") if "{st_sfx}" in fmt else ""
    number = str(rng.choice((rng.randint(1, 99), rng.randint(1, 999), rng.randint(1, 9999))))
    name = _pick(rng, locale, "address", "street", "name")
    return fmt.format(st_num=number, st_name=name, st_sfx=suffix).strip()


def _postcode(rng: random.Random, locale: str) -> str:
    if locale == "en-gb":  # mimesis' mask is no UK postcode shape
        return _fill(rng, rng.choice(("@# #@@", "@@# #@@", "@@## #@@", "@#@ #@@")))
    return _fill(rng, _data(locale, "address").get("postal_code_fmt") or "####")


def _locality(rng: random.Random, locale: str) -> str:
    town, postcode = _pick(rng, locale, "address", "city"), _postcode(rng, locale)
    if locale in ("en", "en-ca", "en-au"):
        state = _pick(rng, locale, "address", "state", "abbr").split("-")[-1]  # en-ca writes "CA-ON"
        return rng.choice((f"{town}, {state} {postcode}", f"{town}, {state}"))
    if locale in TOWN_FIRST:
        return rng.choice((f"{town} {postcode}", f"{town}, {postcode}", town))
    return rng.choice((f"{postcode} {town}", town))


def address(rng: random.Random, locale: str, sep: str = ", ") -> str:
    """Street and house number; often a flat or suite, and the town with its postcode."""
    parts = [_street(rng, locale)]
    units = _data(locale, "address").get("secondary_address_fmt")
    if units and rng.random() < 0.3:
        parts[0] += rng.choice((" ", ", ")) + _fill(rng, rng.choice(units))
    if rng.random() < 0.8:
        parts.append(_locality(rng, locale))
    return sep.join(parts)


# card brands: (prefixes, length, grouping)
CARDS = (
    (("4",), 16, (4, 4, 4, 4)),
    (("51", "52", "53", "54", "55", "2221", "2720"), 16, (4, 4, 4, 4)),
    (("34", "37"), 15, (4, 6, 5)),
    (("6011", "65"), 16, (4, 4, 4, 4)),
)


def card(rng: random.Random) -> str:
    prefixes, length, groups = rng.choice(CARDS)
    prefix = rng.choice(prefixes)
    body = prefix + "".join(rng.choice(string.digits) for _ in range(length - 1 - len(prefix)))
    digits = body + _luhn(body)
    sep = rng.choice((" ", "-", ""))
    out, pos = [], 0
    for g in groups:
        out.append(digits[pos : pos + g])
        pos += g
    return sep.join(out)


def _luhn(body: str) -> str:
    total = 0
    for i, c in enumerate(reversed(body)):
        d = int(c) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)


# BBAN structure per country (ECBS registry): n digits, a upper-case letters, c letters or digits
IBAN = {
    "DE": "18n", "GB": "4a14n", "FR": "10n11c2n", "ES": "20n", "IT": "1a10n12c", "PL": "24n", "NL": "4a10n", "BE": "12n",
    "PT": "21n", "CH": "5n12c", "AT": "16n", "HU": "24n", "RO": "4a16c", "LT": "16n", "IE": "4a14n", "SE": "20n",
    "DK": "14n", "NO": "11n", "FI": "14n", "CZ": "20n", "SK": "20n", "GR": "7n16c", "TR": "5n1n16c", "BR": "23n1a1c",
}  # fmt: skip


def iban(rng: random.Random) -> str:
    country = rng.choice(sorted(IBAN))
    bban = ""
    for count, kind in _parts(IBAN[country]):
        alphabet = string.digits if kind == "n" else string.ascii_uppercase if kind == "a" else string.digits + string.ascii_uppercase
        bban += "".join(rng.choice(alphabet) for _ in range(count))
    numeric = "".join(str(int(c, 36)) for c in bban + country + "00")
    value = f"{country}{98 - int(numeric) % 97:02d}{bban}"
    return " ".join(value[i : i + 4] for i in range(0, len(value), 4)) if rng.random() < 0.6 else value


def _parts(spec: str) -> list[tuple[int, str]]:
    out, number = [], ""
    for c in spec:
        if c.isdigit():
            number += c
        else:
            out.append((int(number), c))
            number = ""
    return out


def ip(rng: random.Random) -> str:
    if rng.random() < 0.8:
        return ".".join(str(rng.randint(1, 254)) for _ in range(4))
    groups = [f"{rng.randint(0, 0xFFFF):x}" for _ in range(8)]
    return ":".join(groups[:3]) + "::" + ":".join(groups[6:]) if rng.random() < 0.5 else ":".join(groups)
