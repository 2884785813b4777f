"""What a recognizer misread: findings dropped or cut one at a time, before ``merge.py`` resolves overlaps.

- spaCy's small model reads postcodes and numbered places as people, case roles as names, one organisation
  word as a person, and a form label before a colon as a name or place (``_ner_misfire``, ``_label_person``);
- an NER name followed by a plain number or a contact keeps the name (``cut_number``, ``name_before_contact``);
- a one-word NER person that is an ordinary English word at a sentence start, in capitals or after a
  determiner is dropped unless it is a given name in use in Britain, Ireland or the USA ("Chuck", "Barb") or, after
  a determiner, a noun of a person's follows ("the Bush administration", "the Bloom family"), and so is one in
  capitals of several words that are all ordinary words and no listed name ("VISA SNAGS", "SHE CONTINUED";
  ``_ordinary_word_person``);
- a nationality, language or group word is kept only next to words about a person (``_impersonal``, ``PERSONAL``);
- a range of years read as a phone (``years.py``) and a lower-case guess in a short message in another
  language (``foreign.py``) are dropped.

The form labels (``FORM_LABELS``, ``is_form_label``) and role words are shared with the recognizers that
must not read them as names.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from redactor.detect.foreign import foreign_lower_case_guess
from redactor.detect.name_lists import english_frequency, is_english_word, is_name_word, lexicon, organisation_words
from redactor.detect.years import year_range_phone

if TYPE_CHECKING:
    from redactor.detect.merge import Found

GENERIC = {"LOCATION", "NRP", "ORGANIZATION", "DATE_TIME", "URL"}


FORM_LABELS = {
    "age",
    "dob",
    "d.o.b",
    "address",
    "occupation",
    "tel",
    "telephone",
    "mobile",
    "date",
    "name",
    "sex",
    "gender",
    "email",
    "e-mail",
    "postcode",
    "signed",
    "signature",
    "witness",
    "statement",
    "page",
    "time",
    "re",
    "subject",
    "phone",
    "fax",
    "cell",
    "p.o. box",
    "po box",
    "iban",
    "bic",
}
TRIM = " \t\r\n.,;:!?\"'()[]{}<>`*|"


ROLE_WORDS = {"complainant", "witness", "suspect", "defendant", "victim", "officer", "subject", "accused", "informant", "signed"}


def _ner_misfire(text: str, span: Found) -> bool:
    """spaCy's small model reads postcodes and numbered places as people, and case roles as names:
    an NER name with a digit or without a letter ("-"), or that is only a role word ("Complainant") or one
    organisation word (``organisation_words.txt``: "Ofsted"), is dropped."""
    if span.entity != "PERSON" or span.recognizer != "SpacyRecognizer":
        return False
    value = text[span.start : span.end]
    bare = re.sub(r"['’]s$", "", value).strip()
    return any(c.isdigit() for c in value) or not any(c.isalpha() for c in value) or bare.lower() in ROLE_WORDS or _organisation(bare)


def _organisation(word: str) -> bool:
    """One word that names an organisation or brand and no person ("Ofsted", "Tesco"; not "Chelsea", a given name),
    or a name ending in a company's legal form ("Ostrel Labs Inc")."""
    if word.split()[-1].lower().rstrip(".") in COMPANY_SUFFIXES:
        return True  # "Ostrel Labs Inc"
    return " " not in word and word.lower() in organisation_words() and not is_name_word(word) and not is_name_word(word.title())


COMPANY_SUFFIXES = {"ltd", "limited", "inc", "plc", "llc", "llp", "gmbh", "corp", "corporation", "co"}


_NAME_THEN_NUMBER = re.compile(r"([^\W\d_][\w'’.-]*(?:[ ][^\W\d_][\w'’.-]*){0,2})[ ]+\d+(?:[ .,:]+\d+)*\s*$")


def dropped(text: str, span: Found) -> bool:
    return (
        _ner_misfire(text, span)
        or _impersonal(text, span)
        or _ordinary_word_person(text, span)
        or _label_person(text, span)
        or _label_before_a_number(text, span)
        or year_range_phone(text, span)
        or foreign_lower_case_guess(text, span)
        or _abbreviation(text, span)
    )


