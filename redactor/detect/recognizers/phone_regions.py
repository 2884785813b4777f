"""Which regions could accept a written number: an exact pre-check before phonenumbers' matcher.

``phones._match`` asks phonenumbers' matcher, region after region, for a valid number covering
the written value but for at most two characters. A region that accepts nothing costs about half
a millisecond, and a digit run that is no phone number (an account number, a reference) is tried
in every region. This module skips a region only when the matcher cannot accept the value there:

- the matcher's candidate covers the value but for two characters at most, so its digits are
  ``D[i:j]`` with ``i + (n - j) <= 2`` (``D``: the value's ``n`` digits);
- without the region's international prefix (IDD) at the start, ``phonenumbers.parse`` keeps the
  region's country code, and the national significant number (NSN) is those digits after
  optionally stripping the country code and then the national prefix (``parse`` may strip it
  twice); with a national-prefix transform rule the NSN is rewritten, so such regions always run
  the matcher, and so does any region whose IDD could start the digits;
- ``Leniency.VALID`` needs ``is_valid_number``, which needs the NSN to have a length and shape of
  one of the number types (fixed line, mobile, toll free, ...) of a region with that country code.

When none of those strings fits, the matcher's answer for the region is "no" and it is not asked.
``tests/test_phone_regions.py`` checks that the answers are the same as asking every region.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from phonenumbers import PhoneMetadata, normalize_digits_only, region_codes_for_country_code


@dataclass(frozen=True, slots=True)
class RegionPlan:
    country_code: str
    idd: re.Pattern[str] | None
    national_prefix: re.Pattern[str] | None
    always: bool  # the national prefix is rewritten (transform rule): always ask the matcher
    shapes: dict[int | None, re.Pattern[str]]  # NSN length (None: any) -> the number types allowing it, as one regex


TYPES = ("premium_rate", "toll_free", "shared_cost", "voip", "personal_number", "pager", "uan", "voicemail", "fixed_line", "mobile")


def _shapes(country_code: int) -> dict[int | None, re.Pattern[str]]:
    """What a valid NSN of ``country_code`` looks like, one alternation per length: a valid number
    matches one of the number-type descriptions (fixed line, mobile, ...) of one of its regions,
    at a length that description allows (or, when it lists none, the general description)."""
    by_length: dict[int | None, list[str]] = {}
    for region in region_codes_for_country_code(country_code):
        meta = PhoneMetadata.metadata_for_region_or_calling_code(country_code, region)
        if meta is None or meta.general_desc is None:
            continue
        for desc in (getattr(meta, t) for t in TYPES):
            if desc is None or not desc.national_number_pattern:
                continue  # nothing of this type is valid there
            for length in desc.possible_length or meta.general_desc.possible_length or (None,):
                by_length.setdefault(length, []).append(desc.national_number_pattern)
    any_length = by_length.get(None, [])
    return {k: re.compile("|".join(f"(?:{p})" for p in (v if k is None else v + any_length))) for k, v in by_length.items()}


@cache
def plan(region: str) -> RegionPlan:
    meta = PhoneMetadata.metadata_for_region(region)
    if meta is None:
        raise ValueError(f"unknown region {region!r}")
    return RegionPlan(
        country_code=str(meta.country_code),
        idd=re.compile(meta.international_prefix) if meta.international_prefix else None,
        national_prefix=re.compile(meta.national_prefix_for_parsing) if meta.national_prefix_for_parsing else None,
        always=bool(meta.national_prefix_transform_rule),
        shapes=_shapes(meta.country_code),
    )


def spans(value: str) -> tuple[str, ...]:
    """The digits a candidate covering ``value`` but for two characters can have.

    In ASCII, a match never starts or ends inside a run of digits (see ``_cuts``), so only the
    slices of ``value`` that keep every digit run whole or leave it out count; otherwise any two
    digits may be left out."""
    if value.isascii():
        n = len(value)
        return tuple(
            {d for s in range(3) for e in range(n - 2 + s, n + 1) if s < e and not _cuts(value, s, e) for d in [_digits(value[s:e])] if d}
        )
    digits = normalize_digits_only(value)
    n = len(digits)
    return tuple({digits[i:j] for i in range(3) for j in range(max(n - 2, 0), n + 1) if i + (n - j) <= 2 and i < j})


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def _cuts(value: str, start: int, end: int) -> bool:
    """Whether ``value[start:end]`` starts or ends inside a run of digits.

    The matcher's candidates (its ``_PATTERN``: digit blocks of up to 20 digits joined by
    punctuation) start at the leftmost place they can, which is never after a digit of the same
    run, and take the whole run; the inner matches it tries when a candidate fails are the pieces
    before and after a separator (slash, bracket, spaced hyphen, full stop, space), trimmed of
    non-alphanumeric ends; after a failed candidate the search goes on from its end. So every
    match starts and ends at an edge of a run of digits (a value holds at most 15 digits)."""
    before = start > 0 and value[start - 1].isdigit() and value[start].isdigit()
    return before or (end < len(value) and value[end - 1].isdigit() and value[end].isdigit())


def regions_to_ask(value: str, regions: tuple[str, ...]) -> Iterator[str]:
    """``regions``, in order, without those where phonenumbers' matcher (``Leniency.VALID``) cannot
    find a valid number covering ``value`` but for two characters. ``value`` has no ``+``."""
    digits = spans(value)
    return (r for r in regions if could_match(digits, plan(r)))


def could_match(digits: tuple[str, ...], p: RegionPlan) -> bool:
    """Whether an NSN left of ``digits`` (country code and national prefix stripped or not) has a valid shape."""
    if p.always or (p.idd is not None and any(p.idd.match(d) for d in digits)):
        return True
    cc, prefix, shapes = p.country_code, p.national_prefix, p.shapes
    for number in (*digits, *(d[len(cc) :] for d in digits if d.startswith(cc))):
        for _ in range(3):  # as written, then with the national prefix stripped once or twice
            shape = shapes.get(len(number), shapes.get(None))
            if shape is not None and shape.fullmatch(number):
                return True
            m = prefix.match(number) if prefix is not None else None
            if m is None or not m.end():
                break
            number = number[m.end() :]
    return False
