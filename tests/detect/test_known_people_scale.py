"""A case with many known people: the recognizer's work per text does not grow with them (issue 10)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.bench_people import contacts, messages
from redactor.detect import known_people
from redactor.detect.known_people import KnownPeopleRecognizer
from redactor.people_table import PeopleTable

ROOT = Path(__file__).resolve().parents[2]
ENTITIES = ["PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "STREET_ADDRESS"]


def _seconds_per_text(recognizer: KnownPeopleRecognizer, texts: list[str]) -> float:
    recognizer.analyze("warm up", ENTITIES)
    start = time.perf_counter()
    for text in texts:
        recognizer.analyze(text, ENTITIES)
    return (time.perf_counter() - start) / len(texts)


def test_no_pattern_is_compiled_per_person(monkeypatch):
    compiled = []
    real = re.compile
    monkeypatch.setattr(known_people.re, "compile", lambda *a, **k: compiled.append(a) or real(*a, **k))
    recognizer = KnownPeopleRecognizer(list(contacts(3_000)))
    found = [recognizer.analyze(text, ENTITIES) for text in messages(200, 3_000)]
    assert sum(map(len, found)) > 100  # names, phones and e-mails of the book were found
    assert len(compiled) <= 3  # before: one pattern of every name, and one pattern per e-mail address (3,000)


def test_a_text_costs_the_same_with_fifty_or_fifty_thousand_contacts():
    texts = messages(400, 50)
    few = _seconds_per_text(KnownPeopleRecognizer(list(contacts(50))), texts)
    many_people = PeopleTable.of(contacts(50_000))
    many = _seconds_per_text(KnownPeopleRecognizer(many_people), texts)
    assert many < 4 * few + 0.0005  # before: about 30 times slower per 10,000 contacts


PROBE = """
import json, resource, sys, time
from benchmarks.bench_people import contacts
from redactor.detect.known_people import KnownPeopleRecognizer
from redactor.people_table import PeopleTable
people = PeopleTable.of(contacts(50_000))
recognizer = KnownPeopleRecognizer(people)
recognizer.analyze("warm up", ["PERSON"])  # the lexicons the rules read are loaded before the tables are built
del recognizer._index
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
recognizer.load()
seconds = time.perf_counter() - start
index = recognizer._index
size = sum(t.hashes.nbytes + t.owners.nbytes + len(t.bits) for t in (index.names, index.phones, index.emails))
grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * 1024
print(json.dumps({"seconds": seconds, "grown": grown, "size": size}))
"""


def test_the_tables_of_fifty_thousand_contacts_are_small_and_quick_to_build():
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=300, cwd=ROOT)
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["size"] < 8e6  # hashes and owners of 150,000 keys and the pre-filters
    assert found["grown"] < 80e6  # before: one pattern of 150,000 names and 50,000 compiled patterns (about 300 MB)
    assert found["seconds"] < 30  # before: about 50 s; generous, the machine is shared