# a month's or a rank's short form before its full stop ("On Jan. 8", "said Maj. Gen. ...", "Navy Capt. Jeff ..."): the
# name lexicon holds "Jan", spaCy reads "Brig" or "Navy Capt" as a person; written here
MONTHS_SHORT = frozenset("Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split())
RANKS_SHORT = frozenset("Maj Brig Capt Gen Col Lt Sgt Cpl Pvt Pte Adm Cmdr Cdr Spc Lieut Gov Sen Rep".split())
SERVICES = frozenset("Navy Army Marine Marines Air Force Coast Guard".split())
_DAY_AFTER = re.compile(r"\.[ ]?\d")
_STOP_AFTER = re.compile(r"\.[ ]?[A-Z]")


def _abbreviation(text: str, span: Found) -> bool:
    """A guessed person that is a month's short form before a day ("Jan. 8"), or a rank's short form, after a service's
    name or not, before a full stop and a capital ("Brig. Gen. Coe", "Navy Capt. Davis"): no name."""
    if span.entity != "PERSON" or span.recognizer not in ("SpacyRecognizer", "NameLexiconRecognizer", "OrgNameRecognizer"):
        return False
    words = text[span.start : span.end].split()
    if words == [words[0]] and words[0] in MONTHS_SHORT and _DAY_AFTER.match(text, span.end):
        return True
    return words[-1] in RANKS_SHORT and all(w in SERVICES for w in words[:-1]) and _STOP_AFTER.match(text, span.end) is not None


_COLON_AFTER = re.compile(r"[ \t]*:")


def _label_person(text: str, span: Found) -> bool:
    """A form label read as a name or place ("Адрес: ул. Ленина 5", "Nazwisko: ...", "Dirección: ..."): a guessed
    person or place that is one label word (English or ``models/lexicons/form_labels.txt``) with a colon after it; a
    spaCy person that is one English word opening a line before "to:" ("Bill to: Jane Roe": an invoice's addressee label,
    "Bill" a given name too)."""
    if span.entity not in GENERIC | {"PERSON"} or span.recognizer == "KnownPeopleRecognizer":
        return False
    if _ADDRESSEE_LABEL.match(text, span.end) and span.recognizer == "SpacyRecognizer" and _starts_a_line(text, span):
        return is_english_word(text[span.start : span.end])  # an invoice's "Bill to:", "Ship to:", "Deliver to:"
    return bool(_COLON_AFTER.match(text, span.end)) and is_form_label(text[span.start : span.end])


_ADDRESSEE_LABEL = re.compile(r"[ \t]+to[ \t]*:")


# a phone's label or a currency's code read as a person right before the number it labels ("or Tel. +31 6 ...",
# "Desk +1 637 ...", "amount EUR 1,250.00"): the small model reads a capitalised word before digits as a name
NUMBER_LABELS = {"tel", "phone", "telephone", "mobile", "mob", "cell", "fax", "desk", "landline", "whatsapp", "home", "work", "office",
                 # the same labels in the languages of people in UK downloads ("gsm: 0475 ...", "tlf 22 ...", "Telefon 0171 ...")
                 "gsm", "tlf", "telefon", "telefone", "telefono", "teléfono", "téléphone", "mobil", "móvil", "celular",
                 "puhelin", "komórka", "cellulare"}  # fmt: skip
CURRENCIES = set(
    "EUR USD GBP CHF PLN CZK HUF RON BGN SEK NOK DKK ISK TRY RUB UAH CAD AUD NZD JPY CNY HKD SGD INR PKR BDT NGN GHS KES ZAR "
    "AED SAR QAR EGP MAD BRL MXN ARS CLP COP".split()
)
_NUMBER_AFTER = re.compile(r"[.:]?[ \t]+[+(]?\d")


def _label_before_a_number(text: str, span: Found) -> bool:
    """A guessed person that is one phone label ("Tel", "Mobile", "Desk") or a currency's code ("EUR") right before a number;
    spaCy's: also one ordinary word that labels the number after it ("Order no. 448120", "Batch 20231105", "Wire MXN
    3275.83", "flight EK 1586"; ``_frame_word_before_a_number``)."""
    if span.entity != "PERSON" or span.recognizer == "KnownPeopleRecognizer":
        return False
    value = text[span.start : span.end]
    if _NUMBER_AFTER.match(text, span.end) and (value.rstrip(".").lower() in NUMBER_LABELS or value in CURRENCIES):
        return True
    return span.recognizer == "SpacyRecognizer" and _frame_word_before_a_number(text, span.start, value)


# a number's label after a word: "Order 4471", "Order no. 448120", "Batch #20231105", "Invoice nr 5", "Wire MXN 3275.83"
_LABELLED_NUMBER_AFTER = re.compile(r"[ \t](?:(?i:no|nr|num|ref)\.?[ \t]*|#[ \t]*)?[#]?\d")
_FLIGHT_BEFORE = re.compile(r"(?i)(?<![\w'])(?:flight|flights|flt|flug|vol|vuelo|voo|volo|lot)\.?[ \t]+$")
_FLIGHT_CODE = re.compile(r"[A-Z][A-Z0-9]|[0-9][A-Z]")


def _frame_word_before_a_number(text: str, start: int, value: str) -> bool:
    """spaCy reads a capitalised word before a number as a person wherever it stands ("| Order no. 448120", "x Batch
    20231105"): one ordinary English word that no name list holds ("Bill", "Ford", "Brown" stay), or such a word and a
    currency's code ("Wire MXN"), right before a number or its "no."; an airline's code after "flight" ("flight EK 1586")."""
    end = start + len(value)
    words = value.split()
    if len(words) == 2 and words[1] in CURRENCIES:
        words = words[:1]
    elif len(words) != 1:
        return False
    word = words[0]
    if _FLIGHT_CODE.fullmatch(word) and _FLIGHT_BEFORE.search(text, max(0, start - 12), start) and re.match(r"[ \t]?\d", text[end:]):
        return True
    if not _LABELLED_NUMBER_AFTER.match(text, end):
        return False
    return word[:1].isupper() and is_english_word(word) and not is_name_word(word.title()) and not is_name_word(word)


def is_form_label(word: str) -> bool:
    """One label word of a form, English (``FORM_LABELS``) or another language (``models/lexicons/form_labels.txt``)."""
    return word.lower() in FORM_LABELS or word.lower() in lexicon("form_labels.txt")


def cut_number(text: str, span: Found) -> Found:
    """An NER name followed by a plain number ("Alonso 222", "Kimmel 2015", "Colbert 4") or by a contact
    ("Jimmy Garrison +1 463 ...", "Sophie Richardson - sr@example.org": spaCy's span takes in the
    phone's first group or the whole e-mail) keeps the name; a name with a digit inside a word
    ("Leeds LS6 2AB") stays a misfire and is dropped."""
    if span.entity != "PERSON" or span.recognizer != "SpacyRecognizer":
        return span
    m = _NAME_THEN_NUMBER.fullmatch(text, span.start, span.end)
    if m:
        return replace(span, end=span.start + len(m.group(1)))
    end = name_before_contact(text, span.start, span.end)
    return replace(span, end=end) if end is not None else span


def name_before_contact(text: str, start: int, end: int) -> int | None:
    """Where the name ends in an NER span that runs on into a phone or e-mail after it, or None."""
    m = _NAME_THEN_CONTACT.match(text, start, end)
    return start + len(m.group(1)) if m else None


# a name, a separator, then a number written as a phone (after + or a bracket, or three digits) or an e-mail
_NAME_THEN_CONTACT = re.compile(
    r"([^\W\d_][\w'’.-]*(?:[ ][^\W\d_][\w'’.-]*){0,3}?)[ ,:;]*(?:[ ][-–|:][ ]?|[ ])(?=(?:[+(]\d|\d[\d()+.\-/]*\d\d)[\d()+.\-/]*(?:[ ]|$)|[^\s@]+@)"
)


PERSONAL = re.compile(
    r"(?i)(?<![\w'])(?:i|i'm|im|me|my|he|she|his|her|him|they|their|them|we|our|you|your|is|are|was|were|being|family|mum|mother|dad|"
    r"father|parents|brother|sister|son|daughter|boyfriend|girlfriend|friend|partner|wife|husband|lad|girl|boy|guy|man|woman|men|"
    r"women|people|community|background|descent|origin|national|citizen)(?![\w'])"
)


def _impersonal(text: str, span: Found) -> bool:
    """A nationality, language or group word (spaCy NORP, or the lexicon's ethnicity terms) is special
    category only about a person: "(scan)", "translated from Spanish" are not; "she is Spanish" is."""
    nrp = span.entity == "NRP" and span.recognizer == "SpacyRecognizer"
    ethnic = span.entity == "SPECIAL_CATEGORY" and span.explanation.get("category") == "ethnicity"
    if not (nrp or ethnic):
        return False
    if nrp and not text[span.start : span.end][:1].isupper():
        return True
    line_start = max(text.rfind("\n", 0, span.start) + 1, span.start - 48)
    line_end = text.find("\n", span.end)
    line_end = min(line_end if line_end != -1 else len(text), span.end + 32)
    return PERSONAL.search(text, line_start, span.start) is None and PERSONAL.search(text, span.end, line_end) is None


def _sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start].rstrip()
    return not before or before[-1] in ".!?:;\"'(\n"


