"""Property tests over random spans: whatever a redaction touches is gone, everything else is kept.

Each token is unique (word plus number) so a removed token cannot reappear as a kept one.
For a text PDF, a scanned PDF and an image, random character spans are flagged; every
word a span touches must be absent from the output's text layer and its bytes, and
every other word must still be in the text layer.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redactor.records import REDACT, Flag
from tests.extract.documents import factory
from tests.extract.documents.helpers import all_bytes, extract, pdf_text, render

pytestmark = pytest.mark.slow
WORDS = ["amber", "birch", "cedar", "delta", "ember", "fjord", "grove", "heath", "inlet", "juniper", "kestrel", "larch"]
TOKENS = [f"{WORDS[i % len(WORDS)]}{i}" for i in range(48)]
LINES = [" ".join(TOKENS[i : i + 6]) for i in range(0, len(TOKENS), 6)]


@pytest.fixture(scope="module", params=["text", "scan", "image"])
def document(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(request.param)
    if request.param == "text":
        path = factory.text_pdf(folder / "doc.pdf", [LINES])
    elif request.param == "scan":
        path = factory.scanned_pdf(folder / "doc.pdf", [LINES], dpi=200)
    else:
        path = factory.image_file(folder / "doc.png", [LINES], dpi=200)
    item = extract(path)
    return path, item


def _flag(segment, start: int, end: int) -> Flag:
    return Flag(
        Flag.make_id(segment.segment_id, start, end, "X"), "item", segment.segment_id, start, end, "X", 1.0, "t", {}, "TP", REDACT, REDACT
    )


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_touched_words_are_removed_and_the_rest_kept(document, data):
    path, item = document
    segment = item.segments[0]
    words = [(w, segment.text[w.start : w.end]) for w in segment.words]
    counts: dict[str, int] = {}
    for _, t in words:
        counts[t] = counts.get(t, 0) + 1
    unique = {t for t, c in counts.items() if c == 1 and re.fullmatch(r"[a-z]+\d+", t)}  # tokens read back whole
    assert len(unique) >= 0.75 * len(TOKENS)
    n = len(segment.text)
    spans = data.draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(1, 25)), min_size=1, max_size=6))
    flags = [_flag(segment, s, min(n, s + length)) for s, length in spans]
    touched = {t for w, t in words if any(w.start < f.end and f.start < w.end for f in flags)} & unique
    kept = unique - touched
    rendered = render(item, path, flags)
    found = set(re.findall(r"[a-z]+\d+", pdf_text(rendered.pdf)))
    raw = all_bytes(rendered.pdf)
    assert not found & touched
    assert kept <= found
    assert not any(re.search(rb"(?<![a-z0-9])" + t.encode() + rb"(?![0-9])", raw) for t in touched)
