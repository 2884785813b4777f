"""What the bundle prints about an item (titles, file and exhibit names) is scrubbed by the leak scan's own rule:
whatever the scan would find in a text, the scrubber has already replaced."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from redactor.bundle.leaks import Scanner, Watch
from redactor.bundle.scrub import Scrubber, normalise

PIECES = ["Jo", "Example", "android", "0770", "0900", "123", "_", ".", "-", " ", "\u200e", "x", "vcf", "Zoë", "1"]
texts = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)


@settings(max_examples=300, deadline=None)
@given(values=st.lists(texts, min_size=1, max_size=4), text=texts)
def test_the_scan_finds_nothing_the_scrubber_has_seen(values, text):
    norms = [normalise(v) for v in values if len(normalise(v)) >= 3]
    scanner = Scanner([Watch(n, "value") for n in norms])
    cleaned = Scrubber.of((v, "TP") for v in values).clean(text)
    assert scanner.find(cleaned, chrome=False) is None


def test_a_value_joined_by_underscores_or_regrouped_is_scrubbed():
    scrubber = Scrubber.of([("Android", "TP"), ("07700 900123", "TP"), ("Jo Example", "VW")])
    assert scrubber.clean("android_contacts_v21.vcf") == "[TP]_contacts_v21.vcf"  # before: "_" counted as a letter
    assert scrubber.clean("call 07700900123 or 0770-0900-123") == "call [TP] or [TP]"
    assert scrubber.clean("Jo.Example.vcf, Androids") == "[VW].vcf, Androids"
