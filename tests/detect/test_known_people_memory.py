"""A case that knows very many people, in memory (issue 10): a detection worker reading a million address-book
cards keeps neither their words (spaCy's vocabulary) nor a large block of people per look-up."""

from __future__ import annotations

import random
import zlib

from benchmarks.bench_people import contacts
from redactor import paths, people_table
from redactor.detect.engine import Detector
from redactor.detect.known_people import known_people_recognizers
from redactor.people_table import PeopleTable


def _cards(first: int, count: int) -> list[str]:
    """The texts of address-book cards: each a new name, number and e-mail, as a phone's contacts are."""
    return [
        t for i in range(first, first + count) for t in (f"Zyx{i} Qorvath{i}", f"07700 9{i % 100000:05d}", f"zyx.{i}@qv{i}.example.com")
    ]


def test_the_detector_forgets_the_words_of_the_texts_it_read():
    models = paths.models_dir()
    detector = Detector(models / "nlp_engine.yaml", models / "recognizers.yaml")
    people = PeopleTable.of(contacts(2_000))
    extra = known_people_recognizers(people)
    detector.analyze_many(["warm up: ask Sophie Sample1"], extra)
    nlp = detector.engine.nlp_engine.nlp["en"]
    before = len(nlp.vocab.strings)
    found = detector.analyze_many(_cards(0, 200), extra)
    detector.analyze_many(_cards(200, 200), extra)
    # before: every new word stayed (+4 strings a card, about 2 MB per 1,000 cards in a worker)
    assert len(nlp.vocab.strings) == before
    assert sum(map(len, found)) >= 400  # names, numbers and e-mails found
    assert detector.analyze_many(_cards(0, 200), extra) == found  # read again after the zone: the same spans


def test_a_random_read_decompresses_one_small_block(monkeypatch):
    table = PeopleTable.of(contacts(20_000))
    sizes: list[int] = []
    real = zlib.decompress
    monkeypatch.setattr(people_table.zlib, "decompress", lambda data: sizes.append(len(out := real(data))) or out)
    rng = random.Random(11)
    wanted = [rng.randrange(len(table)) for _ in range(300)]
    got = [table[i] for i in wanted]
    assert [p.person_id for p in got] == [f"p{i:07d}" for i in wanted]
    # a person's card is read several times at once (its name, number, e-mail, then its flags): once decompressed
    recent = wanted[-(people_table.HELD // 2) :]
    assert [table[i] for i in recent * 3] == [table[i] for i in recent] * 3 and len(sizes) <= len(wanted)
    assert sum(sizes) / len(sizes) < 4_000  # before: the block of 256 people each time (about 25 kB)
