"""A value decided redact is redacted wherever its text stands, flagged by detection or not (case/value_spread.py)."""

from __future__ import annotations

import json

import pytest

from redactor.case import CaseStore
from redactor.records import KEEP, REDACT, Flag, Item, Segment
from tests.factories import SID, TEXTS, detector_flag, items, unflagged_redacted, value_case


@pytest.fixture
def store(tmp_path):
    s = value_case(tmp_path / "case")
    yield s
    s.close()


def value_of(store: CaseStore, entity: str) -> str:
    (v,) = [v for v in store.value_rows() if v.entity == entity]
    return v.value_id


def covered(store: CaseStore) -> dict[int, list[str]]:
    """Per message number, the redacted texts."""
    out: dict[int, list[str]] = {}
    for f in store.flags(status=REDACT):
        n = int(f.item_id[1:])
        out.setdefault(n, []).append(TEXTS[n][f.start : f.end] if n < len(TEXTS) else f.item_id)
    return out


def events(store: CaseStore, name: str) -> list[dict]:
    return [e for e in map(json.loads, store.audit.path.read_text().splitlines()) if e["event"] == name]


def test_a_value_decision_redacts_every_unflagged_occurrence(store):
    value = value_of(store, "LOCATION")
    store.decide_value(value, REDACT, reviewer="DC Test", code="LOC")
    redacted = covered(store)
    assert redacted[0] == ["ZZ78"] and redacted[1] == ["zz78"] and redacted[5] == ["ZZ78"]
    assert redacted[2] == ["Z\u200bZ78"] and redacted[3] == ["ZZ78"]  # the marks around stay, the value goes
    assert 4 not in redacted and 8 not in redacted
    added = [f for f in store.flags(status=REDACT) if f.recognizer == "same-value"]
    assert len(added) == 4 and {f.code for f in added} == {"LOC"} and {f.entity for f in added} == {"LOCATION"}
    assert set(store.value_flag_ids(value)) >= {f.flag_id for f in added}  # members of the value: decided like it
    assert store.value(value).occurrences == 5 and store.value(value).status == "redact"
    rows = [d for f in added for d in store.decisions(f.flag_id)]
    assert {(d.action, d.reviewer, d.reason) for d in rows} == {("same-value", "DC Test", f"same value as value {value}")}
    (event,) = events(store, "value.spread")
    assert event["payload"] == {"value_id": value, "flags": 4, "why": f"same value as value {value}"}
    assert "zz78" not in store.audit.path.read_text().lower()  # ids and counts, never the value
    assert [leak for leak in unflagged_redacted(store) if "LOCATION" in leak[1]] == []


def test_a_number_is_found_in_any_grouping(store):
    store.decide_value(value_of(store, "phone"), REDACT, reviewer="DC Test")
    assert sorted(covered(store)[7]) == ["0770 0900 456", "07700900456"]
    assert unflagged_redacted(store) == []


def test_undoing_the_value_decision_withdraws_the_added_flags(store):
    value = value_of(store, "LOCATION")
    store.decide_value(value, REDACT, reviewer="DC Test", code="LOC")
    store.undo_value_decision(value, reviewer="DC Test", expected_version=store.value(value).version)
    statuses = {f.recognizer: f.status for f in store.flags() if f.entity == "LOCATION"}
    assert statuses == {"t": "pending", "same-value": KEEP}  # withdrawn, history kept
    store.decide_value(value, REDACT, reviewer="DC Test", code="LOC")  # and back: every one of them redacted
    assert {f.status for f in store.flags() if f.entity == "LOCATION"} == {REDACT}
    assert len([f for f in store.flags() if f.entity == "LOCATION"]) == 5


