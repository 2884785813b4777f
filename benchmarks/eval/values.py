"""Synthetic values for the evaluation set: invented people, Ofcom drama numbers, checksummed identifiers.

Written from domain knowledge (shared/domain.md, public format descriptions) before the
detector was tuned, and kept independent of the lexicons in ``models/``: the name pools
here are a separate hand-written list. The held-out split draws from its own name pools
(``HELDOUT_*``), so names seen while developing never appear in it.
"""

from __future__ import annotations

import random
import string

from stdnum import luhn

DEV_FIRST = """Hannah Marcus Chloe Kirsty Liam Aisha Connor Priya Jordan Bethany Callum Zainab Declan Megan Tyrone
Sophie Rhys Amira Kieran Leanne Oluwaseun Ewan Niamh Harvey Jasmine Gareth Shannon Dylan Fatima Reece Abigail
Kwame Nadia Lewis Holly Mohammed Ellie Bradley Gemma Tomasz Agnieszka Darren Chantelle Imran Courtney Owen Jade""".split()
DEV_SURNAME = """Okafor Bellamy Davies Mahmood Thornton Achterberg Hussain Pritchard Kowalski O'Neill McAllister Adeyemi
Whitfield Chaudhry Fairclough Nwosu Ashworth Rahman Llewellyn Brennan Gallagher Patel Sutcliffe Mensah Holloway
Begum Carmichael Iqbal Donnelly Ogunleye Hargreaves Szymanski Fitzgerald Akhtar Pemberton Quinn Oyelaran Winstanley
Kaur Blackwood""".split()
HELDOUT_FIRST = """Tamsin Jamal Keeley Ravi Bronwyn Nathaniel Siobhan Adebayo Roisin Kacper Yasmin Ellis Lauren Hamza
Kayleigh Femi Rosie Aled Precious Joel Saoirse Usman Tegan Brandon Lucy Shane Ifeoma Mason Nicole Zak""".split()
HELDOUT_SURNAME = """Ramsbottom Okonkwo Treharne Siddiqui Nowak Ferguson Adeleke Cartwright Hanley Bhatti Greenhalgh
Mulligan Ansah Wozniak Trelawney Mirza Higginbottom Obi Kilbride Rashid Entwistle Lindqvist Onyango Partridge""".split()

RANKS = ["PC", "DC", "DS", "DI", "DCI", "Sgt", "PS", "Insp", "DCS", "Supt"]
TITLES = ["Mr", "Mrs", "Ms", "Miss", "Dr", "Mx"]
STREETS = [
    "Acacia Avenue",
    "Mill Lane",
    "Station Road",
    "Victoria Street",
    "Beech Close",
    "Church Walk",
    "Orchard Way",
    "Heol y Parc",
    "Kingsway",
    "Park Crescent",
    "Willow Drive",
    "Nelson Terrace",
    "Rowan Gardens",
    "Chapel Hill",
    "Tenter Court",
    "Market Place",
    "Greenbank Grove",
    "Albert Row",
    "Cobden View",
    "Moss Bank Road",
]
TOWNS = [
    "Leeds",
    "Rotherham",
    "Cardiff",
    "Bolton",
    "Stoke-on-Trent",
    "Swindon",
    "Hull",
    "Luton",
    "Wigan",
    "Sunderland",
    "Norwich",
    "Merthyr Tydfil",
    "Blackburn",
    "Coventry",
    "Derby",
    "Preston",
    "Salford",
    "Walsall",
]
HANDLES = ["@kirsty_m_x", "@bigjord4n", "@hannah.okx", "@tyrone_official", "@chlo3xo", "@dec_mcall", "@gemzz91", "@lils_b"]
DOMAINS = ["gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk", "icloud.com", "btinternet.com", "nhs.net"]

LANDLINE_PREFIXES = [
    "0113 496 0",
    "0114 496 0",
    "0115 496 0",
    "0116 496 0",
    "0117 496 0",
    "0118 496 0",
    "0121 496 0",
    "0131 496 0",
    "0141 496 0",
    "0151 496 0",
    "0161 496 0",
    "020 7946 0",
    "028 9649 6",
    "029 2018 0",
    "01632 960",
]


