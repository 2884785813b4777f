"""The region pre-check models a national-prefix transform rule (Brazil's carrier codes) instead of always
asking phonenumbers' matcher there, and stays lossless.

``parse`` strips Brazil's national prefix ("0", "90") or, when a carrier code and a full number follow
("0 15 11 98765 4321"), rewrites the match to the number alone. ``phone_regions`` tries both readings, so
a digit run that no Brazilian number can be (a sort code and an account number) no longer costs a matcher
call there (about a third of the recognizer's time on the bench's generated download), and every value
the matcher accepts in Brazil is still asked there.
"""

from __future__ import annotations

import random

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher

from redactor.detect.recognizers import phones
from redactor.detect.recognizers.phone_regions import plan, regions_to_ask

CARRIERS = ["12", "14", "15", "21", "23", "25", "31", "41", "43", "55", "65", "99", "13", "22", "00", "01"]


def brazil_accepts(value: str) -> bool:
    return any(m.end - m.start >= len(value) - 2 for m in PhoneNumberMatcher(value, "BR", leniency=Leniency.VALID))


def written(rng: random.Random) -> str:
    """A value shaped like a Brazilian number (national prefix, carrier code, area code) or a digit run."""
    area, local = f"{rng.randint(11, 99)}", rng.choice(["9", ""]) + "".join(rng.choice("0123456789") for _ in range(8))
    kind = rng.random()
    if kind < 0.35:
        value = rng.choice(["0", "90", "0 ", "90 "]) + rng.choice(CARRIERS) + " " + area + " " + local
    elif kind < 0.55:
        value = rng.choice(["0", "", "55", "055"]) + area + local
    elif kind < 0.75:
        value = rng.choice(["0", "90"]) + "".join(rng.choice("0123456789") for _ in range(rng.randint(8, 14)))
    else:
        value = "".join(rng.choice("0123456789") for _ in range(rng.randint(7, 15)))
    out = "".join(c + (rng.choice(" -.") if rng.random() < 0.15 else "") for c in value)
    return out.strip(" -.")


def example_forms() -> list[str]:
    out = []
    for kind in (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE, phonenumbers.PhoneNumberType.TOLL_FREE):
        nsn = phonenumbers.national_significant_number(phonenumbers.example_number_for_type("BR", kind))
        for c in CARRIERS:
            out += [f"0{c}{nsn}", f"0 {c} {nsn}", f"90{c}{nsn}", f"0{c} {nsn[:2]} {nsn[2:]}", f"0{nsn}", nsn, f"55{nsn}", f"550{c}{nsn}"]
    return out


def test_brazil_has_a_transform_rule_the_check_reads() -> None:
    assert plan("BR").transform and plan("BR").national_prefix is not None


def test_every_value_brazil_accepts_is_asked_there() -> None:
    rng = random.Random(11)
    values = [v for v in [*example_forms(), *(written(rng) for _ in range(2500))] if v and v[0].isdigit() and not v.startswith("00")]
    accepted = skipped = 0
    for value in values:
        asked = "BR" in set(regions_to_ask(value, phones.REGIONS))
        if brazil_accepts(value):
            accepted += 1
            assert asked, value
        skipped += not asked
    assert accepted > 300 and skipped > 300  # both kinds were tried


def test_carrier_code_numbers_are_read_as_before() -> None:
    for value in ["0 15 11 98765 4321", "015 21 3456 7890", "90 21 11 98765 4321", "0 41 61 3333 4444"]:
        assert brazil_accepts(value)
        assert "BR" in set(regions_to_ask(value, phones.REGIONS))


def test_a_digit_run_no_region_accepts_no_longer_asks_brazil() -> None:
    assert "BR" not in set(regions_to_ask("12-34-56 09681285", phones.REGIONS))
    assert phones._accepted("12-34-56 09681285") is None