def test_new_material_on_a_rerun_is_redacted_like_the_value(store):
    value = value_of(store, "LOCATION")
    store.decide_value(value, REDACT, reviewer="DC Test", code="LOC")
    store.save_items(SID, items(["a new message: see you at zz78", "and Z\u200dZ78 again"], first=100), 100)
    assert store.sync_values()["spread"] == 2
    new = [f for f in store.flags() if f.item_id in ("m000100", "m000101")]
    assert {(f.status, f.code, f.entity) for f in new} == {(REDACT, "LOC", "LOCATION")} and len(new) == 2
    assert events(store, "value.spread")[-1]["payload"]["flags"] == 2
    assert store.sync_values()["spread"] == 0  # nothing new: nothing read again


def test_a_flag_decided_redact_alone_spreads_its_text(store):
    (flag,) = [f for f in store.flags() if f.entity == "LOCATION"]
    store.decide(flag.flag_id, action="accept", status=REDACT, reviewer="DC Test")
    assert len(store.spread_flags([flag.flag_id], actor="DC Test")) == 4
    assert store.spread_flags([flag.flag_id], actor="DC Test") == []  # covered now: nothing twice
    assert events(store, "value.spread")[-1]["actor"] == "DC Test"


def test_an_exception_of_a_kept_value_is_not_spread(store):
    value = value_of(store, "LOCATION")
    store.decide_value(value, KEEP, reviewer="DC Test", reason="the suspect's own area, in the charge")
    (flag,) = [f for f in store.flags() if f.entity == "LOCATION"]
    store.except_occurrence(flag.flag_id, REDACT, reviewer="DC Test", reason="this one message names her street too")
    assert store.spread_all(actor="DC Test") == []
    assert store.spread_values([value], actor="DC Test") == []


def test_a_kept_flag_over_the_text_counts_as_decided(store):
    """An occurrence a reviewer flagged and kept is a decision of its own: it is not flagged again."""
    (flag,) = [f for f in store.flags() if f.entity == "LOCATION"]
    store.decide(flag.flag_id, action="accept", status=REDACT, reviewer="DC Test")
    later = items(["ZZ78 kept on purpose here"], first=200)[0]
    store.save_items(SID, [later], 200)
    kept = detector_flag(later, "ZZ78", "LOCATION", "location", "LOC")
    store.save_flags(SID, [kept], replace=False)
    store.decide(kept.flag_id, action="reject", status=KEEP, reviewer="DC Test", reason="quoted in the MG5")
    store.spread_flags([flag.flag_id], actor="DC Test")
    assert [f.status for f in store.flags(item_id=later.item_id)] == [KEEP]


@pytest.mark.parametrize("word", ["This", "Will"])
def test_a_known_persons_alias_that_is_a_function_word_is_not_spread_nor_watched(tmp_path, word):
    """An address book saves 'This Is DFIR Two' with the alias 'This': every 'this' of the material must not go."""
    from redactor.bundle.leaks import case_watchlist

    s = _person_case(tmp_path, [f"{word} Is DFIR Two rang", f"delete {word.lower()} after reading", "Jojo said hi"], (word, "Jojo"))
    made_texts = [i.segments[0].text for i in s.items()]
    flagged = sorted(made_texts[int(f.item_id[1:])][f.start : f.end] for f in s.flags(status=REDACT))
    assert flagged == sorted([f"{word} Is DFIR Two", "Jojo"])  # not "this" / "will" in the second text
    watch = {w.norm for w in case_watchlist(s)}
    assert "jojo" in watch and f"{word.lower()} is dfir two" in watch and word.lower() not in watch
    s.close()


