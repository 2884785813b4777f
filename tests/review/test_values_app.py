"""People & identifiers in the review app: the start page, one decision per value, exceptions, inconsistencies."""

from __future__ import annotations

import json
import time

from redactor.case import CaseStore

from .conftest import XSS, chat_case


def _value(case_dir, display):
    with CaseStore.open(case_dir) as s:
        s.sync_values()
        return next(v for v in s.value_rows() if v.display == display)


def test_the_start_page_lists_people_and_identifiers(client, case_dir):
    page = client.open_page("/")
    jane = _value(case_dir, "Jane Doe")
    assert "People &amp; identifiers" in page and f'data-value="{jane.value_id}"' in page and "Jane Doe" in page
    assert "flags decided" in page
    detail = client.open_page(f"/value/{jane.value_id}")
    assert detail.count("<mark") == jane.occurrences
    assert client.request("GET", "/value/V99999")[0] == 404


def test_a_value_is_decided_once_for_every_occurrence(client, case_dir):
    jane = _value(case_dir, "Jane Doe")
    status, raw, _ = client.post("/api/value", {"value_id": jane.value_id, "decision": "accept", "version": jane.version})
    assert status == 200, raw
    answer = json.loads(raw)
    assert answer["status"] == "redact" and answer["changed"] == jane.occurrences
    stale, raw, _ = client.post("/api/value", {"value_id": jane.value_id, "decision": "keep", "reason": "x", "version": jane.version})
    assert stale == 409
    nokeep, raw, _ = client.post("/api/value", {"value_id": jane.value_id, "decision": "keep", "version": answer["version"]})
    assert nokeep == 400 and "reason" in json.loads(raw)["error"]


def test_an_exception_is_listed_as_inconsistent_until_it_has_a_reason(client, case_dir):
    jane = _value(case_dir, "Jane Doe")
    client.post("/api/value", {"value_id": jane.value_id, "decision": "redact", "version": jane.version})
    with CaseStore.open(case_dir) as s:
        one = s.value_flag_ids(jane.value_id)[0]
        s.decide(one, action="set", status="keep", reviewer="DC Other")
    for path in ("/", "/overview"):
        page = client.open_page(path)
        assert 'id="inconsistent"' in page and "the bundle refuses" in page
    status, _, _ = client.post("/api/except", {"flag_id": one, "decision": "keep", "reason": ""})
    assert status == 400
    status, _, _ = client.post("/api/except", {"flag_id": one, "decision": "keep", "reason": "quoted in the charge"})
    assert status == 200
    assert "each with a reason" in client.open_page("/")


def test_values_from_the_case_are_escaped(client, case_dir):
    with CaseStore.open(case_dir) as s:
        s.sync_values()
        s.conn.execute("UPDATE value_clusters SET display = ? WHERE value_id = 'V00001'", (XSS,))
    page = client.open_page("/")
    assert XSS not in page and "&lt;script&gt;" in page


def test_the_conversation_view_pages_a_long_thread(tmp_path):
    from redactor.review import conversation

    items = chat_case(tmp_path / "case", messages=conversation.WINDOW + 5)
    with CaseStore.open(tmp_path / "case") as s:
        first = conversation.conversation_view(s, items[3].item_id)
        assert len(first.messages) == conversation.WINDOW and first.next_window == items[conversation.WINDOW].item_id
        assert len(first.view.flags) == conversation.WINDOW and first.prev_window is None
        last = conversation.conversation_view(s, items[-1].item_id)
        assert len(last.messages) == 5 and last.prev_window == items[0].item_id
        body = conversation.conversation_body(last)
        assert f"messages {conversation.WINDOW + 1}-{conversation.WINDOW + 5} of {conversation.WINDOW + 5}" in body


def test_a_large_decision_is_answered_at_once_and_completed_after_the_answer(client, case_dir, monkeypatch):
    from redactor.review import values

    monkeypatch.setattr(values, "APPLY_CHUNK", 1)  # every value is "large": one occurrence now, the rest after
    jane = _value(case_dir, "Jane Doe")
    assert jane.occurrences > 1
    status, raw, _ = client.post("/api/value", {"value_id": jane.value_id, "decision": "redact", "version": jane.version})
    answer = json.loads(raw)
    assert status == 200 and answer["changed"] == 1 and answer["applying"] is True and answer["status"] == "redact"
    client.open_page("/")  # the server finished applying before it took the next request on this thread... or soon after
    for _ in range(100):
        with CaseStore.open(case_dir) as s:
            if not s.applying_values():
                break
        time.sleep(0.05)
    with CaseStore.open(case_dir) as s:
        done = s.value(jane.value_id)
        assert not done.applying and done.redacted == jane.occurrences and done.pending == 0
        assert [e.payload["flags"] for e in s.audit.events() if e.event == "value.applied"] == [jane.occurrences - 1]
    status, raw, _ = client.post("/api/undo", {})
    assert status == 200 and json.loads(raw) == {"changed": jane.occurrences, "conflicts": 0, "value_id": jane.value_id}
    with CaseStore.open(case_dir) as s:
        assert s.value(jane.value_id).pending == jane.occurrences and s.value(jane.value_id).decision is None
    assert client.post("/api/undo", {})[0] == 400  # nothing left to undo in this session


def test_a_value_decided_in_the_app_is_redacted_where_no_flag_covers_it(client, case_dir):
    from redactor.records import Item, Segment
    from tests.factories import unflagged_redacted

    mark = _value(case_dir, "Mark Brown")
    with CaseStore.open(case_dir) as s:  # a line the detector read past: lower case, a no-break space, a direction mark
        source = s.sources()[0].source_id
        text = "a later line names \u200emark\u00a0brown once more"
        s.save_items(
            source, [Item("planted", source, "line 999", "note", "note", (Segment("planted.0", "planted", 0, "body", text),), {})], 999
        )
    status, raw, _ = client.post("/api/value", {"value_id": mark.value_id, "decision": "redact", "version": mark.version})
    assert status == 200, raw
    with CaseStore.open(case_dir) as s:
        (added,) = s.flags(item_id="planted")
        assert (added.status, added.recognizer, added.explanation["same_value_as"]) == ("redact", "same-value", mark.value_id)
        assert text[added.start : added.end] == "mark\u00a0brown"
        assert unflagged_redacted(s, pending_as_redact=True) == []
