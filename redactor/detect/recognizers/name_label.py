"""Names that a document's layout says are names, in any language and script.

- after a person label in a form, a table row or a header: "Name: Χαραλάμπης Ζάχου",
  "Payer: Bastos, Amabília", "Full name | Fem Rand", "From: Jovian Frías <...>";
- after a salutation: "Dear Božidara,", "Hello Ties Mierts!";
- a line that is only a name under a sign-off: "Regards,\\nThorwe".

spaCy's small English model misses many foreign names in exactly these places, where the layout
leaves no doubt. The value must look like a name: one to four words, each starting with a capital
letter (any script), no digits; a value made only of ordinary English words that are no listed
name ("Finance Team", "Sir") is left alone.
"""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerResult

from redactor.detect.name_lists import is_english_word, is_name_word
from redactor.detect.recognizers.base import result
from redactor.detect.recognizers.letters import LOWER, UPPER

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
SIGN_OFF = re.compile(
    r"(?im)^[ \t]*(?:(?:kind|best|warm|warmest|many)[ ])?(?:regards|wishes|thanks|thank[ ]you|cheers|sincerely|yours(?:[ ](?:sincerely|faithfully|truly))?|love|best)"
    rf"[,!.]?[ \t]*\r?\n[ \t]*(?-i:(?P<name>{_WORD}(?:[ ]{_WORD}){{0,2}}))[ \t]*$"
)
NOT_NAMES = {"sir", "sirs", "madam", "all", "team", "everyone", "there", "colleague", "colleagues", "friend", "friends", "customer"}


class NameLabelRecognizer(EntityRecognizer):
    SCORE = 0.6

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
        ):
            for m in pattern.finditer(text):
                start, end = m.span("name")
                if _name_like(text[start:end]):
                    out.append(result(self, "PERSON", start, end, self.SCORE, rule, f"person ({rule})"))
        return out


def _name_like(value: str) -> bool:
    words = [w.strip(",.") for w in value.split()]
    if any(w.lower() in NOT_NAMES for w in words) or any(c.isdigit() for c in value):
        return False
    return not all(is_english_word(w) and not is_name_word(w.title()) for w in words)
