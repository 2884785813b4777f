"""Flag every mention of someone the case knows.

People come from the device's address book, chat participants and e-mail
correspondents (extractors yield ``Person`` records) and from the case roster. Names
match case-insensitively on word boundaries, so "ask sophie" is caught although the
spaCy model misses lower-case names; a name part that is also a common English word
("Will", "May", "Witness") counts with its capital, and in lower case only where a person stands ("ask hope", "will said",
"thanks mark", or anywhere but in the word's own use once the person is written out in the text: ``counts``); a heading
in capitals ("WITNESS") is not a match. Phone numbers match in any written form (spaces, dashes, brackets, +44, 0044 or
national 0).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult

from redactor.detect.name_lists import given_names_raw, lexicon
from redactor.detect.normalize import normalise
from redactor.detect.people_index import ORDINARY_NAMES, PeopleIndex
from redactor.detect.phone_variants import phone_variants
from redactor.people_table import PeopleTable
from redactor.records import Person

NAME_SCORE = 0.85
CONTACT_SCORE = 0.95
SEP = r"[\s\-().]{0,2}"

try:
    from spacy.lang.en.stop_words import STOP_WORDS
except ImportError:  # pragma: no cover
    STOP_WORDS = set()

COMMON_WORDS = {w.lower() for w in STOP_WORDS} | ORDINARY_NAMES  # the same as people_index.common_words()


def phone_variants_all(phones: Iterable[str]) -> list[str]:
    return sorted({v for p in phones for v in phone_variants(p)})


_LONGEST = 40  # digits: a sub-run longer than this is no phone number (a number inside a longer run still is)
_RUN = re.compile(r"(?<!\d)\+?\d(?:" + SEP + r"\d)*(?!\d)")


def _digit_runs(text: str) -> Iterable[tuple[int, int, str]]:
    """Every way of reading a written number: for each run of digits (with the separators a phone
    number is written with), each sub-run starting and ending on a digit, as (start, end, digits).

    One pass over the text and a set look-up per sub-run, however many phones the case knows."""
    for m in _RUN.finditer(text):
        positions = [m.start() + i for i, c in enumerate(m.group(0)) if c.isdigit()]
        digits = "".join(text[i] for i in positions)
        for i in range(len(positions)):
            if i and positions[i] - positions[i - 1] == 1:
                continue  # a sub-run must start at the first digit of a written group
            start = positions[i] - 1 if i == 0 and m.group(0).startswith("+") else positions[i]
            for j in range(i + 6, min(len(positions), i + _LONGEST)):  # a longer block (a hash, a dump) is no phone
                if j + 1 < len(positions) and positions[j + 1] - positions[j] == 1:
                    continue  # and end at the last digit of a group
                opened = start > 0 and text[start - 1] == "(" and ")" in text[start : positions[j]]
                yield start - opened, positions[j] + 1, digits[i : j + 1]


# A known person's name part that is also a word ("Hope Miles", "Will Archer", "Mark Dunn") counts in lower case only where
# a person stands: after a word that introduces one ("ask hope", "me and will", "thanks mark", "@hope") or before a verb of
# saying or a possessive ("will said", "mark's car"), or as the one addressed at the edge of a line ("hope, you there?",
# "see you later, will"). Where the person is written out in the same text (the full name, or the part with its capital
# inside a sentence) it counts anywhere but in a word's own use: after a pronoun, modal, "to" or determiner ("I hope", "we
# will", "to mark", "the will") or before what follows a verb or a modal ("hope so", "will be", "mark my words").
_CUE = (
    r"me[ ]and|you[ ]and|him[ ]and|her[ ]and|us[ ]and|ask|asked|asking|tell|told|telling|hey|hi|hiya|heya|hello|morning|night|"
    r"nite|bye|thanks|thank[ ]you|thx|ty|cheers|love[ ]you|miss[ ]you|ily|saw|seen|met|meet|meeting|call|called|ring|rang|"
    r"phone|phoned|text|texted|txt|message|messaged|msg|dm|from|cc|fao|(?:talk|talked|talking|spoke|speak|speaking|said|say|"
    r"sent|send|give|gave|ask)[ ]it[ ]to|(?:talk|talked|talking|spoke|speak|speaking|said|say|sent|send|give|gave|listen)[ ]to"
)
_CUE_BEFORE = re.compile(rf"(?:(?<![\w'’])(?:{_CUE})[ ]*,?[ ]+|@)$", re.IGNORECASE)
_AFTER = re.compile(
    r"^(?:['’]s\b|[ ]+(?:said|says|saying|told|tells|texted|texts|rang|rings|called|calls|messaged|replied|asked|reckons|"
    r"and[ ]me|and[ ]i|and[ ]us)(?![\w'’]))",
    re.IGNORECASE,
)
_LINE_START = re.compile(r"(?:^|\n)[ \t]*$")
_ADDRESSED_AFTER = re.compile(r"^[ ]*,")  # "hope, you there?"
_ADDRESSED_BEFORE = re.compile(r",[ ]*$")  # "see you later, will"
_LINE_END = re.compile(r"^[ ]*(?:x+|[!?.]+)*[ ]*(?:\n|$)", re.IGNORECASE)
_WORD_USE_BEFORE = re.compile(
    r"(?<![\w'’])(?:i|we|you|u|they|he|she|it|one|who|i'd|we'd|you'd|they'd|i'll|we'll|you'll|do|does|did|dont|don't|really|"
    r"just|only|still|so|to|will|would|wud|can|could|should|shall|might|must|may|gonna|wanna|the|a|an|my|your|ur|his|her|our|"
    r"their|its|this|that|no|some|any|every|of|free|good|high|new)[ ]+$",
    re.IGNORECASE,
)
_WORD_USE_AFTER = re.compile(
    r"^[ ]+(?:so|not|you|u|ur|your|it|its|it's|that|this|these|those|to|for|everything|all|we|they|he|she|i|i'm|be|been|have|"
    r"do|go|get|make|take|come|see|need|let|try|never|ever|always|probably|definitely|def|the|a|an|my|his|her|our|their|there|"
    r"things|everyone|everybody|someone|somebody|ya|yall|y'all|me|him|them|us)(?![\w'’])",
    re.IGNORECASE,
)


def counts(text: str, start: int, end: int, written_out: bool) -> bool:
    """Whether a name part that needs a capital (``people_index.name_terms``) is the person at ``text[start:end]``:
    with its capital (not a heading in capitals), or in lower case where a person stands (see ``_CUE`` above)."""
    found = text[start:end]
    if found[0].isupper():
        return not (found.isupper() and _in_heading(text, start, end))
    if len(found) < 3 or not found.isalpha() or not _name_in_lower(found.lower()):
        return False  # "jo", "al", "witness", "mum", "home": only capitalised
    before, after = text[max(0, start - 40) : start], text[end : end + 40]
    if _CUE_BEFORE.search(before) or _AFTER.match(after):
        return True
    if (_LINE_START.search(before) and _ADDRESSED_AFTER.match(after)) or (_ADDRESSED_BEFORE.search(before) and _LINE_END.match(after)):
        return True
    if _after_content_word(before):
        return False  # "a question mark", "a birth mark": the word of a compound, whoever the text names
    return written_out and not _WORD_USE_BEFORE.search(before) and not _WORD_USE_AFTER.match(after)


_PREVIOUS_WORD = re.compile(r"([A-Za-z'’]+)[ ]+$")


def _after_content_word(before: str) -> bool:
    """The word just before is a lower-case word that is not a function word ("question" in "a question mark"): after
    "and", "with", "if" or a line's start a person may stand; after a noun, the word is the noun's."""
    m = _PREVIOUS_WORD.search(before)
    return m is not None and m.group(1).islower() and m.group(1).replace("’", "'") not in STOP_WORDS


_NOT_IN_LOWER = frozenset({"mum", "dad", "nan", "nana", "home", "work", "love", "babe", "bro", "sis"})  # contacts, no names


@lru_cache(maxsize=4096)
def _name_in_lower(word: str) -> bool:
    """A name part that may count in lower case by its place: a listed given name or surname, no stop word but "will" and
    "may", no kin or place word an address book names a contact by ("mum", "home")."""
    if word in _NOT_IN_LOWER or (word in STOP_WORDS and word not in ("will", "may")):
        return False
    return word.capitalize() in given_names_raw() or word.capitalize() in lexicon("world_surnames.txt")


def written_out(text: str, hits: Iterable[tuple[int, int, int, bool]]) -> set[int]:
    """The people (indexes) written out in ``text``: a term that needs no capital and is more than one word (the full
    name, an alias of two words), or a part that needs one written with its capital inside a sentence."""
    out = set()
    for start, end, i, needs_capital in hits:
        found = text[start:end]
        if not needs_capital or (needs_capital and found[0].isupper() and not found.isupper() and _inside(text, start)):
            out.add(i)
    return out


def _inside(text: str, start: int) -> bool:
    """Not the first word of a sentence or line ("Hope you're well" says nothing of Hope)."""
    before = text[max(0, start - 80) : start].rstrip(" \t\"'“‘(")
    return bool(before) and before[-1] not in ".!?\n:;"


def _in_heading(text: str, start: int, end: int) -> bool:
    """The match stands in a line with no lower-case letter: a heading or a label, not a sentence."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end != -1 else len(text)]
    return not any(c.islower() for c in line)


