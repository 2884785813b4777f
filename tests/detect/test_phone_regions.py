"""The phone recognizer's region pre-check is lossless: ``phones._match`` answers exactly what asking
phonenumbers' matcher in every region answers (same number found, same E.164 form, same region order).

The reference below is ``_match`` as it was before the pre-check. Values are generated: example
numbers of every region the recognizer tries, written nationally, internationally without ``+``, with
other separators and with digits cut or added, and random digit runs with separators (hypothesis).
"""

from __future__ import annotations

import random

import phonenumbers
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from phonenumbers import Leniency, PhoneNumberFormat, PhoneNumberMatcher, PhoneNumberType

from redactor.detect.recognizers import phones
from redactor.detect.recognizers.phone_regions import plan, regions_to_ask, spans


def reference(value: str) -> str | None:
    """Every region asked in order (the recognizer before the pre-check)."""
    regions = (None,) if value.startswith(("+", "00")) else phones.REGIONS
    if value.startswith("00"):
        value = "+" + value[2:]
    for region in regions:
        for match in PhoneNumberMatcher(value, region or "ZZ", leniency=Leniency.VALID if region else Leniency.POSSIBLE):
            if match.end - match.start >= len(value) - 2:
                return phonenumbers.format_number(match.number, PhoneNumberFormat.E164)
    return None


def fast(value: str) -> str | None:
    found = phones._accepted(value)  # the matcher with the pre-check, not the per-process cache
    return phonenumbers.format_number(found[0], PhoneNumberFormat.E164) if found else None


def written_forms(region: str) -> list[str]:
    """Example numbers of ``region`` as people write them, and near misses."""
    out = []
    for kind in (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE, PhoneNumberType.TOLL_FREE, PhoneNumberType.PREMIUM_RATE):
        number = phonenumbers.example_number_for_type(region, kind)
        if number is None:
            continue
        nsn = phonenumbers.national_significant_number(number)
        national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
        international = phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL).lstrip("+")
        cc = str(number.country_code)
        out += [national, national.replace(" ", ""), national.replace(" ", "-"), international, f"{cc} {nsn}", f"0{nsn}", nsn]
        out += [nsn[:-1], nsn + "1", f"0{nsn[1:]}", f"{cc}0{nsn}", f"({nsn[:3]}) {nsn[3:]}", f"1 {nsn}", f"00{cc} {nsn}"]
    return out


CASES = sorted({v for region in phones.REGIONS for v in written_forms(region)})


def test_every_region_has_a_plan() -> None:
    for region in phones.REGIONS:
        p = plan(region)
        assert p.shapes, region


@pytest.mark.parametrize("region", phones.REGIONS)
def test_example_numbers_and_near_misses_match_as_before(region: str) -> None:
    values = [v for v in written_forms(region) if 7 <= sum(c.isdigit() for c in v) <= 17]
    assert values
    assert [fast(v) for v in values] == [reference(v) for v in values]


def test_a_region_is_skipped_only_when_the_matcher_finds_nothing_there() -> None:
    """The pre-check itself, region by region, on example numbers and random digit runs."""
    rng = random.Random(7)
    values = CASES[::7] + ["".join(rng.choice("0123456789 -.") for _ in range(rng.randint(8, 18))).strip(" -.") for _ in range(60)]
    for value in [v for v in values if v and v[0].isdigit() and not v.startswith("00")]:
        asked = set(regions_to_ask(value, phones.REGIONS))
        for region in set(phones.REGIONS) - asked:
            found = [m for m in PhoneNumberMatcher(value, region, leniency=Leniency.VALID) if m.end - m.start >= len(value) - 2]
            assert not found, (value, region)


def test_the_pre_check_skips_most_regions_for_a_digit_run_that_is_no_phone_number() -> None:
    assert len(list(regions_to_ask("12-34-56 15155288", phones.REGIONS))) < len(phones.REGIONS) // 4


SEPARATED_DIGITS = st.lists(
    st.tuples(st.sampled_from("0123456789"), st.sampled_from(["", "", "", " ", "-", ".", "  "])), min_size=7, max_size=16
).map(lambda parts: "".join(d + s for d, s in parts).strip(" -."))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SEPARATED_DIGITS)
def test_random_written_digits_match_as_before(value: str) -> None:
    assert fast(value) == reference(value)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(CASES), st.sampled_from(["", "0", "1", "44", "00"]), st.sampled_from(["", "9", "12"]))
def test_example_numbers_with_digits_added_match_as_before(value: str, before: str, after: str) -> None:
    written = before + value + after
    assert fast(written) == reference(written)


# values as the recognizer cuts them out of text: digits and "(0)"/"(71)"/"(8-612)" groups joined by the
# separators people type (tabs and spaced hyphens too); ``spans`` keeps only slices that keep digit runs whole
PIECES = st.sampled_from([*"0123456789", "0", "07", "44", "(0)", "(71)", "(8-612)", "(020)"])
GAPS = st.sampled_from(["", "", "", " ", "-", ".", "\t", " - ", "  ", ". ", "-."])
WRITTEN = st.lists(st.tuples(PIECES, GAPS), min_size=3, max_size=14).map(lambda parts: "".join(p + g for p, g in parts))


def recognizer_values(text: str) -> list[str]:
    """The values ``WorldPhoneRecognizer.analyze`` gives ``_match``."""
    out = []
    for m in phones.CANDIDATE.finditer(text):
        value = m.group(0).lstrip()
        if 7 <= sum(c.isdigit() for c in value) <= 15 and not value.startswith(("+", "00")):
            out.append(value)
    return out


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(WRITTEN)
def test_no_skipped_region_accepts_written_digits(text: str) -> None:
    for value in recognizer_values(text):
        asked = set(regions_to_ask(value, phones.REGIONS))
        for region in set(phones.REGIONS) - asked:
            found = [m for m in PhoneNumberMatcher(value, region, leniency=Leniency.VALID) if m.end - m.start >= len(value) - 2]
            assert not found, (value, region)


def test_digit_runs_are_kept_whole() -> None:
    assert spans("07700 900319") == ("07700900319",)
    assert set(spans("0 7700 900319")) == {"07700900319", "7700900319"}
    assert spans("12-34-56 09681285") == ("12345609681285",)  # no match starts after a bare hyphen
    assert set(spans(" -34 5678 901")) >= {"345678901"}  # after a spaced hyphen one can
    assert set(spans("123-4567 89")) == {"123456789", "1234567"}  # " 89" is two characters
