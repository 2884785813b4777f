"""Look-up tables of the case's known people, whose cost per text does not grow with the number of people.

``KnownPeopleRecognizer`` (``known_people.py``) asks three questions of every text: which name terms of
known people does it contain (case-insensitively, on word boundaries, the longest at a place first), which
written numbers are a known phone, which e-mail addresses are known. A term is found by looking the text's
candidate pieces up in a table, never by running a pattern per person:

- each table is a sorted ``int64`` array of the keys' hashes (Python's ``hash`` of the lower-case key, built in
  the process that uses it) with, for each, the index of the person whose key it is;
- a hit is checked against that person's own terms, worked out again (so a hash collision is never a match);
- each key is kept once, for its first person in the case's order (what a dict's ``setdefault`` kept).

A million people cost tens of megabytes here (the people themselves are a :class:`~redactor.people_table.PeopleTable`).
"""

from __future__ import annotations

import re
import zlib
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

import numpy as np

from redactor.detect.name_lists import given_names_raw, is_english_word
from redactor.detect.normalize import normalise
from redactor.detect.phone_variants import phone_variants
from redactor.records import Person

MIN_PART = 3
BITS = 1 << 24  # the pre-filter's bits at most: a piece whose bit is clear is no key (one look at a bytearray)
CHUNK = 10_000  # people read at a time while the tables are built


ORDINARY_NAMES = frozenset(
    {
        "will",
        "may",
        "mark",
        "rose",
        "grace",
        "hope",
        "joy",
        "faith",
        "bill",
        "pat",
        "sue",
        "bob",
        "ray",
        "dawn",
        "summer",
        "april",
        "june",
        "august",
        "amber",
        "ruby",
        "jack",
        "rob",
        "art",
        "guy",
        "frank",
        "earl",
        "miles",
        "chase",
        "hunter",
        "mum",
        "dad",
        "nan",
        "home",
        "work",
        "love",
        "babe",
        "bro",
        "sis",
        "the",
        "and",
    }
)  # names that are also words: with spaCy's English stop words, the very common words


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Words a name part must be capitalised to count as (``known_people.COMMON_WORDS``); spaCy's stop words are
    read only where names are looked up (a worker), never by the coordinating process's policy."""
    try:
        from spacy.lang.en.stop_words import STOP_WORDS
    except ImportError:  # pragma: no cover
        STOP_WORDS = set()
    return frozenset(w.lower() for w in STOP_WORDS) | ORDINARY_NAMES


def name_terms(person: Person) -> Iterator[tuple[str, str, bool]]:
    """(lower-case key, term, needs a capital) for each name term of ``person``, in order, repeats included:
    the whole name, each alias whole, then each part of the name. A part shorter than ``MIN_PART``, a very
    common word or an English word that is not the person's given name counts only with a capital."""
    name = " ".join(normalise(person.name).text.split())  # an address book's names carry marks too
    terms = [name, *(" ".join(normalise(a).text.split()) for a in person.aliases)]
    parts = [part.strip(".,'\"()") for part in name.split()]
    terms += parts  # first name, surname; aliases only whole
    given = parts[0] if len(parts) > 1 and parts[0].capitalize() in given_names_raw() else None
    for term in terms:
        if not term or not any(c.isalpha() for c in term):
            continue
        short = len(term) < MIN_PART  # "Jo", "Al": only capitalised
        if len(term) < 2 and term not in person.aliases:
            continue
        # A known person's given name ("holly", "jasmine") counts in lower case although it is also an
        # English word; a surname that is a word ("Witness") or a very common word ("will") needs a capital.
        worded = " " not in term and is_english_word(term) and term not in person.aliases and term != given
        ordinary = term.lower() in common_words() or worded
        yield term.lower(), term, short or ordinary


def phone_keys(person: Person) -> list[str]:
    """The digit strings the person's phones may be written as (sorted, each once)."""
    return sorted({v for p in person.phones for v in phone_variants(normalise(p).text)})


def email_keys(person: Person) -> list[str]:
    """The person's e-mail addresses as matched (lower case), in order, repeats included."""
    return [e.lower() for e in (normalise(e).text.strip() for e in person.emails) if "@" in e]