class KnownPeopleRecognizer(EntityRecognizer):
    """Ad-hoc recognizer built from the people a case knows.

    Its look-ups (``people_index.py``) cost the same per text for ten people or a million: the text is cut
    at its word boundaries once and its pieces are looked up in tables, never one pattern per person."""

    def __init__(
        self, people: Sequence[Person], supported_language: str = "en", addresses: Mapping[str, Sequence[str]] | None = None
    ) -> None:
        self.people = people if isinstance(people, PeopleTable) else tuple(people)
        self.addresses = {k: tuple(v) for k, v in (addresses or {}).items()}  # person id -> addresses (the roster's)
        super().__init__(
            supported_entities=["PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "STREET_ADDRESS"],
            name="KnownPeopleRecognizer",
            supported_language=supported_language,
        )

    def load(self) -> None:
        self._index = PeopleIndex(self.people)
        self._addresses: list[tuple[re.Pattern[str], str, Person]] = []  # the roster's: a few patterns, not one per person
        by_id = {p.person_id: p for p in self.people if p.person_id in self.addresses} if self.addresses else {}
        for person_id, addresses in self.addresses.items():
            person = by_id.get(person_id)
            for address in addresses if person is not None else ():
                why = _why("known address", person)
                self._addresses += [(term, why, person) for term in address_terms(normalise(address).text)]

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        if not hasattr(self, "_index"):
            self.load()
        index, results = self._index, []
        if "PERSON" in entities:
            hits = index.find_names(text)
            written = written_out(text, hits)
            for start, end, i, needs_capital in hits:
                if needs_capital and not counts(text, start, end, i in written):
                    continue  # "witness" or the heading "WITNESS STATEMENT" is not "Alex Witness"; "I hope so" is not Hope
                results.append(self._result("PERSON", start, end, NAME_SCORE, _why("known person", self.people[i]), self.people[i]))
        if len(index.phones) and "PHONE_NUMBER" in entities:
            for start, end, i in index.find_phones(_digit_runs(text)):
                results.append(
                    self._result("PHONE_NUMBER", start, end, CONTACT_SCORE, _why("known contact detail", self.people[i]), self.people[i])
                )
        if "STREET_ADDRESS" in entities:
            for pattern, why, person in self._addresses:
                results += [self._result("STREET_ADDRESS", m.start(), m.end(), CONTACT_SCORE, why, person) for m in pattern.finditer(text)]
        if "EMAIL_ADDRESS" in entities:
            for start, end, i in index.find_emails(text):
                results.append(
                    self._result("EMAIL_ADDRESS", start, end, CONTACT_SCORE, _why("known contact detail", self.people[i]), self.people[i])
                )
        return results

    def _result(self, entity: str, start: int, end: int, score: float, why: str, person: Person) -> RecognizerResult:
        explanation = AnalysisExplanation(recognizer=self.name, original_score=score, textual_explanation=why)
        return RecognizerResult(
            entity,
            start,
            end,
            score,
            analysis_explanation=explanation,
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                "person_id": person.person_id,
                "role": person.role,
            },
        )