def _starts_a_line(text: str, span: Found) -> bool:
    """First on its line with words after it ("Permission is hereby granted"); a word alone on its line
    is a signature or a heading, not a sentence ("Regards,\nViola")."""
    line_end = text.find("\n", span.end)
    rest = text[span.end : line_end if line_end != -1 else len(text)]
    return not text[text.rfind("\n", 0, span.start) + 1 : span.start].strip() and bool(rest.strip(TRIM))


_DETERMINER = re.compile(r"(?i)(?<![\w'])(?:the|this|these|those|such|any|each|every|said)\s+$")  # not "that": "so fitting that Bodega was"


# nouns that take a person's name before them after "the" ("the Bush administration", "the Bloom family", "the Kray
# twins"): a government or term of office, a family, a campaign or a case named after its person (hand-written)
_PERSONS_NOUN = re.compile(
    r"[ ]+(?:administration|government|presidency|premiership|regime|cabinet|era|years|family|families|household|"
    r"brothers|sisters|twins|children|campaign|estate|case|trial|murder|inquiry|inquest|doctrine)(?![\w-])"
)


def _ordinary_word_person(text: str, span: Found) -> bool:
    """spaCy reads a capitalised common noun as a person at the start of a sentence, in capitals, or
    after a determiner ("Vehicle seen at 10pm", "the Library", "this License"): one word that is an
    ordinary English word and no listed name."""
    if span.entity != "PERSON" or span.recognizer != "SpacyRecognizer":
        return False
    value = text[span.start : span.end]
    if " " in value and value.isupper():
        return _ordinary_words_in_capitals(value)
    after_determiner = value[:1].isupper() and _DETERMINER.search(text, max(0, span.start - 8), span.start)
    if after_determiner and _PERSONS_NOUN.match(text, span.end):
        after_determiner = None  # "the Bush administration", "the Bloom family": a person's name before a noun of theirs
    cue = _sentence_start(text, span.start) or _starts_a_line(text, span) or value.isupper() or after_determiner
    if " " in value or not cue:
        return False
    given = _given_name_in_use(value) and not _CONTRACTION.match(text, span.end)
    return is_english_word(value) and not is_name_word(value.title()) and not given