def fold(text: str) -> str:
    """``text`` in lower case, one character for one (the offsets of a match stay those of the text)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


class Keys:
    """Keys of one kind being gathered, a chunk at a time: their hashes (and crcs, which tell two keys with one
    hash apart) and owners; :meth:`done` sorts them into a :class:`Table`."""

    def __init__(self, unique: bool = True) -> None:
        self.unique = unique
        self.h1, self.h2, self.owner = array("q"), array("I"), array("i")
        self.lengths: set[int] = set()
        self.firsts: set[str] = set()

    def add(self, keys: list[tuple[int, str]]) -> None:
        self.owner.extend(i for i, _ in keys)
        self.h1.extend(hash(k) for _, k in keys)
        self.h2.extend(zlib.crc32(k.encode("utf-8", "surrogatepass")) for _, k in keys)
        self.lengths.update(len(k) for _, k in keys)
        self.firsts.update(k[:1] for _, k in keys)

    def done(self) -> Table:
        hashes = np.frombuffer(self.h1, dtype=np.int64) if len(self.h1) else np.zeros(0, np.int64)
        order = np.argsort(hashes, kind="stable")  # by hash, then the case's order
        hashes = hashes[order]
        self.h1 = array("q")
        crcs = np.frombuffer(self.h2, dtype=np.uint32)[order] if len(self.h2) else np.zeros(0, np.uint32)
        self.h2 = array("I")
        owners = np.frombuffer(self.owner, dtype=np.int32)[order] if len(self.owner) else np.zeros(0, np.int32)
        self.owner = array("i")
        del order
        if self.unique and len(hashes):
            # the first person of each key: of a run of one (hash, crc) the first stays. Two keys with one hash
            # differ in their crc, and stay in the case's order however their entries alternate (a key kept again
            # further on is checked after its first person, so it is never the one found)
            keep = np.ones(len(hashes), dtype=bool)
            keep[1:] = (hashes[1:] != hashes[:-1]) | (crcs[1:] != crcs[:-1])
            hashes, owners = hashes[keep], owners[keep]
        return Table(hashes, owners, frozenset(self.lengths), frozenset(self.firsts))


class Table:
    """Keys of one kind (name terms, phone digits or e-mails), as sorted hashes -> the person indexes that hold them."""

    __slots__ = ("hashes", "owners", "bits", "mask", "lengths", "firsts", "longest")

    def __init__(self, hashes: np.ndarray, owners: np.ndarray, lengths: frozenset[int], firsts: frozenset[str]) -> None:
        self.hashes, self.owners = hashes, owners
        bits = max(1 << 10, min(BITS, 1 << (8 * len(hashes)).bit_length()))
        self.mask = bits - 1
        self.bits = bytearray(bits // 8)  # a pre-filter: a piece whose bit is clear is no key
        for at in range(0, len(hashes), 1 << 16):
            for h in (hashes[at : at + (1 << 16)] & self.mask).tolist():
                self.bits[h >> 3] |= 1 << (h & 7)
        self.lengths, self.firsts = lengths, firsts
        self.longest = max(lengths, default=0)

    def __len__(self) -> int:
        return len(self.hashes)

    def owners_of(self, key: str) -> list[int]:
        """The person indexes whose key may be ``key`` (each to be checked), in the case's order for a repeated key."""
        h = hash(key)
        m = h & self.mask
        if not self.bits[m >> 3] >> (m & 7) & 1:
            return []
        lo, hi = np.searchsorted(self.hashes, h, "left"), np.searchsorted(self.hashes, h, "right")
        return self.owners[lo:hi].tolist()


_NONWORD = re.compile(r"\W")
_EMAIL_BEFORE = frozenset(".+-")  # besides word characters, what may not stand just before a known e-mail


def _word(c: str) -> bool:
    return c.isalnum() or c == "_"


