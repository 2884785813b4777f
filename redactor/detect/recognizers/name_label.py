"""Names that a document's layout says are names, in any language and script.

- after a person label in a form, a table row or a header: "Name: Χαραλάμπης Ζάχου",
  "Payer: Bastos, Amabília", "Full name | Fem Rand", "From: Jovian Frías <...>";
- after a salutation: "Dear Božidara,", "Hello Ties Mierts!";
- a line that is only a name under a sign-off ("Regards,\\nThorwe", "Take care\\nGT"), or a name after "from" in one
  ("Thanks from Bill");
- a speaker at the start of a transcript or chat line: "Kez: are you coming", "[12/03/2024, 10:15] Иван: привет"
  (a label word there is left alone: "Note:", "Subject:", "TODO:", "Адрес:");
- an e-mail's display name, as mail programs write it in headers and quoted replies: in quotes before an address in
  angle brackets (RFC 5322's ``"display name" <address>``: ``"Townsend, George" <gt@...>``), or alone on its line
  in quotes as "Surname, Given" (``"Lenhart, Matthew"``); and a Lotus Notes address, a name with the organisation
  after ``@`` and no domain (``Traci Warner@ACME``, ``Jo Kemp/LDN/ACME@ACME``), flagged whole, at a line's start or
  after a comma, semicolon or colon.

spaCy's small English model misses many foreign names in exactly these places, where the layout
leaves no doubt. The value must look like a name: one to four words, each starting with a capital
letter (any script), no digits; a value made only of ordinary English words that are no listed
name ("Finance Team", "Sir") is left alone.
"""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerResult

from redactor.detect.misreads import is_form_label
from redactor.detect.name_lists import given_names_raw, is_english_word, is_name_word
from redactor.detect.recognizers.base import result
from redactor.detect.recognizers.letters import LOWER, UPPER
from redactor.detect.recognizers.names import RANKS, TITLES

LABELS = (
    r"(?:full[ ]|first[ ]|given[ ]|last[ ]|family[ ]|sur|maiden[ ]|user[ ]|contact[ ]|customer[ ]|client[ ]|account[ ])?name|"
    r"account[ ]holder|card[ ]?holder|holder|payer|payee|beneficiary|customer|client|(?:emergency[ ])?contact|next[ ]of[ ]kin|"
    r"from|to|cc|sender|recipient|tenant|landlord|employee|patient|driver|owner|signed|signature|attn|attention|"
    r"nom|nombre|nome|vorname|nachname|név|jméno|imię|nazwisko|имя|фио|όνομα"
)
_WORD = rf"{UPPER}(?:{LOWER}|{UPPER})*(?:[-'’]{UPPER}?{LOWER}+)*\.?"
NAME = rf"{_WORD}(?:,?[ ]{_WORD}){{0,3}}"
LABELLED = re.compile(rf"(?im)(?:^|(?<=[|;\t]))[ \t]*(?:{LABELS})[ \t]*[:|][ \t]*(?-i:(?P<name>{NAME}))(?=[ \t]*(?:$|[|;<(\t,]|-[ ]))")
SALUTATION = re.compile(
    rf"(?:^|(?<=\n)|(?<=[.!?][ ]))(?:Dear|Hi|Hello|Hey|Hiya|Morning|Good[ ]morning|Good[ ]afternoon|Good[ ]evening)[ ]"
    rf"(?P<name>{_WORD}(?:[ ]{_WORD}){{0,2}})(?=[,!:]|[ ]*$|[ ]*\n)",
    re.M,
)
# e-mail headers (module docstring): a quoted display name before <address>; a quoted "Surname, Given" line
DISPLAY_NAME = re.compile(rf'"[ \t]*(?P<name>{NAME})[ \t]*"[ \t]*<[^<>@\s]+@')
QUOTED_SURNAME_FIRST = re.compile(rf'(?m)^[ \t>]*"(?P<name>{_WORD},[ ]{_WORD}(?:[ ]{_WORD})?)"[ \t]*$')
LOTUS_ADDRESS = re.compile(
    rf"(?m)(?:^|(?<=[,;:]))[ \t]*(?P<name>(?P<person>{_WORD}(?:[ ]{_WORD}){{1,3}})(?:/[A-Z][\w&-]*){{0,4}}@[A-Z][\w&-]*)(?![\w.@-])"
)
_VALEDICTION = (
    r"(?:(?:kind|kindest|best|warm|warmest|warmer|many|with|all[ ]the)[ ])?(?:regards|wishes|thanks|thank[ ]you|cheers|sincerely|"
    r"yours(?:[ ](?:sincerely|faithfully|truly))?|love|best)(?:[ ]again)?|thx|take[ ]care|talk[ ](?:to[ ]you[ ])?(?:later|soon)|speak[ ]soon"
)
SIGN_OFF = re.compile(
    rf"(?im)^[ \t]*(?:{_VALEDICTION})"
    rf"[,!.]?[ \t]*\r?\n[ \t]*(?-i:(?P<name>{_WORD}(?:[ ]{_WORD}){{0,2}}))[ \t]*$"
)
# a sign-off naming its writer on the same line: "Thanks from Bill", "Love from Ada x"
SIGNED_FROM = re.compile(
    rf"(?im)^[ \t]*(?:thanks|thank[ ]you|love|regards|greetings|cheers|best[ ]wishes)[ ]from[ ](?-i:(?P<name>{_WORD}(?:[ ]{_WORD}){{0,2}}))[ \t]*[.!]*(?:[ ]x+)?[ \t]*$"
)
# a line's speaker: optional chat time stamp, one to three name words, a colon, then something said
_STAMP = (
    r"(?:\[[^\]\n]{4,30}\][ \t]*"
    r"|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?[ \t]+\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:[ \t]?[APap]\.?[Mm]\.?)?[ \t]*(?:[-–][ \t]*)?"
    r"|\d{1,2}:\d{2}(?::\d{2})?[ \t]+)?"
)
SPEAKER = re.compile(rf"(?m)^[ \t]*{_STAMP}(?P<name>{_WORD}(?:[ ]{_WORD}){{0,2}}):[ \t]+(?=\S)")
# a title or rank before a speaker's name ("DC Baker:", "Nurse Okafor:"; names.py's list); alone it is a role ("Judge:")
_HEADS = sorted((*RANKS, *TITLES), key=len, reverse=True)
_TITLE = re.compile(r"(?:" + "|".join(re.escape(h).replace(r"\ ", "[ ]") for h in _HEADS) + r")\.?[ ]")  # the name follows
_ROLE_WORDS = frozenset(w.lower() for h in _HEADS for w in h.split())
# label words that are no English dictionary word (those are left alone anyway) and no name
_SPEAKER_LABELS = {
    "todo", "fixme", "nb", "ps", "pps", "url", "id", "ref", "eta", "dob", "tel", "mob", "fax", "email", "e-mail", "whatsapp",
    "snapchat", "instagram", "facebook", "twitter", "telegram", "skype", "signal", "tiktok", "imei", "imsi", "iccid", "msisdn",
    "iban", "bic", "swift", "vin", "vrm", "ni", "nino", "nhs", "aka", "fyi", "re", "fw",
    "fwd", "cc", "bcc", "utc", "gmt", "bst", "http", "https", "ip", "mac", "ssid", "gps", "lat", "lon", "lng", "ok", "eg", "ie",
    "fao", "rsvp", "aob", "asap", "faq", "tbc", "tba", "nfa", "cps", "mg", "vs", "btw", "imo", "lol", "omg", "tldr", "update",
    # two-letter English words (the word list starts at three letters)
    "me", "us", "we", "he", "hi", "so", "no", "my", "it", "in", "on", "at", "to", "by", "or", "an", "as", "if", "is", "be", "do",
    "go", "up", "of", "oh", "ah", "am", "pm", "ex", "yo",
}  # fmt: skip
NOT_NAMES = {"sir", "sirs", "madam", "all", "team", "everyone", "there", "colleague", "colleagues", "friend", "friends", "customer"}