_CONTRACTION = re.compile(r"[ ]?['’][ ]?t(?!\w)")  # "Don't", "Don ’ t" (tokenised text): a verb, not "Don"


GIVEN_NAME_IN_USE = 2  # nam_dict.txt's frequency scale (1 rare .. 13): "Chuck", "Barb", "Gene" at 2 and over; "Chance" 1


def _given_name_in_use(word: str) -> bool:
    """A given name that people in Britain, Ireland or the USA are given, not rarely ("Chuck and Gretchen were very
    helpful", "Barb does an amazing job"): an ordinary English word that is such a name, read by spaCy as a person,
    stays one wherever it stands in the sentence, as in capitals (``_ordinary_words_in_capitals``)."""
    return english_frequency().get(word.lower(), 0) >= GIVEN_NAME_IN_USE


def _ordinary_words_in_capitals(value: str) -> bool:
    """ "VISA SNAGS", "COURAGEOUS ACHIEVEMENT", "SHE CONTINUED": in text written in capitals the small model reads
    runs of ordinary words as people; every word an ordinary English word and none a listed name or a given name in
    use in Britain, Ireland or the USA ("MARK WOOD", "ROSE HILL", "CHUCK CLOSE" stay)."""
    words = [w for w in re.split(r"[ \-]+", re.sub(r"['’]S\b", "", value)) if w.strip(TRIM)]
    words = [w.strip(TRIM) for w in words]
    return bool(words) and all(is_english_word(w) and not is_name_word(w.title()) and w.lower() not in english_frequency() for w in words)
