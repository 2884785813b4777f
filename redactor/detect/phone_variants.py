"""The digit strings a phone number may be written as (+44, 0044, national 0).

Used by detection (``known_people.py``) and by the policy (``decide/classify.py``, ``decide/scope.py``);
kept apart from the recognizers so the coordinating process, which runs the policy, loads no Presidio.
"""

from __future__ import annotations

import re


def phone_variants(number: str) -> set[str]:
    """Digit strings under which a phone number may be written."""
    digits = re.sub(r"\D", "", number)
    if not digits:
        return set()
    out = {digits}
    if number.strip().startswith("+") or digits.startswith("44"):
        national = digits[2:] if digits.startswith("44") else digits
        out |= {"0" + national, "44" + national, "0044" + national}
    elif digits.startswith("0") and not digits.startswith("00"):
        out |= {"44" + digits[1:], "0044" + digits[1:]}
    return {d for d in out if len(d) >= 7}