class PeopleIndex:
    """The tables of ``people`` (a sequence, read by index when a key is found); finders return
    (start, end, person index, needs a capital) for names, (start, end, person index) for phones and e-mails."""

    def __init__(self, people: Sequence[Person]) -> None:
        self.people = people
        names: list[tuple[int, str]] = []
        phones: list[tuple[int, str]] = []
        emails: list[tuple[int, str]] = []
        for start in range(0, len(people), CHUNK):  # the keys of a chunk of people at a time (one read of each)
            for i, person in enumerate(people[start : start + CHUNK], start):
                names += ((i, key) for key, _, _ in name_terms(person))
                phones += ((i, key) for key in phone_keys(person))
                emails += ((i, key) for key in email_keys(person))
            self._add(names, phones, emails)
        self.names, self.phones, self.emails = (part.done() for part in self._parts)
        self._terms: dict[int, dict[str, bool]] = {}  # person index -> key -> needs a capital (first term of that key)

    def _add(self, *chunks: list[tuple[int, str]]) -> None:
        if not hasattr(self, "_parts"):
            self._parts = (Keys(), Keys(), Keys(unique=False))
        for part, chunk in zip(self._parts, chunks, strict=True):
            part.add(chunk)
            chunk.clear()

    def _capital(self, index: int, key: str) -> bool | None:
        """Whether person ``index``'s name term ``key`` needs a capital; None: the person has no such term."""
        terms = self._terms.get(index)
        if terms is None:
            if len(self._terms) > 50_000:
                self._terms.clear()
            terms = self._terms[index] = {}
            for k, _, capital in name_terms(self.people[index]):
                terms.setdefault(k, capital)
        return terms.get(key)

    def find_names(self, text: str) -> list[tuple[int, int, int, bool]]:
        """At each place a term may start (not after a word character), the longest known term that ends
        before a non-word character; the text after it is searched on (matches never overlap)."""
        table = self.names
        if not len(table):
            return []
        low, n = fold(text), len(text)
        ends = [m.start() for m in _NONWORD.finditer(text)]
        starts = [0, *(e + 1 for e in ends if e + 1 < n)]
        ends.append(n)
        out: list[tuple[int, int, int, bool]] = []
        cursor = 0
        for p in starts:
            if p < cursor or p >= n or low[p] not in table.firsts:
                continue
            lo, hi = bisect_right(ends, p), bisect_right(ends, p + table.longest)
            for k in range(hi - 1, lo - 1, -1):
                e = ends[k]
                if e - p not in table.lengths:
                    continue
                key = low[p:e]
                hit = next(((i, c) for i in table.owners_of(key) if (c := self._capital(i, key)) is not None), None)
                if hit is not None:
                    out.append((p, e, *hit))
                    cursor = e
                    break
        return out

    def find_phones(self, runs: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, int]]:
        """Of the written numbers ``runs`` (start, end, digits), those that are a known phone, with its first person."""
        out = []
        for start, end, digits in runs:
            for i in self.phones.owners_of(digits):
                if digits in phone_keys(self.people[i]):
                    out.append((start, end, i))
                    break
        return out

    def find_emails(self, text: str) -> list[tuple[int, int, int]]:
        """Known e-mail addresses, not after a word character or ``.+-`` and not before a word character or ``-``:
        for each person's each address in the case's order, its places in the text (not overlapping)."""
        table = self.emails
        if not len(table) or "@" not in text:
            return []
        low, n = fold(text), len(text)
        found: dict[tuple[int, int], list[tuple[int, int]]] = {}  # (person, address number) -> its places
        seen: set[tuple[int, int]] = set()
        for a in (i for i, c in enumerate(text) if c == "@"):
            starts = [p for p in range(max(0, a - table.longest + 1), a + 1) if low[p] in table.firsts and _email_start(text, p)]
            ends = [e for e in range(a + 1, min(n, a + table.longest) + 1) if e == n or not (_word(text[e]) or text[e] == "-")]
            for p in starts:
                for e in ends:
                    if e - p not in table.lengths or (p, e) in seen:
                        continue
                    seen.add((p, e))
                    key = low[p:e]
                    for i in dict.fromkeys(table.owners_of(key)):
                        for j, address in enumerate(email_keys(self.people[i])):
                            if address == key:
                                found.setdefault((i, j), []).append((p, e))
        out = []
        for (i, _), places in sorted(found.items()):
            last = -1
            for p, e in sorted(places):
                if p >= last:  # as a pattern's finditer: the next match starts after the last one ends
                    out.append((p, e, i))
                    last = e
        return out


def _email_start(text: str, p: int) -> bool:
    return p == 0 or not (_word(text[p - 1]) or text[p - 1] in _EMAIL_BEFORE)
