"""The ``pelias`` evaluation set (``benchmarks/eval/pelias_build.py``, ``PELIAS.md``): test cases read from the parser's
JavaScript test files (commented-out ones left out), the gold rule (street to town, no venue, region or country at the
ends, no partial input), and the shipped labels (lines written here, not the set's)."""

from __future__ import annotations


def test_cases_are_read_from_the_test_files():
    from benchmarks.eval.pelias_build import cases

    source = """const testcase = (test, common) => {
  assert('Kiln Rd 12, 18512 Dunmore', [
    { street: 'Kiln Rd' }, { housenumber: '12' },
    { postcode: '18512' }, { locality: 'Dunmore' }
  ])
  // assert('Kiln Rd 14', [
  //   { street: 'Kiln Rd' }, { housenumber: '14' }
  // ])
  assert('O\\'Hara Lane 5', [{ street: 'O\\'Hara Lane' }, { housenumber: '5' }])
}"""
    assert cases(source) == [
        ("Kiln Rd 12, 18512 Dunmore", [("street", "Kiln Rd"), ("housenumber", "12"), ("postcode", "18512"), ("locality", "Dunmore")]),
        ("O'Hara Lane 5", [("street", "O'Hara Lane"), ("housenumber", "5")]),
    ]


def test_gold_runs_from_street_to_town_without_venue_region_or_country():
    from benchmarks.eval.pelias_build import gold, several_lines

    text = "Old Mill Tavern, 12 Kiln Rd, Dunmore, PA 18512, USA"
    parts = [("venue", "Old Mill Tavern"), ("housenumber", "12"), ("street", "Kiln Rd"), ("locality", "Dunmore")]
    parts += [("region", "PA"), ("postcode", "18512"), ("country", "USA")]
    start, end = gold(text, parts)
    assert text[start:end] == "12 Kiln Rd, Dunmore, PA 18512"  # the region between town and postcode stays
    lines = several_lines(text, parts)
    assert lines == "Old Mill Tavern\n12 Kiln Rd\nDunmore\nPA 18512\nUSA"
    start, end = gold(lines, parts)
    assert lines[start:end] == "12 Kiln Rd\nDunmore\nPA 18512"
    assert gold("Kiln Rd", [("street", "Kiln Rd")]) is None  # a bare street is nobody's address
    assert gold("Kiln Rd 12 181", [("street", "Kiln Rd"), ("housenumber", "12")]) is None  # a partial input: "181" in no part


def test_shipped_labels_are_trimmed_and_in_no_other_address_set():
    from benchmarks.eval.world import load_libpostal, load_pelias, load_worldaddr

    records, why = load_pelias()
    assert not why and len(records) >= 300
    others = {r["text"][r["labels"][0]["start"] : r["labels"][0]["end"]] for r in load_worldaddr()[0] + load_libpostal()[0]}
    for r in records:
        (label,) = r["labels"]
        value = r["text"][label["start"] : label["end"]]
        assert value and value == value.strip(" ,\n") and value not in others, r["id"]
        assert set(r["groups"]) == {"layout", "zone", "cue"}
