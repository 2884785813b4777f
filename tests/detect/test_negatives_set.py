"""The negatives set of ``make eval`` (benchmarks/eval/negatives.py): real text with no personal data,
so that every flag on it counts as a false positive."""

from __future__ import annotations

import pytest

from benchmarks.eval import negatives


def test_lines_that_name_someone_are_left_out():
    text = (
        "TERMS AND CONDITIONS\n"
        "Copyright (C) 2007 Free Software Foundation, Inc.\n"
        "51 Franklin St, Fifth Floor, Boston, MA 02110-1301 USA\n"
        "Written by Jane Example <jane@example.org>\n"
        "signature of Ty Coon, 1 April 1989\n"
        "You may convey verbatim copies of the Program's source code."
    )
    kept = negatives.clean_lines(text)
    assert kept == ["TERMS AND CONDITIONS", "You may convey verbatim copies of the Program's source code."]


def test_chunks_keep_every_paragraph_in_order_and_stay_near_the_size():
    paras = [f"Paragraph {n} " + "word " * 60 for n in range(40)]
    out = negatives.chunks("\n\n".join(paras).splitlines())
    assert "".join(out).replace("\n", "") == "".join(paras)
    assert all(len(c) <= negatives.CHUNK + 400 for c in out) and len(out) > 5


def test_the_set_loads_from_the_system_or_says_why_not():
    records, why = negatives.load_negatives()
    if records is None:
        pytest.skip(f"negatives set unavailable: {why}")
    assert len(records) > 100 and all(r["labels"] == [] for r in records)
    assert not any("@" in r["text"] or "Franklin St" in r["text"] for r in records)
