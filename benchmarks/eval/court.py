"""The ``court`` set: direct identifiers in court-judgment text (parties, representatives, application numbers).

    python -m benchmarks.eval --set court [--misses]

Generated at eval time from a seed (nothing committed): paragraphs in the register of a human-rights
court's judgment ("The case originated in an application (no. 41872/09) against ... by a ... national,
Mr ... ("the applicant")"), with names of 22 countries from ``mimesis``' locale data (``intl_values.py``)
and application and case numbers made here in the court's shapes (``12345/05``, ``12/1995/345/678``).
Every frame and distractor sentence was written for redactor; no judgment's text is used. Scored as
``intl`` is (``IntlScore``: a value is found when every non-space character is covered by some flag),
with two kinds: ``person`` (parties, relatives, representatives, agents, witnesses; full names, titles
and surnames, names in a case title) and ``reference`` (application and case numbers, each number of
"nos. A and B" on its own). The distractors hold what is no identifier (articles, paragraphs, series
and report numbers, statutes, dates, courts and places), so precision counts.
"""

from __future__ import annotations

import random
from typing import Any

from benchmarks.eval.intl import SLOT, IntlScore

SEED, SIZE = 1950, 400
KINDS = {"PERSON": "person", "CASE_REFERENCE": "reference"}
# locales of the parties (mimesis' data; Latin script): the states of a regional court, and their neighbours
LOCALES = ("pl", "hu", "cs", "sk", "hr", "de", "de-at", "fr", "es", "it", "pt", "tr", "et", "fi", "sv", "da", "no", "nl",
           "nl-be", "is", "az", "en-gb")  # fmt: skip
STATES = {
    "pl": "Poland", "hu": "Hungary", "cs": "the Czech Republic", "sk": "Slovakia", "hr": "Croatia", "de": "Germany",
    "de-at": "Austria", "fr": "France", "es": "Spain", "it": "Italy", "pt": "Portugal", "tr": "Turkey", "et": "Estonia",
    "fi": "Finland", "sv": "Sweden", "da": "Denmark", "no": "Norway", "nl": "the Netherlands", "nl-be": "Belgium",
    "is": "Iceland", "az": "Azerbaijan", "en-gb": "the United Kingdom", "el": "Greece", "uk": "Ukraine",
}  # fmt: skip
NATIONALS = {
    "pl": "Polish", "hu": "Hungarian", "cs": "Czech", "sk": "Slovak", "hr": "Croatian", "de": "German", "de-at": "Austrian",
    "fr": "French", "es": "Spanish", "it": "Italian", "pt": "Portuguese", "tr": "Turkish", "et": "Estonian", "fi": "Finnish",
    "sv": "Swedish", "da": "Danish", "no": "Norwegian", "nl": "Dutch", "nl-be": "Belgian", "is": "Icelandic",
    "az": "Azerbaijani", "en-gb": "British",
}  # fmt: skip
FRAMES = (
    "The case originated in an application (no. {APP}) against {STATE} lodged with the Court under Article 34 of the "
    'Convention for the Protection of Human Rights and Fundamental Freedoms ("the Convention") by a {NAT} national, '
    '{MR} {NAME} ("the applicant"), on {DATE}.',
    "The case originated in two applications (nos. {APP} and {APP2}) against {STATE} lodged with the Court under "
    'Article 34 of the Convention by two {NAT} nationals, {MR} {NAME} and {MR2} {NAME2} ("the applicants"), on {DATE}.',
    'The case was referred to the Court by the European Commission of Human Rights ("the Commission") on {DATE}, '
    "within the three-month period laid down by Article 32 para. 1 of the Convention. It originated in an application "
    "(no. {APP}) against {STATE} lodged with the Commission under Article 25 by {MR} {NAME}, a {NAT} national.",
    "In the case of {LAST} v. {STATE} (no. {OLD}), the European Court of Human Rights, sitting as a Chamber, "
    "delivers the following judgment, which was adopted on that date.",
    "CASE OF {LASTUP} v. {STATEUP}\n(Application no. {APP})\nJUDGMENT\nSTRASBOURG\n{DATE}",
    "The applicant, {MR} {NAME}, was born in {YEAR} and lives in {CITY}.",
    "The applicant was represented by {MR2} {NAME2}, a lawyer practising in {CITY}. The {NAT} Government "
    '("the Government") were represented by their Agent, {MR3} {NAME3}, of the Ministry of Justice.',
    "On {DATE} the applicant's wife, {NAME2}, lodged a criminal complaint with the {CITY} District Prosecutor's Office.",
    "{MR} {LAST} told the investigator that he had not seen his brother, {FIRST2} {LAST}, since the spring of {YEAR}.",
    "The first applicant, {MR} {NAME}, is a parent of the second applicant, {NAME2}. They live in {CITY}.",
    "A witness, {MR3} {NAME3}, stated that she had seen the applicant in the courtyard of the police station. "
    "The Regional Court did not hear {MR3} {LAST3}.",
    "By a decision of {DATE} the Supreme Court dismissed the applicant's appeal on points of law (case no. {DOM}).",
    "The applicant's son, {FIRST2}, was arrested on {DATE} and taken to the {CITY} police station, where the officer on "
    "duty, Sergeant {LAST3}, questioned him.",
    "The Court notes that {MR} {LAST} complained of the length of the proceedings. The applicant's lawyer, "
    "{MR2} {NAME2}, repeated that complaint in a letter of {DATE}.",
    "The applications were joined (see paragraph 4 above). The applicants, {NAME} and {NAME2}, are {NAT} nationals "
    "who were born in {YEAR} and {YEAR2} respectively.",
    '{MR} {NAME} ("the applicant") is a {NAT} national who was born in {YEAR}. His application (no. {APP}) was '
    "communicated to the Government on {DATE}.",
)
# sentences of the same register with nothing that identifies anyone: precision must survive them
DISTRACTORS = (
    "There has accordingly been a violation of Article 6 § 1 of the Convention.",
    "The Court refers to the general principles set out in its case-law (see Series A no. 324, §§ 52-56).",
    "Section 42 of the Code of Criminal Procedure (Law no. 141/1961) provides that the prosecutor shall act ex officio.",
    "The Government did not submit any observations on the admissibility and merits of the case.",
    "The President of the Chamber granted leave for the written procedure (Rule 38 § 1 of the Rules of Court).",
    "Protocol No. 11 to the Convention came into force on 1 November 1998.",
    "The Court awards EUR 9,800 in respect of non-pecuniary damage, plus any tax that may be chargeable.",
    "Done in English, and notified in writing on 14 March 2006, pursuant to Rule 77 §§ 2 and 3 of the Rules of Court.",
    "The hearing took place in public in the Human Rights Building, Strasbourg.",
    "The Chamber decided to examine the merits of the application at the same time as its admissibility (Article 29 § 3).",
)
TITLES = {"male": ("Mr",), "female": ("Mrs", "Ms")}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def _app(rng: random.Random) -> str:
    """An application number: a serial of up to five digits, a slash, the year's last two digits."""
    return f"{rng.randint(100, 79999)}/{rng.randint(0, 99):02d}"


