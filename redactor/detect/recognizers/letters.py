"""Character classes for names in any Latin, Greek or Cyrillic script ("Ágnes Földesy", "Łukasz", "Șerban").

Python's ``re`` has no ``\\p{Lu}``: the classes are built once from ``str.isupper``/``str.islower``.
"""

from __future__ import annotations

import re

_RANGES = (
    (0x41, 0x2AF),  # Latin with IPA extensions (Azerbaijani ə)
    (0x370, 0x3FF),
    (0x400, 0x52F),
    (0x1E00, 0x1EFF),
)


def _char_class(test) -> str:  # type: ignore[no-untyped-def]
    chars = [chr(c) for lo, hi in _RANGES for c in range(lo, hi + 1) if test(chr(c))]
    return "[" + "".join(re.escape(c) for c in chars) + "]"


UPPER = _char_class(str.isupper)
LOWER = _char_class(str.islower)
# A capitalised name word: "Okafor", "McAllister", "O'Neill", "Földesy", "Jean-Luc"
NAME_WORD = rf"(?:(?:Mc|Mac|O['’]|D['’])?{UPPER}{LOWER}+(?:[-'’]{UPPER}{LOWER}+)*)"
