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


def test_the_generated_shapes_are_seeded_and_name_nobody():
    from benchmarks.eval.negatives_shapes import PER_SHAPE, SHAPES, shape_negatives

    records = shape_negatives()
    assert records == shape_negatives() and len(records) == PER_SHAPE * len(SHAPES)
    assert {r["id"].split("#")[0] for r in records} == {f"shape-{s}" for s in SHAPES}


def test_labels_file_names_and_organisations_copyright_draw_almost_no_flags():
    """Form labels in other scripts, file names of ordinary words and organisations' copyright notices
    (``negatives_shapes.py``): at most a stray spaCy guess (a Greek value read as a name)."""
    from benchmarks.eval.negatives_shapes import shape_negatives
    from redactor import paths
    from redactor.detect.engine import Detector

    models = paths.models_dir()
    detector = Detector(models / "nlp_engine.yaml", models / "recognizers.yaml")
    records = [r for r in shape_negatives() if r["id"].split("#")[0] in ("shape-label", "shape-file", "shape-copyright")]
    flags = [r["text"][s.start : s.end] for r in records for s in detector.analyze(r["text"])]
    assert len(flags) <= 3, flags
