"""Necessary-character pre-checks: a pattern recognizer is not run over a text its regexes cannot match.

Most chat messages hold no digit, no ``@``, no ``.`` between words, yet every pattern recognizer
(Presidio's URL, IP, e-mail and MAC patterns, our UK identifiers) runs its regexes over each one.
For each regex this module derives, from its parse tree, a set of characters of which every match
must contain at least one (:func:`needs`); a text holding none of them cannot match, so the
recognizer's ``analyze`` would return no result and is skipped. The derivation only
over-approximates (anything it cannot prove gives no pre-check):

- only ASCII punctuation and decimal digits count as needed characters (never letters: case
  folding under ``IGNORECASE`` maps letters to other letters, ``K`` to the Kelvin sign); any digit
  stands for "a decimal digit" (``\\d`` matches every Unicode decimal digit, ``str.isdecimal``);
- a sequence needs what any one of its parts needs; alternatives and character classes need the
  union of their branches; a repeat needs what its body needs only when it must occur once;
  anchors, look-arounds, back-references and negated classes need nothing.

Only recognizers whose ``analyze`` is exactly Presidio's ``PatternRecognizer.analyze`` or our
``RuleRecognizer.analyze`` get a pre-check: both return ``[]`` when no regex matches.

Presidio's ``IbanRecognizer`` has its own ``analyze`` (a regex, then a checksum per match) whose regex
needs only a digit, which most texts hold. It gets a shape pre-check instead (:func:`could_hold_iban`):
its regex ``[A-Z]{2}[0-9]{2}(?:[ -]?[A-Z0-9]{4}){2,6}...`` (no ``IGNORECASE``: ASCII capitals and
digits only) cannot match a text with no two capitals, two digits and eight more capitals or digits,
each after an optional space or hyphen; so a text without that shape gets ``[]`` as before. Only an
``IbanRecognizer`` with Presidio's own pattern and flags gets it (:func:`_iban_check`).
``tests/detect/test_prechecks.py`` compares every recognizer with and without its pre-check
(hypothesis texts built from the needed characters, and the evaluation texts).
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

DIGIT = "0"  # stands for every decimal digit
PUNCTUATION = frozenset(string.punctuation + " ")
_DECIMAL = re.compile(r"\d")
_DECIMAL_REGEX = None  # the regex module's \d (Presidio's patterns), compiled when first needed


def needs(regex: str, flags: int = 0) -> frozenset[str] | None:
    """Characters of which every match of ``regex`` contains one (``DIGIT``: any decimal digit), or None."""
    try:
        tree = sre_parse.parse(regex, flags & re.VERBOSE)
    except (re.error, TypeError, ValueError, OverflowError, RecursionError):
        return None
    return _sequence(tree)


def _sequence(items: Iterable[tuple[Any, Any]]) -> frozenset[str] | None:
    best: frozenset[str] | None = None
    for item in items:
        need = _item(*item)
        if need is not None and (best is None or _rank(need) < _rank(best)):
            best = need
    return best


def _rank(need: frozenset[str]) -> tuple[bool, bool, int]:
    return (" " in need, DIGIT in need, len(need))  # nearly every text has a space; a digit is commoner than a mark


def _union(needs_: Iterable[frozenset[str] | None]) -> frozenset[str] | None:
    out: set[str] = set()
    for need in needs_:
        if need is None:
            return None
        out |= need
    return frozenset(out)


def _char(code: int) -> frozenset[str] | None:
    c = chr(code)
    if c in PUNCTUATION:
        return frozenset(c)
    if c.isascii() and c.isdigit():
        return frozenset(DIGIT)
    return None  # a letter (case folding) or any other character: no pre-check


def _item(op: Any, av: Any) -> frozenset[str] | None:
    if op is sre.LITERAL:
        return _char(av)
    if op is sre.IN:
        return _class(av)
    if op is sre.BRANCH:
        return _union(_sequence(branch) for branch in av[1])
    if op is sre.SUBPATTERN:
        return _sequence(av[-1])
    if op is getattr(sre, "ATOMIC_GROUP", None):
        return _sequence(av)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) or op is getattr(sre, "POSSESSIVE_REPEAT", None):
        low, _, body = av
        return _sequence(body) if low >= 1 else None
    return None  # ANY, NOT_LITERAL, AT, ASSERT, ASSERT_NOT, GROUPREF, GROUPREF_EXISTS, ...


def _class(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    out: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            need = _char(av)
        elif op is sre.RANGE:
            low, high = av
            need = frozenset(DIGIT) if ord("0") <= low <= high <= ord("9") else None
        elif op is sre.CATEGORY and av is sre.CATEGORY_DIGIT:
            need = frozenset(DIGIT)
        else:
            need = None  # NEGATE, other categories, ranges of letters
        if need is None:
            return None
        out |= need
    return frozenset(out)


def could_match(need: frozenset[str], text: str) -> bool:
    """Whether ``text`` holds one of the needed characters."""
    return any(c in text for c in need if c != DIGIT) or (DIGIT in need and _has_decimal(text))


def _has_decimal(text: str) -> bool:
    """A decimal digit as ``re`` or ``regex`` reads ``\\d`` (their Unicode tables may differ in version)."""
    global _DECIMAL_REGEX
    if _DECIMAL.search(text) is not None:
        return True
    if text.isascii():
        return False
    if _DECIMAL_REGEX is None:
        import regex

        _DECIMAL_REGEX = regex.compile(r"\d")
    return _DECIMAL_REGEX.search(text) is not None


def recognizer_needs(recognizer: Any) -> frozenset[str] | None:
    """What every result of ``recognizer`` needs in the text, or None (no pre-check for it)."""
    from presidio_analyzer import PatternRecognizer

    from redactor.detect.recognizers.base import RuleRecognizer

    analyze = getattr(type(recognizer), "analyze", None)
    if analyze is PatternRecognizer.analyze:
        regexes = [(p.regex, recognizer.global_regex_flags or 0) for p in recognizer.patterns]
    elif analyze is RuleRecognizer.analyze:
        regexes = [(rule.regex, recognizer._flags) for rule in recognizer.rules]
    else:
        return None
    return _union(needs(regex, flags) for regex, flags in regexes) if regexes else None


# the shape every match of Presidio's IBAN pattern starts with (a superset: a separator is allowed anywhere)
IBAN_SHAPE = re.compile(r"[A-Z]{2}[0-9]{2}(?:[ -]?[A-Z0-9]){8}")


def could_hold_iban(text: str) -> bool:
    """Whether Presidio's IBAN pattern could match in ``text`` (False: it certainly cannot)."""
    return IBAN_SHAPE.search(text) is not None