def phone(rng: random.Random) -> str:
    tail = f"{rng.randrange(1000):03d}"
    if rng.random() < 0.75:
        forms = [
            f"07700 900{tail}",
            f"07700900{tail}",
            f"+44 7700 900{tail}",
            f"+447700900{tail}",
            f"0044 7700 900 {tail}",
            f"(07700) 900{tail}",
            f"07700-900-{tail}",
            f"07700 900 {tail}",
            f"+44 (0)7700 900{tail}",
        ]
        return rng.choice(forms)
    prefix = rng.choice(LANDLINE_PREFIXES)
    digits = prefix + f"{rng.randrange(1000):03d}"[: 11 - len(prefix.replace(" ", ""))]
    if rng.random() < 0.3:
        return "+44 " + digits[1:]
    if rng.random() < 0.2:
        area, _, rest = digits.partition(" ")
        return f"({area}) {rest}"
    return digits


def postcode(rng: random.Random) -> str:
    outward = rng.choice(
        [
            "LS6",
            "S60",
            "CF24",
            "BL1",
            "ST4",
            "SN1",
            "HU5",
            "LU2",
            "WN3",
            "SR4",
            "NR2",
            "CF47",
            "BB2",
            "CV1",
            "DE22",
            "PR1",
            "M6",
            "WS1",
            "SW1A",
            "EC1V",
            "B15",
            "G41",
            "BT7",
            "EH6",
            "N17",
        ]
    )
    inward = f"{rng.randrange(10)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
    return f"{outward} {inward}" if rng.random() < 0.85 else f"{outward}{inward}"


def nino(rng: random.Random) -> str:
    first = rng.choice("ABCEGHJKLMNOPRSTWXYZ")
    second = rng.choice("ABCEGHJKLMNPRSTWXYZ")
    if first + second in {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}:
        first, second = "Q", "Q"
    digits = f"{rng.randrange(10**6):06d}"
    suffix = rng.choice("ABCD")
    if rng.random() < 0.5:
        return f"{first}{second} {digits[:2]} {digits[2:4]} {digits[4:]} {suffix}"
    return f"{first}{second}{digits}{suffix}"


def nhs(rng: random.Random) -> str:
    while True:
        digits = [rng.randrange(10) for _ in range(9)]
        check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1), strict=True)) % 11
        check = 0 if check == 11 else check
        if check != 10:
            s = "".join(map(str, digits)) + str(check)
            return f"{s[:3]} {s[3:6]} {s[6:]}" if rng.random() < 0.7 else s


def card(rng: random.Random) -> str:
    body = rng.choice(["4", "5", "4929", "5404"]) + "".join(str(rng.randrange(10)) for _ in range(14))
    body = body[:15]
    number = body + luhn.calc_check_digit(body)
    return " ".join(number[i : i + 4] for i in range(0, 16, 4)) if rng.random() < 0.6 else number


def sort_code_account(rng: random.Random) -> tuple[str, str]:
    sc = f"{rng.randrange(10, 99)}-{rng.randrange(100):02d}-{rng.randrange(100):02d}"
    return sc, f"{rng.randrange(10**7, 10**8)}"


def vehicle_reg(rng: random.Random) -> str:
    letters = "ABCDEFGHJKLMNOPRSTUVWXYZ"
    style = rng.random()
    if style < 0.7:
        age = rng.choice(["02", "05", "09", "12", "15", "18", "21", "23", "24", "53", "58", "61", "66", "70", "73"])
        reg = f"{rng.choice('ABCDEFGHKLMNOPRSVWY')}{rng.choice(letters)}{age} {''.join(rng.choice(letters.replace('I', '').replace('Q', '')) for _ in range(3))}"
    elif style < 0.85:
        reg = f"{rng.choice('ABCDEFGHJKLMNPRSTVWXY')}{rng.randrange(1, 999)} {''.join(rng.choice(letters) for _ in range(3))}"
    else:
        reg = f"{''.join(rng.choice(letters) for _ in range(3))} {rng.randrange(1, 999)}{rng.choice('ABCDEFGHJKLMNPRSTVWXY')}"
    return reg if rng.random() < 0.8 else reg.replace(" ", "")


def iban(rng: random.Random) -> str:
    bank = rng.choice(["NWBK", "BARC", "LOYD", "HBUK", "MIDL"])
    bban = bank + f"{rng.randrange(10**6):06d}" + f"{rng.randrange(10**8):08d}"
    numeric = "".join(str(int(c, 36)) for c in bban + "GB00")
    check = 98 - int(numeric) % 97
    raw = f"GB{check:02d}{bban}"
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4)) if rng.random() < 0.5 else raw


def passport(rng: random.Random) -> str:
    return f"{rng.randrange(10**8, 10**9)}" if rng.random() < 0.8 else f"{rng.choice(string.ascii_uppercase)}{rng.randrange(10**7, 10**8)}"