def _person_case(tmp_path, texts, aliases):
    from redactor.records import Person

    s = CaseStore.create(tmp_path / "case")
    s.add_source(SID, "chat.txt", "chat.txt", 1, "text/plain")
    name = texts[0].removesuffix(" rang")
    s.add_people([Person("p-jo", name, aliases, (), (), "other", "chat")])
    made = items(texts)
    s.save_items(SID, made)
    seg = made[0].segments[0]
    explanation = {"party": "third_party", "category": "name", "person_id": "p-jo", "rule": "r"}
    flag = Flag(
        Flag.make_id(seg.segment_id, 0, len(name), "PERSON"),
        made[0].item_id,
        seg.segment_id,
        0,
        len(name),
        "PERSON",
        0.9,
        "t",
        explanation,
        "TP",
        REDACT,
    )
    s.save_flags(SID, [flag])
    s.sync_values()
    (person,) = s.value_rows()
    s.decide_value(person.value_id, REDACT, reviewer="DC Test")
    return s


def test_a_known_persons_names_go_with_the_person(tmp_path):
    s = _person_case(tmp_path, ["Jo Example rang", "jojo said hi", "JO EXAMPLE again"], ("Jojo",))
    texts = [i.segments[0].text for i in s.items()]
    assert sorted(texts[int(f.item_id[1:])][f.start : f.end] for f in s.flags(status=REDACT)) == ["JO EXAMPLE", "Jo Example", "jojo"]
    assert unflagged_redacted(s) == []
    s.close()


def test_the_index_follows_removed_and_new_segments(store):
    """A failed source's segments are removed and their rowids may be given again: the index reads them anew."""
    value = value_of(store, "LOCATION")
    store.index_segments()
    other = "e" * 64
    store.add_source(other, "b.txt", "b.txt", 1, "text/plain")
    bad = [Item(f"x{n}", other, f"l{n}", "message", "x", (Segment(f"x{n}.0", f"x{n}", 0, "text", "no value here"),), {}) for n in range(3)]
    store.save_items(other, bad)
    store.index_segments()
    store.discard_items(other)
    again = [
        Item(f"y{n}", other, f"l{n}", "message", "x", (Segment(f"y{n}.0", f"y{n}", 0, "text", f"ZZ78 number {n}"),), {}) for n in range(3)
    ]
    store.save_items(other, again)
    store.decide_value(value, REDACT, reviewer="DC Test", code="LOC")
    assert {f.item_id for f in store.flags(status=REDACT) if f.item_id.startswith("y")} == {"y0", "y1", "y2"}


def test_candidates_come_from_the_index_not_from_every_segment(store):
    many = items([f"message {n} about the weather, word{n}" for n in range(2000)], first=1000)
    many[1500] = items(["the ZZ78 once more"], first=2500)[0]
    store.save_items(SID, many, 1000)
    store.index_segments()
    found = store._candidates("zz78", 0)
    assert 4 <= len(found) <= 8  # the messages that hold it (and ZZ789, xZZ78), not 2,009 segments


def test_many_decisions_spread_once_at_the_end_of_the_block(store):
    """A values CSV decides thousands of values: their unflagged occurrences are found in one pass when it ends."""
    with store.transaction(), store.spreading_once(actor="DC Test"):
        for value in (value_of(store, "LOCATION"), value_of(store, "phone")):
            store.decide_value(value, REDACT, reviewer="DC Test")
        assert events(store, "value.spread") == []  # not yet
    assert sorted(e["payload"]["flags"] for e in events(store, "value.spread")) == [2, 4]
    assert unflagged_redacted(store) == []


def test_many_values_find_the_segments_one_index_lookup_per_value_finds(store):
    """With BULK values or more, a spread reads the index's texts once: the same segments, values in the same order."""
    import random

    from redactor.case.value_spread import BULK
    from redactor.case.value_text import normalise

    rng = random.Random(7)
    words = ["zz78", "07700 900", "jo", "example", "ab", "a.b", "com", "@mail", "x", "é", "9", "12", "street", "-", " "]
    store.save_items(SID, items(["".join(rng.choices(words, k=rng.randint(1, 9))) for _ in range(600)], first=1000), 1000)
    store.index_segments()
    values = sorted({normalise("".join(rng.choices(words, k=rng.randint(1, 3)))) for _ in range(3 * BULK)} - {""})
    assert len(values) >= BULK
    one_by_one: dict[int, list[str]] = {}
    for norm in values:
        for rowid in store._candidates(norm, 0):
            one_by_one.setdefault(rowid, []).append(norm)
    bulk = store._hits(values, 0)
    assert bulk == one_by_one and len(bulk) > 300
    assert store._hits(values, 500) == {k: v for k, v in one_by_one.items() if k > 500}