def _why(what: str, person: Person) -> str:
    return f"{what} ({person.role}, from {person.origin or 'the case'})"


def known_people_recognizers(people: Iterable[Person], addresses: Mapping[str, Sequence[str]] | None = None) -> list[EntityRecognizer]:
    people = people if isinstance(people, PeopleTable) else tuple(people)
    return [KnownPeopleRecognizer(people, addresses=addresses)] if len(people) else []


def address_terms(address: str) -> list[re.Pattern[str]]:
    """A known address as written in full, each comma-separated part with a number in it
    ("14 Larkspur Close", "Wakefield WF2 8QT") and its postcode, in any case and spacing."""
    parts = [address, *(p for p in address.split(",") if any(c.isdigit() for c in p))]
    parts += re.findall(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b", address, re.IGNORECASE)  # the postcode on its own
    out = []
    for part in dict.fromkeys(p.strip() for p in parts):
        tokens = re.findall(r"\w+", part)
        if tokens and len("".join(tokens)) >= 4:
            out.append(re.compile(r"(?<!\w)" + r"[\s,.]*".join(re.escape(t) for t in tokens) + r"(?!\w)", re.IGNORECASE))
    return out


def people_from_json(raw: object) -> list[Person]:
    """People given as JSON objects (the ``detect`` command's optional ``people`` list); malformed entries are skipped."""
    out: list[Person] = []
    for n, entry in enumerate(raw if isinstance(raw, list) else []):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
            continue

        out.append(
            Person(
                f"adhoc-{n}",
                entry["name"],
                _strings(entry, "aliases"),
                _strings(entry, "phones"),
                _strings(entry, "emails"),
                str(entry.get("role") or "unknown"),
                "input",
            )
        )
    return out


def _strings(entry: dict, key: str) -> tuple[str, ...]:
    value = entry.get(key) or []
    return tuple(str(v) for v in value if isinstance(v, (str, int))) if isinstance(value, list) else ()
