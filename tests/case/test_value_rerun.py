"""A re-run: the values redacted before it are spread over its new material, whatever the policy decides in it
(case/values.py: Values.sync_values)."""

from __future__ import annotations

from redactor.case import CaseStore
from redactor.records import REDACT, Flag, Item, Segment
from tests.factories import value_case

NEW_SID = "e" * 64


def _message(n: int, text: str) -> Item:
    iid = f"n{n:06d}"
    return Item(iid, NEW_SID, f"line {n}", "message", "chat", (Segment(f"{iid}.0", iid, 0, "text", text),), {})


def _decidable(item: Item, word: str) -> Flag:
    """A detected phone number a rule with 'decide' proposed to redact: the policy decides its value."""
    seg = item.segments[0]
    start = seg.text.index(word)
    explanation = {"party": "unknown", "category": "contact", "rule": "r", "policy_decides": True}
    end = start + len(word)
    return Flag(
        Flag.make_id(seg.segment_id, start, end, "PHONE_NUMBER"),
        item.item_id,
        seg.segment_id,
        start,
        end,
        "PHONE_NUMBER",
        0.9,
        "t",
        explanation,
        "TP",
        REDACT,
    )


def _rerun(store: CaseStore, texts: list[str], decided: dict[int, str]) -> list[Item]:
    """A second run: a new source with these messages, detection's flags (``decided``: message -> a number the policy
    decides), then the values step."""
    store.add_source(NEW_SID, "chat2.txt", "chat2.txt", 1, "text/plain")
    made = [_message(n, t) for n, t in enumerate(texts)]
    store.save_items(NEW_SID, made)
    store.save_flags(NEW_SID, [_decidable(made[n], word) for n, word in decided.items()])
    store.sync_values()
    return made


def _redacted_texts(store: CaseStore, made: list[Item]) -> set[str]:
    text = {i.item_id: i.segments[0].text for i in made}
    return {text[f.item_id][f.start : f.end] for f in store.flags(status=REDACT) if f.item_id in text}


def test_a_value_redacted_before_is_spread_over_new_material_where_the_policy_redacts_another(tmp_path):
    store = value_case(tmp_path / "case")
    (location,) = [v for v in store.value_rows() if v.entity == "LOCATION"]
    store.decide_value(location.value_id, REDACT, reviewer="DC Test", code="LOC")  # run 1's review
    made = _rerun(store, ["see you at zz78 then", "ring 07700 900111 now", "07700900111 again"], {1: "07700 900111"})
    phone = next(v for v in store.value_rows() if v.entity == "phone" and v.display.endswith("111"))
    assert (phone.status, phone.decided_by) == (REDACT, "policy")  # the policy redacted a new value in this sync
    assert _redacted_texts(store, made) == {"zz78", "07700 900111", "07700900111"}  # the old value's new occurrence too
    (spread,) = [f for f in store.flags(status=REDACT) if f.item_id == made[0].item_id]
    assert (spread.code, spread.recognizer) == ("LOC", "same-value")
    assert spread.flag_id in store.value_flag_ids(location.value_id)
    store.close()


def test_a_value_redacted_before_is_spread_over_new_material_where_the_policy_redacts_nothing(tmp_path):
    store = value_case(tmp_path / "case")
    (location,) = [v for v in store.value_rows() if v.entity == "LOCATION"]
    store.decide_value(location.value_id, REDACT, reviewer="DC Test", code="LOC")
    made = _rerun(store, ["see you at zz78 then", "nothing else"], {})
    assert _redacted_texts(store, made) == {"zz78"}
    store.close()
