"""Session 22's cheaper phone and address work finds exactly what the slower work found.

- ``phone_regions``: each region's pre-check is one regular expression (``RegionPlan.fits``) and regions
  are tested eight at a time (``_blocks``); the reference below is the step-by-step ``could_match`` it
  replaces, compared on example numbers of every region of phonenumbers (with trunk prefixes, country
  codes and IDDs added, digits cut and added) and on random digit runs.
- ``world_address``: the three street shapes that open with a street word are tried only where one stands
  (``BEFORE_GUARD``), a flat's word only where a letter run is followed by what UNIT_NO needs
  (``UNIT_GUARD``); the street expression without the two lookaheads finds the same matches on generated
  address lines, sentences and chat messages.
"""

from __future__ import annotations

import random
import re

import phonenumbers
import pytest
from phonenumbers import PhoneMetadata, PhoneNumberType

from benchmarks.device_data import chat_line
from redactor.detect.recognizers import phones
from redactor.detect.recognizers import world_address as wa
from redactor.detect.recognizers.phone_regions import _blocks, _rewritten_fits, could_match, plan, regions_to_ask, spans
from redactor.detect.recognizers.street_words import AFTER, BEFORE, UNIT

ALL_REGIONS = tuple(sorted(phonenumbers.SUPPORTED_REGIONS))


def stepwise(digits: tuple[str, ...], region: str) -> bool:
    """``could_match`` as it was before session 22: the IDD, then every reading stripped step by step."""
    p = plan(region)
    if p.idd is not None and any(p.idd.match(d) for d in digits):
        return True
    cc, prefix, shapes = p.country_code, p.national_prefix, p.shapes
    readings = (*digits, *(d[len(cc) :] for d in digits if d.startswith(cc)))
    if p.transform is not None:
        return any(_rewritten_fits(number, p, 2) for number in readings)
    for number in readings:
        for _ in range(3):
            shape = shapes.get(len(number), shapes.get(None))
            if shape is not None and shape.fullmatch(number):
                return True
            m = prefix.match(number) if prefix is not None else None
            if m is None or not m.end():
                break
            number = number[m.end() :]
    return False


def digit_strings(region: str) -> set[str]:
    """Example numbers of ``region`` with its trunk prefix, country code or an IDD before them, and cut or grown."""
    meta = PhoneMetadata.metadata_for_region(region)
    trunk = meta.national_prefix or "0"
    out: set[str] = set()
    for kind in (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE, PhoneNumberType.TOLL_FREE, PhoneNumberType.VOIP):
        number = phonenumbers.example_number_for_type(region, kind)
        if number is None:
            continue
        nsn, cc = phonenumbers.national_significant_number(number), str(number.country_code)
        for v in (nsn, cc + nsn, trunk + nsn, cc + trunk + nsn, "00" + cc + nsn, "011" + cc + nsn, trunk + trunk + nsn):
            out |= {v, v[1:], v[2:], v[:-1], v[:-2], v + "7"}
    return {v for v in out if v}


@pytest.mark.parametrize("region", ALL_REGIONS)
def test_one_expression_a_region_answers_as_the_steps_did(region: str) -> None:
    rng = random.Random(region)
    values = digit_strings(region) | {"".join(rng.choice("0123456789") for _ in range(rng.randint(5, 17))) for _ in range(60)}
    for value in sorted(values):
        assert could_match((value,), plan(region)) == stepwise((value,), region), (region, value)


def test_a_region_with_a_transform_rule_keeps_the_steps() -> None:
    assert plan("BR").fits is None and plan("AR").fits is None
    assert plan("GB").fits is not None and plan("PL").fits is not None


def test_regions_are_asked_in_order_eight_at_a_time() -> None:
    rng = random.Random(22)
    values = [v for r in phones.REGIONS[::3] for v in sorted(digit_strings(r))[:6]]
    values += ["".join(rng.choice("0123456789 -") for _ in range(rng.randint(8, 18))).strip(" -") for _ in range(300)]
    values += ["12-34-56 15155288", "07700 900123", "020 7946 0123", "0 7700 900319"]
    for regions in (phones.REGIONS, phones._OTHER_REGIONS):
        assert all(len(members) <= 8 for _, members in _blocks(regions))
        assert [r for _, members in _blocks(regions) for r, _ in members] == list(regions)
        for value in [v for v in values if v and v[0].isdigit()]:
            digits = spans(value)
            expected = [r for r in regions if any(stepwise((d,), r) for d in digits)]
            assert list(regions_to_ask(value, regions)) == expected, value


