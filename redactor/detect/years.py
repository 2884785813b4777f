"""A range of years is no phone number: "2001-2024" in "Copyright (c) 2001-2024 Zentrix Ltd".

phonenumbers accepts eight digits joined by a dash as a number in some regions (a Hong Kong line
has eight digits), so a copyright line's or a CV's years read as a phone. Two years from 1900 to
2099, the second later than the first, joined by a dash, are a range of years, unless a phone word
comes before them ("call me on 2001-2024" stays a phone: recall wins there).
"""

from __future__ import annotations

import re
from typing import Any

YEAR_RANGE = re.compile(r"(?P<first>(?:19|20)\d\d)[ ]?[-–][ ]?(?P<last>(?:19|20)\d\d)")
PHONE_WORD_RULE = "number after a phone word"  # phones.WorldPhoneRecognizer's rule name


def year_range_phone(text: str, span: Any) -> bool:
    """Whether a phone finding is only a range of years with no phone word before it."""
    if span.entity != "PHONE_NUMBER" or span.explanation.get("pattern_name") == PHONE_WORD_RULE:
        return False
    if span.explanation.get("supportive_context_word"):
        return False
    m = YEAR_RANGE.fullmatch(text, span.start, span.end)
    return m is not None and int(m.group("first")) < int(m.group("last"))
