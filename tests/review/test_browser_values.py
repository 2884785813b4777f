"""The review app in Chromium (Playwright): the values queue's filter box, undo of a value decision,
and accepting through a long conversation window by window."""

from __future__ import annotations

import pytest

from redactor.case import CaseStore
from redactor.records import PENDING, REDACT

from .conftest import chat_case

pytestmark = pytest.mark.browser


def _shown(page) -> list[str]:
    return page.eval_on_selector_all("#values tr[data-value]:not([hidden])", "rows => rows.map(r => r.cells[2].textContent)")


def test_the_filter_box_is_reached_with_slash_and_narrows_the_queue(page, server, case_dir):
    with CaseStore.open(case_dir) as s:
        s.sync_values()
        values = s.value_rows()
        phones = {v.display for v in values if v.entity == "phone"}
    page.goto(server.url)
    page.wait_for_selector("#values tr.cur")
    total = len(_shown(page))
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "value-filter"
    page.keyboard.type("jane doe")  # every word, in any of the display, entity, party, value id
    shown = _shown(page)
    assert "Jane Doe" in shown and "jane.doe@example.com" in shown and len(shown) < total
    assert all("jane" in s.lower() and "doe" in s.lower() for s in shown)
    chosen = page.get_attribute("#values tr.cur", "data-value")
    assert page.eval_on_selector("#values tr.cur", "tr => tr.hidden") is False
    page.keyboard.press("Enter")  # back to the rows: keys decide again
    assert page.evaluate("document.activeElement.id") != "value-filter"
    page.keyboard.press("a")
    page.wait_for_selector('body[data-queued="0"]')
    page.wait_for_selector(f'#values tr[data-value="{chosen}"][data-status="redact"]')
    page.keyboard.press("/")
    page.keyboard.press("Escape")  # clears the filter
    assert len(_shown(page)) == total
    page.keyboard.press("Escape")
    page.keyboard.press("/")
    page.keyboard.type("phone")  # by entity
    assert set(_shown(page)) == phones and phones
    page.fill("#value-filter", "third_party")  # by party
    with CaseStore.open(case_dir) as s:
        third = {v.display for v in s.value_rows() if v.party == "third_party"}
    assert set(_shown(page)) == third
    with CaseStore.open(case_dir) as s:
        decided = [v.value_id for v in s.value_rows() if v.decided_by == "DC Tester"]
    assert decided == [chosen]  # typing in the box decided nothing
    assert page.errors == []


def test_u_undoes_the_last_value_decision_and_keeps_the_history(page, server, case_dir):
    page.goto(server.url)
    page.wait_for_selector("#values tr.cur")
    value_id = page.get_attribute("#values tr.cur", "data-value")
    page.keyboard.press("a")
    page.wait_for_selector('body[data-queued="0"]')
    page.wait_for_selector(f'#values tr[data-value="{value_id}"]:not([data-status="pending"]):not([data-status="queued"])')
    with page.expect_navigation():
        page.keyboard.press("u")
    page.wait_for_selector(f'#values tr[data-value="{value_id}"][data-status="pending"]')
    page.wait_for_selector(f'#banner:has-text("Undone: the decision on {value_id}")')  # shown once the page has loaded
    assert "Undone: the decision on " + value_id in page.text_content("#banner")
    assert page.get_attribute("#values tr.cur", "data-value") == value_id  # the reviewer is back on the value undone
    with CaseStore.open(case_dir) as s:
        value = s.value(value_id)
        assert value.decision is None and value.pending == value.occurrences
        actions = [r[0] for r in s.conn.execute("SELECT action FROM value_decisions WHERE value_id = ? ORDER BY id", (value_id,))]
        assert actions == ["value.decided", "value.undo"]
        assert [e.payload["value_id"] for e in s.audit.events() if e.event == "value.undone"] == [value_id]
    assert page.errors == []


def test_accepting_past_the_end_of_a_conversation_window_goes_on_to_the_next_window(page, tmp_path, monkeypatch):
    """7 quick presses of 'a' on windows of 5 messages: 5 here, then the next window with 2 more."""
    from redactor.review import conversation
    from redactor.review.server import ReviewServer

    monkeypatch.setattr(conversation, "WINDOW", 5)
    items = chat_case(tmp_path / "case", messages=12)
    srv = ReviewServer(tmp_path / "case", "DC Thread", port=0)
    srv.start_background()
    try:
        page.goto(f"{srv.url}thread/{items[0].item_id}")
        page.wait_for_selector("#flags li.cur")
        assert page.locator("article.msg").count() == 5
        for _ in range(7):
            page.keyboard.press("a")
            page.wait_for_timeout(50)
        page.wait_for_url(f"**/thread/{items[5].item_id}**")
        page.wait_for_selector('body[data-queued="0"]')
        page.wait_for_function("document.querySelectorAll('#flags li[data-status=\"redact\"]').length === 2")
    finally:
        srv.stop()
    with CaseStore.open(tmp_path / "case") as s:
        assert {f.item_id for f in s.flags(status=REDACT)} == {i.item_id for i in items[:7]}
        assert len(s.flags(status=PENDING)) == 5
    assert page.errors == []
