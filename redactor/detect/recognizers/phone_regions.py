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
  twice); a region with a national-prefix transform rule (Brazil: "0 15 11 ..." with a carrier
  code) may instead rewrite the digits the prefix matched, as ``parse`` does (``re.sub`` of the
  prefix pattern by the rule, once), so both readings are tried; any region whose IDD could start
  the digits runs the matcher;
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
    transform: str | None  # the national-prefix transform rule (an ``re.sub`` template), if the region has one
    shapes: dict[int | None, re.Pattern[str]]  # NSN length (None: any) -> the number types allowing it, as one regex
    fits: str | None  # ``could_match`` for one string of digits as one regex (None: a region with a transform rule)


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


def _fits(idd: str | None, country_code: str, prefix: str | None, shapes: dict[int | None, re.Pattern[str]]) -> str:
    """``could_match``'s test of one string of digits, written as one regular expression (for a region with no transform
    rule): the IDD at its start; or, after the country code or not, after the national prefix taken off up to twice or not,
    the rest in a shape of its length. ``prefix.match`` takes the first match the pattern finds and the loop never tries
    another: an atomic group ``(?>...)`` does the same (an empty match leaves the digits as they were, which the loop had
    already tried); the optional country code and prefixes are each tried both ways, as the loop tries every reading."""
    shape = [f"(?=[0-9]{{{n}}}\\Z)(?:{p.pattern})\\Z" for n, p in shapes.items() if n is not None]
    shape += [f"(?:{shapes[None].pattern})\\Z"] if None in shapes else []
    rest = f"(?:{'|'.join(shape)})" if shape else "(?!)"
    stripped = f"(?:(?>{prefix})(?>{prefix})?)?" if prefix else ""
    return "|".join([*([f"(?:{idd})"] if idd else []), f"(?:{country_code})?{stripped}{rest}"])


@cache
def plan(region: str) -> RegionPlan:
    meta = PhoneMetadata.metadata_for_region(region)
    if meta is None:
        raise ValueError(f"unknown region {region!r}")
    shapes = _shapes(meta.country_code)
    transform = meta.national_prefix_transform_rule or None
    prefix, idd = meta.national_prefix_for_parsing or None, meta.international_prefix or None
    return RegionPlan(
        country_code=str(meta.country_code),
        idd=re.compile(idd) if idd else None,
        national_prefix=re.compile(prefix) if prefix else None,
        transform=transform,
        shapes=shapes,
        fits=None if transform else _fits(idd, str(meta.country_code), prefix, shapes),
    )


def spans(value: str) -> tuple[str, ...]:
    """The digits a candidate covering ``value`` but for two characters can have.

    In ASCII, only the slices of ``value`` where a match can start and end count (``_can_start``,
    ``_can_end``); otherwise any two digits may be left out."""
    if value.isascii():
        n = len(value)
        starts = [s for s in range(min(3, n)) if _can_start(value, s)]
        return tuple(
            {d for s in starts for e in range(max(n - 2 + s, s + 1), n + 1) if _can_end(value, e) for d in [_digits(value[s:e])] if d}
        )
    digits = normalize_digits_only(value)
    n = len(digits)
    return tuple({digits[i:j] for i in range(3) for j in range(max(n - 2, 0), n + 1) if i + (n - j) <= 2 and i < j})


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def _can_start(value: str, start: int) -> bool:
    """Whether a match of phonenumbers' matcher can start at ``value[start]`` (ASCII ``value`` whose
    digits, at most 15, are joined by spaces, tabs, dots, hyphens and brackets).

    The matcher's first candidate starts at the leftmost place its ``_PATTERN`` can (digit blocks of
    up to 20 digits joined by runs of at most four punctuation marks, a tab not among them), and a
    candidate that fails is followed by the next from its end; the inner matches it tries are the
    piece before a separator and the pieces after a slash, at a bracket, after a spaced hyphen, after
    full stops and after white space (``_INNER_MATCHES``). So a match starts at the start of the value,
    after white space, a slash or a full stop, at a bracket, or after a hyphen that follows white space;
    never after a digit of the same run or after a bare hyphen ("12-34-56 ...")."""
    if start == 0 or value[start] == "(":
        return True
    before = value[start - 1]
    return before in " \t/." or (before == "-" and start >= 2 and value[start - 2] in " \t")