class NameLabelRecognizer(EntityRecognizer):
    SCORE = 0.6
    MAIL_SCORE = 0.9  # above spaCy's 0.85: Presidio drops a finding inside a same-entity one that scores as much

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=["PERSON"], name="NameLabelRecognizer", supported_language=supported_language)

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        if "PERSON" not in entities:
            return []
        out = []
        for pattern, rule in (
            (LABELLED, "name after a label"),
            (SALUTATION, "name after a salutation"),
            (SIGN_OFF, "name under a sign-off"),
            (SIGNED_FROM, "name in a sign-off"),
        ):
            for m in pattern.finditer(text):
                start, end = m.span("name")
                if _name_like(text[start:end]):
                    out.append(result(self, "PERSON", start, end, self.SCORE, rule, f"person ({rule})"))
        if "@" in text or '"' in text:
            out.extend(self._mail_headers(text))
        if ":" in text:
            for m in SPEAKER.finditer(text):
                start, end = m.span("name")
                title = _TITLE.match(text, start, end)
                start = title.end() if title else start
                if start < end and _speaker_like(text[start:end], titled=title is not None):
                    out.append(result(self, "PERSON", start, end, self.SCORE, "speaker of a line", "person (speaker of a line)"))
        return out

    def _mail_headers(self, text: str) -> list[RecognizerResult]:
        """Display names and Lotus Notes addresses of e-mail headers (module docstring)."""
        out = []
        for pattern, rule, part in (
            (DISPLAY_NAME, "display name of an e-mail address", "name"),
            (QUOTED_SURNAME_FIRST, "quoted display name", "name"),
            (LOTUS_ADDRESS, "Lotus Notes address", "person"),
        ):
            if pattern is not QUOTED_SURNAME_FIRST and "@" not in text:
                continue
            for m in pattern.finditer(text):
                if _name_like(m.group(part)):
                    start, end = m.span("name")
                    out.append(result(self, "PERSON", start, end, self.MAIL_SCORE, rule, f"person ({rule})"))
        return out


def _speaker_like(value: str, *, titled: bool = False) -> bool:
    """A speaker's name, not a label: no label word ("TODO:", "Адрес:") and, unless a title came first ("DC Baker:"), not only ordinary English words
    unless one is a given name ("Mark:", not "Note:")."""
    words = [w.strip(".") for w in value.split()]
    if all(w.lower() in _ROLE_WORDS for w in words):
        return False  # a title or rank alone is a role: "Judge:", "Nurse:", "Detective Sergeant:"
    if any(
        len(w) < 2 or w.lower() in _SPEAKER_LABELS or w.lower() in NOT_NAMES or is_form_label(w) or re.fullmatch(LABELS, w, re.I)
        for w in words
    ):
        return False
    return titled or not all(is_english_word(w) and w.title() not in given_names_raw() for w in words)


def _name_like(value: str) -> bool:
    words = [w.strip(",.") for w in value.split()]
    if any(w.lower() in NOT_NAMES for w in words) or any(c.isdigit() for c in value):
        return False
    return not all(is_english_word(w) and not is_name_word(w.title()) for w in words)
