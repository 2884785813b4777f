"""The read side: highlighting runs, page boxes, conversations, explanations, the overview."""

from __future__ import annotations

import pytest

from redactor.case import CaseStore
from redactor.facts import DeviceFacts
from redactor.records import Flag, Item, Segment, Word
from redactor.review import queries
from redactor.review.actions import ScopeRequest, set_scope
from redactor.review.itempage import content_html


def _flag(fid: str, start: int, end: int, seg: str = "s1", status: str = "pending") -> Flag:
    return Flag(fid, "i1", seg, start, end, "PERSON", 0.85, "r", {}, "TP", "redact", status)


SEGMENT = Segment("s1", "i1", 0, "body", "call Jane Doe on 07700 900123")


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        ([], [(0, 29, ())]),
        ([_flag("a", 5, 13)], [(0, 5, ()), (5, 13, ("a",)), (13, 29, ())]),
        ([_flag("a", 5, 13), _flag("b", 10, 29)], [(0, 5, ()), (5, 10, ("a",)), (10, 13, ("a", "b")), (13, 29, ("b",))]),
        ([_flag("a", 0, 4, seg="other")], [(0, 29, ())]),  # another segment's flag
    ],
)
def test_runs_split_text_at_every_flag_boundary(flags, expected):
    got = [(r.start, r.end, tuple(f.flag_id for f in r.flags)) for r in queries.runs(SEGMENT, flags)]
    assert got == expected
    assert "".join(SEGMENT.text[r.start : r.end] for r in queries.runs(SEGMENT, flags)) == SEGMENT.text


def test_flag_boxes_are_page_fractions_one_per_line():
    words = (Word(0, 4, (100, 700, 130, 712)), Word(5, 9, (135, 700, 160, 712)), Word(10, 13, (100, 680, 120, 692)))
    seg = Segment("s1", "i1", 0, "page", "Jane Doe Lee", page=1, page_size=(600.0, 800.0), words=words, origin="pdf-text")
    boxes = queries.flag_boxes(seg, _flag("a", 0, 13))
    assert len(boxes) == 2
    left, top, width, height = boxes[0]
    assert (left, top, width, height) == pytest.approx((100 / 600, 88 / 800, 60 / 600, 12 / 800))
    assert queries.flag_boxes(SEGMENT, _flag("a", 0, 4)) == []  # no layout, no boxes


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({"thread": {"id": "x9", "name": "Work"}}, ("x9", "Work")),
        ({"thread": {"id": "+447700900123", "key": "k1", "app": "SMS/MMS"}, "thread_id": "other"}, ("k1", "SMS/MMS +447700900123")),
        ({"thread": {"key": "k2"}}, ("k2", "k2")),
        ({"thread": {"key": "", "id": 42}}, ("42", "42")),
        ({"thread": {"key": "", "app": "WhatsApp"}}, None),
        ({"thread": "plain", "chat_id": "c7"}, None),  # only the typed thread names a conversation
        ({"thread_id": "t1", "thread_name": "Family"}, None),
        ({"chat_id": "", "sender": "Mark"}, None),
        ({}, None),
    ],
)
def test_thread_of_reads_the_typed_thread(meta, expected):
    assert queries.thread_of(DeviceFacts.from_meta(meta)) == expected


def test_explain_lists_context_words_and_checksums():
    flag = Flag(
        "a",
        "i",
        "s",
        0,
        1,
        "UK_NHS",
        1.0,
        "NhsRecognizer",
        {
            "textual_explanation": "checksum",
            "supportive_context_word": "nhs",
            "validation_result": True,
            "original_score": 0.5,
            "score_context_improvement": 0,
        },
        "GID",
        "redact",
    )
    got = dict(queries.explain(flag))
    assert got == {"why": "checksum", "context word": "nhs", "checksum / validation": "passed", "score before context": "0.5"}
    known = Flag(
        "b",
        "i",
        "s",
        0,
        1,
        "PERSON",
        0.9,
        "KnownPeople",
        {"textual_explanation": "known person", "person_id": "p1", "party": "witness"},
        "VW",
        "redact",
    )
    assert dict(queries.explain(known, {"p1": "Jo Bloggs (witness, from roster)"})) == {
        "why": "known person",
        "whose data": "witness",
        "known person": "Jo Bloggs (witness, from roster)",
    }


@pytest.fixture
def chat_case(tmp_path):
    """A case with one conversation of eight messages and one standalone note."""
    store = CaseStore.create(tmp_path / "case")
    store.add_source("a" * 64, str(tmp_path / "phone.xml"), "phone.xml", 1, "application/xml")
    items = []
    for n in range(8):
        iid = f"m{n}"
        text = f"message {n} says <i>hi</i>"
        items.append(
            Item(
                iid,
                "a" * 64,
                f"sms[{n}]",
                "message",
                f"SMS {n}",
                (Segment(f"seg{n}", iid, 0, "body", text),),
                {"thread": {"key": "t1", "name": "Mark <Brown>"}, "sender": {"name": "Mark"}, "time": {"utc": f"2024-03-01T10:0{n}Z"}},
            )
        )
    items.append(Item("note", "a" * 64, "note", "note", "Note", (Segment("segn", "note", 0, "body", "a note"),), {}))
    store.save_items("a" * 64, items)
    yield store
    store.close()


def test_a_message_is_shown_with_its_neighbours(chat_case):
    view = queries.item_view(chat_case, "m4")
    assert view.thread == ("t1", "Mark <Brown>")
    assert [i.item_id for i, _, _ in view.before] == ["m0", "m1", "m2", "m3"][-queries.NEIGHBOURS :]
    assert [i.item_id for i, _, _ in view.after] == ["m5", "m6", "m7"]
    html = content_html(view)
    assert "Mark &lt;Brown&gt;" in html and "<i>hi</i>" not in html and "&lt;i&gt;hi" in html
    assert html.index("message 3") < html.index("message 4") < html.index("message 5")
    assert queries.item_view(chat_case, "note").thread is None


def test_scoping_a_conversation_marks_every_message(chat_case):
    set_scope(chat_case, "DC Tester", ScopeRequest(item_id="m2", scope="out", thread=True, reason="outside the agreed dates"))
    assert {i.item_id: chat_case.item_scope(i.item_id) for i in chat_case.items()} == {**{f"m{n}": "out" for n in range(8)}, "note": "in"}
    groups = queries.overview(chat_case).groups
    assert [(g.label, g.items, g.thread) for g in groups] == [("Mark <Brown>", 8, True), ("Note", 1, False)]
    assert queries.overview(chat_case).scoped == {"out": 8}
