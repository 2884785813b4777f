"""The UK phone recognizer's validity cache changes no result.

``contact.valid_in_gb`` remembers phonenumbers' answer per written number (a download repeats its
numbers). Checked against phonenumbers itself on generated numbers (UK mobiles and landlines,
drama ranges, international, cut and padded, odd separators), and the recognizer's results are the
same with an empty cache, a warm cache and a cache too small to hold them.
"""

from __future__ import annotations

import random
from unittest import mock

import phonenumbers
from hypothesis import given, settings
from hypothesis import strategies as st

from redactor.detect.recognizers import contact
from redactor.detect.recognizers.contact import UkPhoneRecognizer, valid_in_gb


def uncached(value: str) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(value, "GB"))
    except phonenumbers.NumberParseException:
        return False


def written_numbers(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    heads = [
        "07700 900",
        "07911 ",
        "0113 496 0",
        "020 7946 0",
        "01632 960",
        "0800 ",
        "+44 7700 900",
        "0044 20 7946 ",
        "+1 202 555 ",
        "+48 601 ",
    ]
    seps = [" ", "-", ".", "", " - ", ")"]
    out = []
    for _ in range(count):
        digits = "".join(rng.choice("0123456789") for _ in range(rng.randint(2, 7)))
        value = rng.choice(heads) + digits
        if rng.random() < 0.3:
            cut = rng.randint(1, len(value) - 1)
            value = value[:cut] + rng.choice(seps) + value[cut:]
        out.append(("(" if rng.random() < 0.1 else "") + value)
    return out


def test_the_cached_answer_is_phonenumbers_answer() -> None:
    values = written_numbers(3000)
    valid_in_gb.cache_clear()
    assert [valid_in_gb(v) for v in values] == [uncached(v) for v in values]
    assert [valid_in_gb(v) for v in values] == [uncached(v) for v in values]  # answered from the cache
    assert valid_in_gb.cache_info().hits >= len(values)
    assert any(uncached(v) for v in values) and not all(uncached(v) for v in values)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789 +-.()", min_size=1, max_size=24))
def test_the_cached_answer_on_any_digits(value: str) -> None:
    assert valid_in_gb(value) == uncached(value)


def _found(texts: list[str]) -> list[list[tuple[int, int, float, str]]]:
    recognizer = UkPhoneRecognizer()
    return [
        [(r.start, r.end, r.score, r.analysis_explanation.textual_explanation) for r in recognizer.analyze(t, ["PHONE_NUMBER"])]
        for t in texts
    ]


def test_the_recognizer_finds_the_same_with_any_cache() -> None:
    numbers = written_numbers(400, seed=11)
    texts = [f"call me on {a} or {b}, not {a}" for a, b in zip(numbers, reversed(numbers), strict=True)]
    valid_in_gb.cache_clear()
    cold = _found(texts)
    assert {score for found in cold for _, _, score, _ in found} == {0.6, 0.7, 0.85}  # foreign, UK-shaped, valid UK
    assert _found(texts) == cold  # warm
    small = contact.lru_cache(maxsize=8)(valid_in_gb.__wrapped__)
    with mock.patch.object(contact, "valid_in_gb", small):
        assert _found(texts) == cold  # evicting all the time
        assert small.cache_info().currsize <= 8
    with mock.patch.object(contact, "valid_in_gb", uncached):
        assert _found(texts) == cold  # no cache at all


def test_the_cache_is_bounded() -> None:
    assert valid_in_gb.cache_info().maxsize == contact.VALID_CACHE
    valid_in_gb.cache_clear()
    for i in range(contact.VALID_CACHE + 50):
        valid_in_gb(str(i))
    assert valid_in_gb.cache_info().currsize == contact.VALID_CACHE