def _old(rng: random.Random) -> str:
    """An older case number: serial/year/serial/serial ("12/1995/345/678")."""
    return f"{rng.randint(1, 199)}/{rng.randint(1990, 1998)}/{rng.randint(100, 999)}/{rng.randint(100, 999)}"


def _domestic(rng: random.Random) -> str:
    """A domestic court's file number ("II KK 314/07", "4 Tdo 1025/2006", "Rs 2/04")."""
    return rng.choice((
        f"II KK {rng.randint(10, 999)}/{rng.randint(0, 9):02d}",
        f"{rng.randint(1, 9)} Tdo {rng.randint(100, 1999)}/{rng.randint(2000, 2012)}",
        f"{rng.randint(1, 9)} Ob {rng.randint(10, 299)}/{rng.randint(0, 12):02d}",
    ))  # fmt: skip


def _person(rng: random.Random, locale: str) -> tuple[Any, str]:
    """A name and its gender (the title before it agrees), from the locale's given names and surnames of that gender."""
    from benchmarks.eval import intl_values as V

    gender = rng.choice(("female", "male"))
    data = V._data(locale, "person")
    given = data.get("names") or V._data(V.FALLBACK[locale], "person")["names"]
    surnames = data["surnames"]
    pick = lambda group: rng.choice(V._flat(group.get(gender, group) if isinstance(group, dict) else group))  # noqa: E731
    return V.Name(pick(given), pick(surnames)), gender


def _slot(rng: random.Random, locale: str, slot: str, names: list) -> tuple[str, str | None]:
    from benchmarks.eval import intl_values as V

    base = slot.rstrip("23")
    n = {"": 0, "2": 1, "3": 2}[slot[len(base) :]]
    plain = {
        "STATE": lambda: STATES[locale], "STATEUP": lambda: STATES[locale].upper(), "NAT": lambda: NATIONALS[locale],
        "MR": lambda: rng.choice(TITLES[names[n][1]]), "YEAR": lambda: str(rng.randint(1940, 1985)),
        "DATE": lambda: f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(1994, 2012)}",
        "CITY": lambda: V._pick(rng, locale, "address", "city"),
    }  # fmt: skip
    if base in plain:
        return plain[base](), None
    if base in ("APP", "OLD", "DOM"):
        return {"APP": _app, "OLD": _old, "DOM": _domestic}[base](rng), "reference"
    name = names[n][0]
    value = {"NAME": name.full, "FIRST": name.first, "LAST": name.last, "LASTUP": name.last.upper()}[base]
    return value, "person"


def record(rng: random.Random, i: int) -> dict:

    locale = rng.choice(LOCALES)
    frame = rng.choice(FRAMES)
    names = [_person(rng, locale) for _ in range(3)]
    text, labels, pos = "", [], 0
    for m in SLOT.finditer(frame):
        text += frame[pos : m.start()]
        value, kind = _slot(rng, locale, m.group(1), names)
        if kind is not None:  # a title ("Mr") is not part of the name
            labels.append({"start": len(text), "end": len(text) + len(value), "type": kind})
        text += value
        pos = m.end()
    text += frame[pos:]
    if rng.random() < 0.5:
        text += " " + rng.choice(DISTRACTORS)
    return {"id": f"court-{i:04d}", "locale": locale, "text": text, "people": [], "labels": labels}


def load_court(n: int = SIZE, seed: int = SEED) -> tuple[list[dict] | None, str]:
    """The set's records, or None and why not (mimesis is not installed)."""
    try:
        import mimesis  # noqa: F401
    except ImportError:
        return None, "mimesis is not installed (pip install -r requirements/lock.txt)"
    rng = random.Random(seed)
    return [record(rng, i) for i in range(n)], ""


def court_score() -> IntlScore:
    """A scorer with the court set's two kinds (a flag of another entity counts only in any-flag precision)."""
    return IntlScore(kinds=KINDS)
