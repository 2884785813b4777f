"""Words that say a number is a phone number ("call me on", "Tel:", "mob", "numer telefonu").

A phone word is matched as a whole word, never as the start of another one: "Worked 12345678
hours", "calligraphy 1234567 times" and "Telford 0123456789" have no phone word, and flagging
their digits would over-redact. What counts:

- an English phone word, or one of its own inflections ("calls", "called", "rang", "texted",
  "ringing", "mobiles"), optionally run together with a word for number ("telno", "phonenumber");
- a stem of another language starts the word, because those languages inflect and compound it
  ("Telefonnummer", "telefonu", "Handynummer", "mobilní"), unless the whole word is an ordinary
  English word ("handyman", "mobility", "portables"), which is no phone word.
"""

from __future__ import annotations

import re
from functools import lru_cache

from redactor.detect.name_lists import is_english_word

# each English phone word with its inflections (and the nouns a phone label is written with)
ENGLISH = {
    "phone": ("phones", "phoned", "phoning", "phonecall", "phonecalls", "cellphone", "cellphones"),
    "mob": (),
    "mobile": ("mobiles",),
    "tel": ("tels",),
    "telephone": ("telephones", "telephoned", "telephoning"),
    "fax": ("faxes", "faxed", "faxing"),
    "desk": (),
    "call": ("calls", "called", "calling", "caller", "callers", "callback"),
    "ring": ("rings", "rang", "ringing", "rung"),
    "text": ("texts", "texted", "texting"),
    "whatsapp": ("whatsapps", "whatsapped", "whatsapping"),
    "cell": ("cellular",),
    "landline": ("landlines",),
    "hotline": ("hotlines",),
    "sms": ("smses",),
    "viber": (),
    "signal": (),
    "telegram": (),
    "work": (),
    "home": (),
    "office": (),
    "direct": (),
    "dial": ("dials", "dialled", "dialed", "dialling", "dialing"),
    "contact": ("contacts", "contacted", "contacting"),
    "reach me": (),
    "reach out": (),
    "reach us": (),
    "msisdn": ("msisdns",),
    "voicemail": ("voicemails",),
    "my number": (),
    "his number": (),
    "her number": (),
    "their number": (),
    "your number": (),
    "new number": (),
}
# stems of other languages' phone words, matched at the start of a word
STEMS = (
    "telefon", "telefono", "teléfono", "telefone", "téléphone", "tél", "handy", "móvil", "celular", "portable",
    "cellulare", "mobil", "mobiel", "gsm", "tlf", "puhelin", "telefoon", "komórka",
)  # fmt: skip
PHONE_WORDS = tuple(ENGLISH) + STEMS
_NUMBER = r"(?:no|nr|num|number)?"  # "telno", "mobno", "phonenumber": a label run together
_LETTER = r"[^\W\d_]"


def _alternation(words: tuple[str, ...]) -> str:
    ordered = sorted(words, key=len, reverse=True)  # the longest form first: "calling" before "call"
    return "|".join(re.escape(w).replace(r"\ ", r"[\s.-]*") for w in ordered)


_ENGLISH = tuple(w for stem, forms in ENGLISH.items() for w in (stem, *forms))
PHONE_WORD = re.compile(
    rf"(?<!{_LETTER})(?:(?P<english>{_alternation(_ENGLISH)}){_NUMBER}(?!{_LETTER})|(?P<stem>{_alternation(STEMS)}){_LETTER}*)",
    re.IGNORECASE,
)


def phone_words(clause: str) -> list[str]:
    """The phone words in ``clause``, in order, each as written (a stem's whole word)."""
    return [m.group(0) for m in phone_word_matches(clause)]


def phone_word_matches(clause: str) -> list[re.Match[str]]:
    """Where the phone words of ``clause`` are, in order (``phone_words``' matches)."""
    return [m for m in PHONE_WORD.finditer(clause) if m.group("english") or _stem_word(m.group(0), m.group("stem"))]


@lru_cache(maxsize=4096)
def _stem_word(word: str, stem: str) -> bool:
    """A word starting with another language's stem is a phone word unless it is an ordinary English word."""
    return len(word) == len(stem) or not is_english_word(word)