def test_a_name_that_is_a_common_word_is_not_spread_over_its_ordinary_use(tmp_path):
    """A contact "Mark Dunn" (alias "Mark") whose phone is redacted: the spread carried "mark" into "a question mark" and
    "mark my words", labelled as a phone number (the person's first flag). A name that is a very common word ("mark",
    "hope", "will") is redacted where detection flagged it (with its capital) and nowhere else, as function words are; the
    full name still goes everywhere, as a person."""
    from redactor.bundle.leaks import case_watchlist
    from redactor.records import Person

    s = CaseStore.create(tmp_path / "case")
    s.add_source(SID, "chat.txt", "chat.txt", 1, "text/plain")
    s.add_people([Person("p-mark", "Mark Dunn", ("Mark",), ("07700 900123",), (), "other", "contacts")])
    texts = ["07700 900123 rang", "there is a question mark on that form", "mark my words", "MARK DUNN again", "I hope so"]
    made = items(texts)
    s.save_items(SID, made)
    seg = made[0].segments[0]
    explanation = {"party": "third_party", "category": "phone", "person_id": "p-mark", "rule": "r"}
    flag = Flag(
        Flag.make_id(seg.segment_id, 0, 12, "PHONE_NUMBER"), made[0].item_id, seg.segment_id, 0, 12, "PHONE_NUMBER", 0.9, "t",
        explanation, "TP", REDACT,
    )  # fmt: skip
    s.save_flags(SID, [flag])
    s.sync_values()
    (phone,) = s.value_rows()
    s.decide_value(phone.value_id, REDACT, reviewer="DC Test")
    s.spread_all()
    flagged = {(texts[int(f.item_id[1:])][f.start : f.end], f.entity) for f in s.flags(status=REDACT)}
    assert flagged == {("07700 900123", "PHONE_NUMBER"), ("MARK DUNN", "PERSON")}
    watch = {w.norm for w in case_watchlist(s)}
    assert "mark dunn" in watch and "mark" not in watch
    assert unflagged_redacted(s) == []
    s.close()


def test_a_flagged_name_that_is_a_common_word_is_spread_only_where_it_is_written_as_a_name(tmp_path):
    """spaCy's "Mark" in "Mark said he would come", decided redact: the spread boxed "a question mark" and "mark my words"
    (case-insensitive matching). A very common word is now spread only where it is written as a name: with its capital,
    and, opening a sentence, not before a word that shows the ordinary word ("Mark my words")."""
    s = CaseStore.create(tmp_path / "case")
    s.add_source(SID, "chat.txt", "chat.txt", 1, "text/plain")
    texts = [
        "Mark said he would come", "there is a question mark on that form", "mark my words", "Mark my words, he said",
        "I told Mark already", "Mark is coming round", "MARK again",
    ]  # fmt: skip
    made = items(texts)
    s.save_items(SID, made)
    s.save_flags(SID, [detector_flag(made[0], "Mark", "PERSON", "name", "TP")])
    s.sync_values()
    (value,) = s.value_rows()
    s.decide_value(value.value_id, REDACT, reviewer="DC Test")
    s.spread_all()
    redacted = sorted((int(f.item_id[1:]), texts[int(f.item_id[1:])][f.start : f.end]) for f in s.flags(status=REDACT))
    assert redacted == [(0, "Mark"), (4, "Mark"), (5, "Mark"), (6, "MARK")]
    assert unflagged_redacted(s) == []  # the leak scan agrees: "question mark" and "mark my words" are no leak
    s.close()