def test_a_digit_run_no_region_accepts_is_turned_away_by_the_blocks() -> None:
    """A sort code and an account ("12-34-56 15155288"): no block of the usual regions matches it."""
    assert not any(block is not None and block.match("12345615155288") for block, _ in _blocks(phones.REGIONS))


# --- world_address: the street expression's two lookaheads change nothing it finds


def unguarded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    source = pattern.pattern
    assert wa.BEFORE_GUARD in source and wa.UNIT_GUARD in source
    return re.compile(source.replace(wa.BEFORE_GUARD, "").replace(wa.UNIT_GUARD, ""))


def matches(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, tuple]]:
    """The recognizer's own walk: search from the end of the last match."""
    out, pos = [], 0
    while (m := pattern.search(text, pos)) is not None:
        out.append((m.start(), m.end(), m.groups()))
        pos = m.end() if m.end() > pos else pos + 1
    return out


def address_texts(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    before = [w.replace("\\", "") for w in BEFORE.split("|") if "(" not in w]
    after = AFTER.replace("\\", "").replace("?", "").split("|")
    units = UNIT.split("|")
    names = ["Długa", "Arenque", "Edington", "Main", "Sultan", "Lenina", "oslobođenja", "de la Paix", "do Carmo", "Mill", "Kossuth"]
    towns = ["Warszawa", "Goiânia", "Toronto, ON M4C 1A1", "00-950 Warszawa", "Bristol BS1 5AB", "Praha 10", "28012 Madrid"]
    out = []
    for _ in range(n):
        house = rng.choice(["", f"{rng.randint(1, 9999)} ", f"{rng.randint(1, 99)}a ", "No. 5 "])
        unit = rng.choice(["", f"{rng.choice(units)} {rng.randint(1, 40)}, ", f"{rng.choice(units).capitalize()}. B, ", "Flat 3 "])
        street = rng.choice(
            [
                f"{rng.choice(before)} {rng.choice(names)}",
                f"{rng.choice(names)} {rng.choice(after)}",
                f"{rng.choice(before).upper()} {rng.choice(names)} {rng.randint(1, 300)}",
                f"{rng.choice(before)} {rng.randint(1, 31)} {rng.choice(['Maja', 'de Fevereiro', 'August 1989, 121a'])}",
            ]
        )
        tail = rng.choice(["", f", {rng.choice(towns)}", f"\n{rng.choice(towns)}", f" {rng.randint(1, 99)}", " by monday"])
        frame = rng.choice(["{}", "she lives at {}", "Address: {}", "meet me at {} tonight", "we drove past {}. Then home"])
        out.append(frame.format(unit + house + street + tail))
    return out


def test_the_street_expression_finds_what_it_found_without_its_lookaheads() -> None:
    recognizer = wa.WorldAddressRecognizer()
    recognizer.load()
    guarded, plain = recognizer._street, unguarded(recognizer._street)
    rng = random.Random(10)
    texts = address_texts(22, 2500) + [chat_line(i, rng) for i in range(1500)]
    texts += ["ul. 3 Maja 5", "str. 31 August 1989, 121a", "Bulevar oslobođenja 14", "Apt. 4, 12 Rua do Arenque", "apt B 5 Mill Road"]
    for text in texts:
        assert matches(guarded, text) == matches(plain, text), text


def test_the_lookaheads_stand_where_they_save_work() -> None:
    recognizer = wa.WorldAddressRecognizer()
    recognizer.load()
    assert wa.STREET.startswith(f"(?:{wa.BEFORE_GUARD}(?:")
    assert f"(?:{wa.UNIT_GUARD}{wa.UNIT_NO}|" in recognizer._street.pattern