def _can_end(value: str, end: int) -> bool:
    """Whether a match can end before ``value[end]``: matches and the pieces tried inside them end at
    the end of a run of digits or before a separator, never inside a run of digits."""
    return end == len(value) or not (value[end - 1].isdigit() and value[end].isdigit())


def regions_to_ask(value: str, regions: tuple[str, ...]) -> Iterator[str]:
    """``regions``, in order, without those where phonenumbers' matcher (``Leniency.VALID``) cannot
    find a valid number covering ``value`` but for two characters. ``value`` has no ``+``.

    Regions are tested eight at a time with one expression (``_blocks``): a digit run that is no phone
    number (most are tried in every region) costs a few regular-expression calls, not one per region."""
    digits = spans(value)
    for block, members in _blocks(regions):
        if block is not None and not any(block.match(d) for d in digits):
            continue
        for region, p in members:
            if could_match(digits, p):
                yield region


@cache
def _blocks(regions: tuple[str, ...]) -> tuple[tuple[re.Pattern[str] | None, tuple[tuple[str, RegionPlan], ...]], ...]:
    """``regions`` in order, in runs of up to eight without a transform rule, each run with the alternation of their
    ``fits`` (it matches a string of digits exactly when one of theirs does); a region with a transform rule stands alone,
    with None (always tested)."""
    out: list[tuple[re.Pattern[str] | None, tuple[tuple[str, RegionPlan], ...]]] = []
    run: list[tuple[str, RegionPlan]] = []
    for region in regions:
        p = plan(region)
        if p.fits is not None:
            run.append((region, p))
        if run and (p.fits is None or len(run) == _BLOCK):
            out.append((re.compile("|".join(f"(?:{q.fits})" for _, q in run)), tuple(run)))
            run = []
        if p.fits is None:
            out.append((None, ((region, p),)))
    if run:
        out.append((re.compile("|".join(f"(?:{q.fits})" for _, q in run)), tuple(run)))
    return tuple(out)


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


_BLOCK = 8


def could_match(digits: tuple[str, ...], p: RegionPlan) -> bool:
    """Whether an NSN left of ``digits`` (country code and national prefix stripped or not) has a valid shape, or the
    region's IDD starts them."""
    if p.fits is not None:
        fits = _compiled(p.fits)  # compiled when first needed: most regions are only ever tested in their block
        return any(fits.match(d) for d in digits)
    if p.idd is not None and any(p.idd.match(d) for d in digits):
        return True
    cc = p.country_code
    return any(_rewritten_fits(number, p, 2) for number in (*digits, *(d[len(cc) :] for d in digits if d.startswith(cc))))


def _rewritten_fits(number: str, p: RegionPlan, strips: int) -> bool:
    """``could_match`` for a region with a transform rule: the number as written, or what either way of
    taking its national prefix leaves (up to ``strips`` times), has a valid shape. ``parse`` strips the
    prefix when the pattern's last group did not match and otherwise replaces the match by the rule
    (``re.sub(prefix, rule, number, count=1)``; the match starts the number, so that is
    ``m.expand(rule)`` and the rest); both are tried, whichever ``parse`` would take."""
    shape = p.shapes.get(len(number), p.shapes.get(None))
    if shape is not None and shape.fullmatch(number):
        return True
    m = p.national_prefix.match(number) if p.national_prefix is not None and strips else None
    if m is None or not m.end():
        return False
    rest = number[m.end() :]
    if _rewritten_fits(rest, p, strips - 1):
        return True
    groups = m.groups()
    return bool(groups) and groups[-1] is not None and _rewritten_fits(m.expand(p.transform or "") + rest, p, strips - 1)