def driving_licence(rng: random.Random, surname: str) -> str:
    sur = "".join(c for c in surname.upper() if c.isalpha())[:5].ljust(5, "9")
    year = rng.randrange(1960, 2005)
    month = rng.randrange(1, 13) + (50 if rng.random() < 0.5 else 0)
    day = rng.randrange(1, 29)
    initials = rng.choice(string.ascii_uppercase) + rng.choice(string.ascii_uppercase + "9")
    check = rng.choice(string.ascii_uppercase) + rng.choice(string.ascii_uppercase)
    return f"{sur}{str(year)[2]}{month:02d}{day:02d}{str(year)[3]}{initials}{rng.randrange(10)}{check}"


MOD23 = "ZABCDEFGHJKLMNPQRTUVWXY"


def pnc(rng: random.Random) -> str:
    yy, serial = f"{rng.randrange(80, 124) % 100:02d}", rng.randrange(1, 10**6)
    letter = MOD23[int(yy + f"{serial:07d}") % 23]
    year = yy if rng.random() < 0.7 else ("19" if int(yy) > 50 else "20") + yy
    return f"{year}/{serial:07d}{letter}" if rng.random() < 0.5 else f"{year}/{serial}{letter}"


def cro(rng: random.Random) -> str:
    yy, serial = f"{rng.randrange(80, 124) % 100:02d}", rng.randrange(1, 10**6)
    letter = MOD23[int(yy + f"{serial:06d}") % 23]
    return f"{serial:06d}/{yy}{letter}"


def imei(rng: random.Random) -> str:
    body = "35" + "".join(str(rng.randrange(10)) for _ in range(12))
    return body + luhn.calc_check_digit(body)


def iccid(rng: random.Random) -> str:
    body = "8944" + "".join(str(rng.randrange(10)) for _ in range(14))
    return body + luhn.calc_check_digit(body)


def ip(rng: random.Random) -> str:
    return rng.choice(
        [
            f"86.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}",
            f"192.168.{rng.randrange(5)}.{rng.randrange(2, 255)}",
            f"2a00:23c7:{rng.randrange(16**4):x}:{rng.randrange(16**4):x}::{rng.randrange(16**3):x}",
        ]
    )


def mac(rng: random.Random) -> str:
    sep = rng.choice([":", "-"])
    return sep.join(f"{rng.randrange(256):02X}" for _ in range(6))


def url(rng: random.Random, handle: str) -> str:
    h = handle.lstrip("@")
    return rng.choice(
        [
            f"https://www.instagram.com/{h}/",
            f"https://facebook.com/{h}",
            f"tiktok.com/@{h}",
            f"https://www.snapchat.com/add/{h}",
            f"https://x.com/{h}",
        ]
    )


def dob(rng: random.Random) -> str:
    d, m, y = rng.randrange(1, 29), rng.randrange(1, 13), rng.randrange(1965, 2010)
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    return rng.choice(
        [
            f"{d:02d}/{m:02d}/{y}",
            f"{d}/{m}/{y}",
            f"{d} {months[m - 1]} {y}",
            f"{d:02d}.{m:02d}.{y}",
            f"{d}{'th' if d not in (1, 2, 3, 21, 22, 23) else {1: 'st', 2: 'nd', 3: 'rd', 21: 'st', 22: 'nd', 23: 'rd'}[d]} {months[m - 1]} {y}",
        ]
    )


def crime_ref(rng: random.Random) -> str:
    return rng.choice(
        [
            f"{rng.randrange(10, 99)}/{rng.randrange(10000, 999999)}/{rng.randrange(19, 25)}",
            f"CR/{rng.randrange(100000, 999999)}/{rng.randrange(19, 25)}",
            f"{rng.choice(['WY', 'GMP', 'SYP', 'MPS'])}-{rng.randrange(2019, 2025)}-{rng.randrange(100000, 999999)}",
        ]
    )


def urn(rng: random.Random) -> str:
    return f"{rng.randrange(1, 99):02d}{rng.choice(string.ascii_uppercase)}{rng.choice(string.ascii_uppercase)}{rng.randrange(10**4, 10**5)}{rng.randrange(19, 25)}"


def custody(rng: random.Random) -> str:
    return rng.choice(
        [
            f"{rng.choice(['LS', 'BD', 'CF', 'MC'])}-{rng.randrange(10000, 99999)}-{rng.randrange(19, 25)}",
            f"{rng.randrange(10, 99)}/{rng.randrange(1000, 99999)}/{rng.randrange(19, 25)}",
        ]
    )


def court_case(rng: random.Random) -> str:
    return rng.choice(
        [f"T{rng.randrange(2019, 2025)}{rng.randrange(1000, 9999)}", f"S{rng.randrange(2019, 2025)}{rng.randrange(100, 999)}"]
    )