def _iban_check(recognizer: Any) -> Callable[[str], bool] | None:
    """:func:`could_hold_iban` for a Presidio ``IbanRecognizer`` as Presidio ships it, else None."""
    from presidio_analyzer.predefined_recognizers import IbanRecognizer

    if getattr(type(recognizer), "analyze", None) is not IbanRecognizer.analyze:
        return None
    default = [(p.regex, p.score) for p in IbanRecognizer.PATTERNS]
    if [(p.regex, p.score) for p in recognizer.patterns] != default:
        return None
    if (recognizer.global_regex_flags or 0) & (re.IGNORECASE | re.VERBOSE):
        return None
    return could_hold_iban


def install(recognizers: Iterable[Any]) -> list[str]:
    """Give each recognizer that can have one a pre-check before its ``analyze``; returns their names."""
    done = []
    for recognizer in recognizers:
        check = _iban_check(recognizer)
        if check is None:
            need = recognizer_needs(recognizer)
            check = _needing(need) if need else None
        if check is not None:
            recognizer.analyze = _guarded(recognizer.analyze, check)
            done.append(recognizer.name)
    return done


def _needing(need: frozenset[str]) -> Callable[[str], bool]:
    def check(text: str) -> bool:
        return could_match(need, text)

    return check


def _guarded(analyze: Callable[..., list[Any]], could: Callable[[str], bool]) -> Callable[..., list[Any]]:
    def prechecked(text: str, entities: list[str], nlp_artifacts: Any = None, *args: Any, **kwargs: Any) -> list[Any]:
        if not could(text):
            return []
        return analyze(text, entities, nlp_artifacts, *args, **kwargs)

    prechecked.__wrapped__ = analyze  # type: ignore[attr-defined]
    return prechecked
